/**
 * Where instrumentation.ts leaves the start-up's promise for the web server (scripts/server.ts),
 * which waits for it before saying "ready": one process, one global symbol registry.
 */
export const STARTUP_KEY = Symbol.for('segmenta.startup');

/**
 * Waits for the start-up instrumentation.ts runs (database, migrations, the demo at first start;
 * a failure exits the process there), which Next.js begins on its own once it is listening.
 * Resolves once it has finished, or once `giveUpMs` pass without it beginning (Next.js may then
 * run it with the first request); rejects as the start-up does.
 */
export async function awaitStartup(giveUpMs = 10_000, pollMs = 50): Promise<void> {
  for (let waited = 0; waited < giveUpMs; waited += pollMs) {
    const started = (globalThis as Record<symbol, unknown>)[STARTUP_KEY];
    if (started instanceof Promise) {
      await started;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
