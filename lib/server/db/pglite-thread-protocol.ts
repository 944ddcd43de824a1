// Messages between the web server's thread and the worker thread that owns the embedded database
// (pglite-thread.ts). Values cross as text, as PostgreSQL sends them: the web side parses them,
// so the Prisma adapter's own parsers apply exactly as they do on an in-process PGlite. A COPY's
// data (CSV or binary) crosses as bytes, handed over rather than copied.

/** What the web side asks; `id` pairs each request with its one reply. */
export type PgliteThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; blob: Uint8Array | null }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'close' };

export interface RawField {
  name: string;
  dataTypeID: number;
}

/** A result with every value as PostgreSQL's text (or null). */
export interface RawResult {
  rows: (string | null)[][];
  fields: RawField[];
  affectedRows: number | undefined;
  rowCount: number | undefined;
  command: string | undefined;
}

/** A PostgreSQL error's fields (code, detail, constraint ...), to rebuild it on the web side. */
export interface ThreadError {
  database: boolean;
  message: string;
  length: number;
  name: string;
  fields: Record<string, unknown>;
}

export type PgliteThreadReply =
  | { id: number; ok: true; result: RawResult | null }
  | { id: number; ok: false; error: ThreadError };

/** The first message of the worker: ready (with the array types, for parsing) or failed to open. */
export type PgliteThreadHello = { kind: 'ready'; arrayTypes: [number, number][] } | { kind: 'failed'; error: ThreadError };

/** What the worker is started with (workerData). */
export interface PgliteThreadOptions {
  /** PGlite's folder, or null for memory. */
  pgliteDir: string | null;
}
