/**
 * Where instrumentation.ts leaves the start-up's promise for the web server (scripts/server.ts),
 * which waits for it before saying "ready": one process, one global symbol registry.
 */
export const STARTUP_KEY = Symbol.for('segmenta.startup');
