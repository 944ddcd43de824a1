// Next.js calls register() once when the server starts (not during `next build`). A start-up
// failure exits the process (startServer): Next.js would log it and keep serving 500s.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/server/startup');
    await startServer();
  }
}
