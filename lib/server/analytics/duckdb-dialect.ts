/**
 * The PostgreSQL functions the dashboard's SQL uses that DuckDB lacks, as DuckDB macros that
 * give PostgreSQL's answers (created once per DuckDB instance).
 */
export const DUCKDB_COMPAT_MACROS: readonly string[] = [
  // PostgreSQL 16+'s width_bucket(float8, float8, float8, int): the quotient may round up to 1.0, so cap at count.
  `CREATE OR REPLACE MACRO width_bucket(x, low, high, n) AS
     CASE WHEN x IS NULL THEN NULL WHEN x < low THEN 0 WHEN x >= high THEN n + 1
          ELSE least(floor(n * ((x - low) / (high - low))), n - 1)::INTEGER + 1 END,
   (x, thresholds) AS CASE WHEN x IS NULL THEN NULL ELSE len(list_filter(thresholds, lambda t: t <= x))::INTEGER END`,
  // Only the date fields the dashboard formats: YYYY, MM, DD.
  `CREATE OR REPLACE MACRO to_char(t, fmt) AS strftime(t, replace(replace(replace(fmt, 'YYYY', '%Y'), 'MM', '%m'), 'DD', '%d'))`,
  // round(x::numeric, d): PostgreSQL turns a float8 into numeric through its 15 significant digits, then rounds half away from
  // zero. Only a value within a hair of a half cent can round differently from DuckDB's round(x, d), so only those take the
  // exact (and slow: text, then decimal) way.
  `CREATE OR REPLACE MACRO pg_round_numeric(x, d) AS
     CASE WHEN abs(abs(x * (10 ^ d)) - floor(abs(x * (10 ^ d))) - 0.5) < 1e-6 AND abs(x) < 1e20
          THEN round(printf('%.15g', x)::DECIMAL(38, 17), d)::DOUBLE
          ELSE round(x, d) END`,
];

/**
 * PostgreSQL SQL from the dashboard (customer_result queries with $n parameters) as DuckDB SQL:
 * `round(x::numeric, d)` keeps PostgreSQL's rounding, LIKE takes the backslash as its escape
 * character as PostgreSQL's does, and `column = ANY($n::text[])` becomes list_contains (DuckDB
 * plans `= ANY(list)` as a join on the unnested list, 3-4x slower over a run; in a WHERE the two
 * agree: a NULL column matches neither). Everything else the dashboard writes (::float8, ::int,
 * FILTER, percentile_cont ... WITHIN GROUP, width_bucket, to_char) DuckDB reads as is or through
 * DUCKDB_COMPAT_MACROS.
 */
export function toDuckDbSql(text: string): string {
  return text
    .replace(/round\(([\w.]+)::numeric,\s*(\d+)\)/gi, 'pg_round_numeric($1, $2)')
    .replace(/\bLIKE\s+(\$\d+)(?!\s+ESCAPE)/gi, "LIKE $1 ESCAPE '\\'")
    .replace(/([\w.]+)\s*=\s*ANY\((\$\d+)::(text|int)\[\]\)/gi, 'list_contains($2::$3[], $1)');
}
