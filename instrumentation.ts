// Next.js calls register() once when the server starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startUp } = await import('./lib/server/startup');
    await startUp();
  }
}
