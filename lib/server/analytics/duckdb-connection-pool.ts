// Idle DuckDB connections kept for the next statement over the same run's file, each with its
// prepared statements: connecting, creating the run's view, parsing and planning a statement and
// disconnecting ran synchronously on the web thread for every statement of a page before.
// A connection serves one statement at a time (it is taken out of the pool while it runs).
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBResultReader, DuckDBType, DuckDBValue } from '@duckdb/node-api';

/** A pooled connection and the statements prepared on it, by their text. */
export type PooledDuckDbConnection = {
  readonly connection: DuckDBConnection;
  readonly prepared: Map<string, DuckDBPreparedStatement>;
};

export type DuckDbConnectionPoolOptions = {
  /** Idle connections kept across all keys; the least recently used key's go first. */
  maxIdle: number;
  /** Prepared statements kept per connection; the least recently used go first. */
  maxPrepared: number;
};

/** A pool of idle connections per key (a run's file); `open` makes one and sets it up for its key. */
export class DuckDbConnectionPool {
  /** Key → idle connections; Map order is the keys' last use, oldest first. */
  private readonly idle = new Map<string, PooledDuckDbConnection[]>();
  private idleCount = 0;

  constructor(
    private readonly open: (key: string) => Promise<DuckDBConnection>,
    readonly options: DuckDbConnectionPoolOptions,
  ) {}

  /** Connections waiting for their next statement. */
  get idleConnections(): number {
    return this.idleCount;
  }

  /**
   * `fn` with a connection of `key` no one else uses meanwhile; the connection goes back to the
   * pool when `fn` resolves and is closed when it throws (its state is then unknown).
   */
  async use<T>(key: string, fn: (pooled: PooledDuckDbConnection) => Promise<T>): Promise<T> {
    const pooled = this.take(key) ?? { connection: await this.open(key), prepared: new Map() };
    let result: T;
    try {
      result = await fn(pooled);
    } catch (error) {
      close(pooled);
      throw error;
    }
    this.give(key, pooled);
    return result;
  }

  /** Every rows of one statement, prepared once per connection and text, bound to `values` of `types`. */
  async readAll(pooled: PooledDuckDbConnection, sql: string, values: DuckDBValue[], types: DuckDBType[]): Promise<DuckDBResultReader> {
    let statement = pooled.prepared.get(sql);
    if (statement) {
      // Least recently used first: Map keeps insertion order.
      pooled.prepared.delete(sql);
    } else {
      statement = await pooled.connection.prepare(sql);
      for (const [text, oldest] of pooled.prepared) {
        if (pooled.prepared.size < this.options.maxPrepared) break;
        pooled.prepared.delete(text);
        oldest.destroySync();
      }
    }
    pooled.prepared.set(sql, statement);
    statement.clearBindings();
    statement.bind(values, types);
    return statement.runAndReadAll();
  }

  /** Closes the idle connections of the keys `which` picks (every key by default): the files they read are gone. */
  closeIdle(which: (key: string) => boolean = () => true): void {
    for (const [k, list] of this.idle) {
      if (!which(k)) continue;
      for (const pooled of list) close(pooled);
      this.idleCount -= list.length;
      this.idle.delete(k);
    }
  }

  private take(key: string): PooledDuckDbConnection | null {
    const list = this.idle.get(key);
    const pooled = list?.pop();
    if (!pooled) return null;
    this.idleCount -= 1;
    if (list!.length === 0) this.idle.delete(key);
    return pooled;
  }

  private give(key: string, pooled: PooledDuckDbConnection): void {
    const list = this.idle.get(key) ?? [];
    this.idle.delete(key);
    list.push(pooled);
    this.idle.set(key, list);
    this.idleCount += 1;
    while (this.idleCount > this.options.maxIdle) {
      const [oldestKey, oldest] = this.idle.entries().next().value as [string, PooledDuckDbConnection[]];
      close(oldest.shift()!);
      this.idleCount -= 1;
      if (oldest.length === 0) this.idle.delete(oldestKey);
    }
  }
}

function close(pooled: PooledDuckDbConnection): void {
  for (const statement of pooled.prepared.values()) statement.destroySync();
  pooled.prepared.clear();
  pooled.connection.closeSync();
}
