// When sign-in is required. Pure: the caller passes the environment and the command line.

/** The address `next start` / `next dev` was told to bind (-H / --hostname); null when none was given. */
export function bindHostFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-H' || arg === '--hostname') return argv[i + 1] ?? null;
    if (arg.startsWith('--hostname=')) return arg.slice('--hostname='.length);
    if (arg.startsWith('-H=')) return arg.slice(3);
  }
  return null;
}

/** An address only this machine reaches: localhost, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export type AuthModeEnv = Readonly<Record<string, string | undefined>>;

/**
 * Sign-in is required when SEGMENTA_AUTH=required, or when the server binds anything but a
 * loopback address (Next.js binds every interface, 0.0.0.0, when no -H is given).
 * SEGMENTA_AUTH accepts only "required" or "auto" (the default): it can never turn sign-in off.
 */
export function signInRequired(env: AuthModeEnv, argv: readonly string[]): boolean {
  const setting = (env.SEGMENTA_AUTH ?? 'auto').trim().toLowerCase();
  if (setting !== 'auto' && setting !== 'required' && setting !== '') {
    throw new Error(`SEGMENTA_AUTH="${env.SEGMENTA_AUTH}" is not a setting: use "required", or leave it unset.`);
  }
  if (setting === 'required') return true;
  // `next dev` serves from a child process without the -H; scripts/next.mjs passes it on here.
  return !isLoopbackHost(bindHostFromArgv(argv) ?? env.SEGMENTA_INTERNAL_BIND_HOST ?? '0.0.0.0');
}

/** The process's own mode. */
export function signInRequiredHere(): boolean {
  return signInRequired(process.env, process.argv);
}
