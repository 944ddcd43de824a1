import type { Instrumentation } from 'next';

let denyResponseCache: ((headers: Readonly<Record<string, string | string[] | undefined>>) => void) | null = null;

// Next.js calls register() once when the server starts (not during `next build`). A start-up
// failure exits the process (startServer): Next.js would log it and keep serving 500s.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    ({ denyResponseCache } = await import('./lib/server/response-cache/mark-cacheable'));
    const { startServer } = await import('./lib/server/startup');
    const { STARTUP_KEY } = await import('./lib/server/startup-key');
    const started = startServer();
    // scripts/server.ts waits for it before saying "ready", so a server that cannot start never claims to be.
    (globalThis as Record<symbol, unknown>)[STARTUP_KEY] = started;
    await started;
  }
}

// A page that failed while rendering (an error shown inside a streamed page) is never kept by the
// server's response cache, even if it had said it could be (lib/server/response-cache).
export const onRequestError: Instrumentation.onRequestError = (_error, request) => {
  denyResponseCache?.(request.headers);
};
