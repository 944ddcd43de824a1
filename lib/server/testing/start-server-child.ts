// Test helper run as a separate process: the server's start-up path (what instrumentation.ts
// runs under `next start`) on SEGMENTA_DATA_DIR, then READY, then it idles like a server until
// a signal stops it.
import { startServer } from '../startup';

await startServer();
console.log('READY');
setInterval(() => undefined, 60_000);
