// The embedded database on a worker thread of its own: PGlite runs PostgreSQL as WebAssembly on
// the thread that calls it, so on the web server's thread every query and COPY would stop the
// server answering. This thread runs one request at a time, in the order they come.
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite, types } from '@electric-sql/pglite';
import type { PgliteThreadHello, PgliteThreadOptions, PgliteThreadReply, PgliteThreadRequest, ThreadError } from './pglite-thread-protocol';

const port = parentPort;
if (!port) throw new Error('pglite-thread must run as a worker thread');
const options = workerData as PgliteThreadOptions;

function threadError(error: unknown): ThreadError {
  if (error instanceof messages.DatabaseError) {
    const { message, length, name, ...fields } = error;
    return { database: true, message, length, name, fields: JSON.parse(JSON.stringify(fields)) as Record<string, unknown> };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { database: false, message, length: 0, name: error instanceof Error ? error.name : 'Error', fields: {} };
}

const identity = (text: string) => text;

async function main() {
  let db: PGlite;
  let raw: Record<number, (text: string) => string>;
  let arrayTypes: [number, number][];
  try {
    db = options.pgliteDir ? new PGlite(options.pgliteDir) : new PGlite();
    await db.waitReady;
    const found = await db.query<{ oid: number; typarray: number }>(
      `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
       WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray ORDER BY b.oid`,
    );
    arrayTypes = found.rows.map((r) => [r.oid, r.typarray]);
    // Every type PGlite would parse stays text here; the web side parses it.
    raw = {};
    for (const key of Object.keys(types.parsers)) if (/^\d+$/.test(key)) raw[Number(key)] = identity;
    for (const [, array] of arrayTypes) raw[array] = identity;
  } catch (error) {
    port!.postMessage({ kind: 'failed', error: threadError(error) } satisfies PgliteThreadHello);
    return;
  }
  port!.postMessage({ kind: 'ready', arrayTypes } satisfies PgliteThreadHello);

  let queue = Promise.resolve();
  port!.on('message', (request: PgliteThreadRequest) => {
    queue = queue.then(async () => {
      let reply: PgliteThreadReply;
      try {
        switch (request.op) {
          case 'query': {
            const result = await db.query<(string | null)[]>(request.sql, request.params, {
              rowMode: 'array',
              parsers: raw,
              ...(request.blob !== null ? { blob: new Blob([request.blob as Uint8Array<ArrayBuffer>]) } : {}),
            });
            reply = { id: request.id, ok: true, result: { rows: result.rows, fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), affectedRows: result.affectedRows, rowCount: (result as { rowCount?: number }).rowCount, command: (result as { command?: string }).command } };
            break;
          }
          case 'exec':
            await db.exec(request.sql);
            reply = { id: request.id, ok: true, result: null };
            break;
          case 'close':
            await db.close();
            reply = { id: request.id, ok: true, result: null };
            break;
          default: {
            const unknown: never = request;
            throw new Error(`Unknown request ${JSON.stringify(unknown)}`);
          }
        }
      } catch (error) {
        reply = { id: request.id, ok: false, error: threadError(error) };
      }
      port!.postMessage(reply);
    });
  });
}

void main();
