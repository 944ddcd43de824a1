import { parseArgs, type ParseArgsConfig } from 'node:util';

/** parseArgs' options: { [long name]: { type, default?, short?, multiple? } }. */
export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** A script's command line: its name (as given to launch.mjs), its --help text and its parseArgs options. */
export interface CommandLine<O extends ParseArgsOptionsConfig = ParseArgsOptionsConfig> {
  name: string;
  help: string;
  options: O;
  /** Whether the script takes arguments that are not options (a file). */
  positionals?: boolean;
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;

/** Why a command line was refused, as the one line to print: `<name>: unknown option --x; see --help`. */
export class CommandLineError extends Error {}

/**
 * Node's parseArgs (strict) on `argv` with `--help` / `-h` added: `{ help: true }` when it was given,
 * else the parsed values and positionals. An unknown option, a missing or unexpected value or an
 * unexpected argument throws a CommandLineError whose message is the line to print.
 */
export function parseCommandLine<O extends ParseArgsOptionsConfig>(command: CommandLine<O>, argv: string[]): { help: true } | ({ help: false } & Parsed<O>) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(command.options, argv), options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: command.positionals ?? false });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const message = (error as Error).message;
    const quoted = /'([^'\s]*)/.exec(message)?.[1] ?? '';
    const problem =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${quoted}`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? `unexpected argument ${quoted}`
          : /does not take an argument/.test(message)
            ? `option ${quoted} takes no value`
            : `option ${quoted} needs a value`;
    throw new CommandLineError(refusal(command.name, problem));
  }
  if ((parsed.values as { help?: boolean }).help) return { help: true };
  return { help: false, ...(parsed as unknown as Parsed<O>) };
}

/**
 * `--users -5` as `--users=-5`: parseArgs reads "-5" as an option of its own, so a negative number
 * after an option that takes a value would be refused as "needs a value" instead of by the
 * script's own check, which names the allowed range.
 */
export function joinNegativeValues(options: ParseArgsOptionsConfig, argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.startsWith('--') ? argv[i]!.slice(2) : null;
    const next = argv[i + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${argv[i]}=${next}`);
      i += 1;
    } else out.push(argv[i]!);
  }
  return out;
}

const refusal = (name: string, problem: string) => `${name}: ${problem}; see --help`;

/** Exits with status 2 after printing `<name>: <problem>; see --help` to stderr (a bad value, a missing file). */
export function refuse(command: Pick<CommandLine, 'name'>, problem: string): never {
  process.stderr.write(`${refusal(command.name, problem)}\n`);
  process.exit(2);
}

/** The parsed command line of this process; prints the help and exits 0 on --help, refuses (exit 2) a bad one. */
export function readCommandLine<O extends ParseArgsOptionsConfig>(command: CommandLine<O>, argv = process.argv.slice(2)): Parsed<O> {
  let parsed;
  try {
    parsed = parseCommandLine(command, argv);
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    process.exit(0);
  }
  return parsed;
}

/** `text` as a whole number of at least `min`, or a refusal naming --`option`. */
export function wholeNumber(command: Pick<CommandLine, 'name'>, option: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || text.trim() === '') refuse(command, `--${option} must be a whole number of at least ${min}, got "${text}"`);
  return value;
}
