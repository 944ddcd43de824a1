import { DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DuckDbConnectionPool } from './duckdb-connection-pool';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => instance.closeSync());

/** A pool whose connections each get a temp view `t` of `key` (a number: the rows 1..key), counting the connections it opened. */
function makePool(options = { maxIdle: 2, maxPrepared: 2 }) {
  const opened: string[] = [];
  const pool = new DuckDbConnectionPool(async (key) => {
    const connection: DuckDBConnection = await instance.connect();
    await connection.run(`CREATE TEMP VIEW t AS SELECT range + 1 AS n FROM range(${Number(key)})`);
    opened.push(key);
    return connection;
  }, options);
  const sum = (key: string, above: number) =>
    pool.use(key, async (pooled) => (await pool.readAll(pooled, 'SELECT sum(n)::int AS s FROM t WHERE n > $1', [above], [INTEGER])).getRowObjectsJS()[0]!.s);
  return { pool, opened, sum };
}

describe('DuckDbConnectionPool', () => {
  test('a key reuses its idle connection (and its view), and a statement prepared once binds new values', async () => {
    const { pool, opened, sum } = makePool();
    expect(await sum('4', 0)).toBe(10);
    expect(await sum('4', 2)).toBe(7);
    expect(await sum('4', 3)).toBe(4);
    expect(opened).toEqual(['4']);
    expect(pool.idleConnections).toBe(1);
  });

  test('each key has its own connections: a view of one file never answers for another', async () => {
    const { opened, sum } = makePool();
    expect(await sum('3', 0)).toBe(6);
    expect(await sum('5', 0)).toBe(15);
    expect(await sum('3', 0)).toBe(6);
    expect(opened).toEqual(['3', '5']);
  });

  test('statements running at once each get a connection of their own', async () => {
    const { pool, opened } = makePool({ maxIdle: 4, maxPrepared: 4 });
    const slow = (n: number) => pool.use('6', async (pooled) => (await pool.readAll(pooled, 'SELECT count(*)::int AS c FROM t WHERE n <= $1', [n], [INTEGER])).getRowObjectsJS()[0]!.c);
    expect(await Promise.all([slow(1), slow(2), slow(3)])).toEqual([1, 2, 3]);
    expect(opened.length).toBe(3);
    expect(pool.idleConnections).toBe(3);
  });

  test('past maxIdle the least recently used key loses its connection; past maxPrepared the oldest statement is dropped', async () => {
    const { pool, opened, sum } = makePool({ maxIdle: 2, maxPrepared: 1 });
    await sum('1', 0);
    await sum('2', 0);
    await sum('3', 0);
    expect(pool.idleConnections).toBe(2);
    await sum('1', 0);
    expect(opened).toEqual(['1', '2', '3', '1']);
    // One statement kept per connection: a second text replaces the first, and both still answer.
    const text = await pool.use('3', async (pooled) => {
      const a = (await pool.readAll(pooled, "SELECT $1 || 'x' AS v", ['a'], [VARCHAR])).getRowObjectsJS()[0]!.v;
      expect(pooled.prepared.size).toBe(1);
      return a;
    });
    expect(text).toBe('ax');
    expect(await sum('3', 1)).toBe(5);
  });

  test('a connection whose statement failed is closed, not handed to the next statement', async () => {
    const { pool, opened, sum } = makePool();
    await expect(pool.use('2', (pooled) => pool.readAll(pooled, 'SELECT * FROM no_such_table', [], []))).rejects.toThrow(/no_such_table/);
    expect(pool.idleConnections).toBe(0);
    expect(await sum('2', 0)).toBe(3);
    expect(opened).toEqual(['2', '2']);
  });

  test('closeIdle closes the connections of the keys it picks', async () => {
    const { pool, opened, sum } = makePool();
    await sum('2', 0);
    await sum('3', 0);
    pool.closeIdle((key) => key === '2');
    expect(pool.idleConnections).toBe(1);
    await sum('2', 0);
    await sum('3', 0);
    expect(opened).toEqual(['2', '3', '2']);
  });
});
