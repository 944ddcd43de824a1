import { expect, test } from 'vitest';
import { toDuckDbSql } from './duckdb-dialect';

test.each([
  ['SELECT round(c.monetary::numeric, 2) FROM customer_result c', 'SELECT pg_round_numeric(c.monetary, 2) FROM customer_result c'],
  ['WHERE c.customer_id LIKE $4', "WHERE c.customer_id LIKE $4 ESCAPE '\\'"],
  ["WHERE c.customer_id LIKE $4 ESCAPE '!'", "WHERE c.customer_id LIKE $4 ESCAPE '!'"],
  ['WHERE c.run_id = $1 AND c.country = ANY($2::text[]) AND c.cluster_kmeans = ANY($3::int[])', 'WHERE c.run_id = $1 AND list_contains($2::text[], c.country) AND list_contains($3::int[], c.cluster_kmeans)'],
  ['WHERE c.run_id = $1 AND c.clv >= $2', 'WHERE c.run_id = $1 AND c.clv >= $2'],
])('%s', (postgres, duckdb) => {
  expect(toDuckDbSql(postgres)).toBe(duckdb);
});
