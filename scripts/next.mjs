// `npm start` / `npm run dev`: Next.js bound to 127.0.0.1 unless HOST (or -H) says otherwise, so
// a fresh clone is reachable from this machine only and signs its one user in automatically.
// Any other address requires sign-in (lib/server/auth/auth-mode.ts). Next runs in this process,
// so signals reach it directly and the server reads the -H it was given from process.argv.
// `start` serves through the page cache (scripts/server.ts, bundled by `npm run build`);
// `dev` (and any other command) is Next's own command line.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const [command = 'start', ...rest] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function givenHost(args) {
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '-H' || args[i] === '--hostname') return args[i + 1] ?? '';
    const inline = /^(?:-H|--hostname)=(.*)$/.exec(args[i]);
    if (inline) return inline[1];
  }
  return null;
}

/** The port of `-p N` / `--port N` / `--port=N`, else PORT, else 3000; exits in words for anything else given. */
function givenPort(args) {
  let port = process.env.PORT?.trim() || '3000';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '-p' || arg === '--port') port = args[++i] ?? '';
    else if (/^(?:-p|--port)=/.test(arg)) port = arg.slice(arg.indexOf('=') + 1);
    else if (arg === '-H' || arg === '--hostname') i += 1;
    else if (!/^(?:-H|--hostname)=/.test(arg)) {
      console.error(`Segmenta: "${arg}" is not an option of npm start; it takes -p <port> and -H <address> (or PORT and HOST).`);
      process.exit(2);
    }
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    console.error(`Segmenta: port "${port}" is not a port number from 1 to 65535.`);
    process.exit(2);
  }
  return Number(port);
}

const given = givenHost(rest);
const host = given ?? (process.env.HOST?.trim() || '127.0.0.1');
// `next dev` serves from a child process that does not see these arguments.
process.env.SEGMENTA_INTERNAL_BIND_HOST = host;
const nextBin = require.resolve('next/dist/bin/next');
process.argv = [process.argv[0], nextBin, command, ...rest, ...(given === null ? ['-H', host] : [])];

if (command === 'start') {
  const port = givenPort(rest);
  const server = join(root, '.segmenta', 'server.mjs');
  if (!existsSync(server)) {
    console.error('Segmenta: the server is not built yet; run `npm run build` first (npm start does it for you).');
    process.exit(1);
  }
  process.env.NODE_ENV = 'production';
  const { startWebServer } = await import(pathToFileURL(server).href);
  await startWebServer({ dir: root, port, hostname: host });
} else {
  require(nextBin);
}
