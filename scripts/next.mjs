// `npm start` / `npm run dev`: Next.js bound to 127.0.0.1 unless HOST (or -H) says otherwise, so
// a fresh clone is reachable from this machine only and signs its one user in automatically.
// Any other address requires sign-in (lib/server/auth/auth-mode.ts). Next runs in this process,
// so signals reach it directly and the server reads the -H it was given from process.argv.
// `start` serves through the page cache (scripts/server.ts, bundled by `npm run build`);
// `dev` (and any other command) is Next's own command line. `start` builds first only when the
// build is missing or of other sources (scripts/build-stamp.mjs); `--rebuild` or SEGMENTA_REBUILD=1
// builds anyway.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const [command = 'start', ...givenArgs] = process.argv.slice(2);
const rebuildAsked = givenArgs.includes('--rebuild') || /^(1|true|yes)$/i.test(process.env.SEGMENTA_REBUILD?.trim() ?? '');
const rest = command === 'start' ? givenArgs.filter((arg) => arg !== '--rebuild') : givenArgs;
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
      console.error(`Segmenta: "${arg}" is not an option of npm start; it takes -p <port>, -H <address> (or PORT and HOST) and --rebuild.`);
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
  const { buildDecision, startMessage } = await import('./build-stamp.mjs');
  const decision = buildDecision(root, { force: rebuildAsked });
  console.log(startMessage(decision));
  if (decision.build) {
    const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) {
      console.error('Segmenta: the build failed (see above); fix it and run npm start again.');
      process.exit(built.status ?? 1);
    }
  }
  const server = join(root, '.segmenta', 'server.mjs');
  if (!existsSync(server)) {
    console.error('Segmenta: the server is not built yet; run `npm run build` first (npm start does it when the build is missing or out of date).');
    process.exit(1);
  }
  process.env.NODE_ENV = 'production';
  const { startWebServer } = await import(pathToFileURL(server).href);
  await startWebServer({ dir: root, port, hostname: host });
} else {
  require(nextBin);
}
