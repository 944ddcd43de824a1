// `npm start` / `npm run dev`: Next.js bound to 127.0.0.1 unless HOST (or -H) says otherwise, so
// a fresh clone is reachable from this machine only and signs its one user in automatically.
// Any other address requires sign-in (lib/server/auth/auth-mode.ts). Next runs in this process,
// so signals reach it directly and the server reads the -H it was given from process.argv.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [command = 'start', ...rest] = process.argv.slice(2);

function givenHost(args) {
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '-H' || args[i] === '--hostname') return args[i + 1] ?? '';
    const inline = /^(?:-H|--hostname)=(.*)$/.exec(args[i]);
    if (inline) return inline[1];
  }
  return null;
}

const given = givenHost(rest);
const host = given ?? (process.env.HOST?.trim() || '127.0.0.1');
// `next dev` serves from a child process that does not see these arguments.
process.env.SEGMENTA_INTERNAL_BIND_HOST = host;
const nextBin = require.resolve('next/dist/bin/next');
process.argv = [process.argv[0], nextBin, command, ...rest, ...(given === null ? ['-H', host] : [])];
require(nextBin);
