import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { BENCH_COMMAND_LINES } from './bench-command-lines';
import { CommandLineError, parseCommandLine, readCommandLine, wholeNumber, type CommandLine } from './parse-command-line';

const demo = {
  name: 'demo',
  help: 'Usage: demo [--runs <n>] [--json]\n',
  options: { runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
} satisfies CommandLine;
const withFile = { ...demo, positionals: true };

describe('parseCommandLine', () => {
  test.each([[['--help']], [['-h']], [['--runs', '5', '--help']]])('%j asks for the help', (argv) => {
    expect(parseCommandLine(demo, argv)).toEqual({ help: true });
  });

  test('gives the values, with the defaults, and the positionals', () => {
    const parsed = parseCommandLine(withFile, ['log.csv', '--json']);
    expect(parsed.help).toBe(false);
    if (parsed.help) return;
    expect(parsed.values.runs).toBe('3');
    expect(parsed.values.json).toBe(true);
    expect(parsed.positionals).toEqual(['log.csv']);
    const given = parseCommandLine(demo, ['--runs=7']);
    expect(!given.help && given.values.runs).toBe('7');
  });

  test('a negative number after an option that takes a value is that value, left to the script to refuse by its range', () => {
    const negative = parseCommandLine(withFile, ['--runs', '-5', 'log.csv']);
    expect(!negative.help && negative.values.runs).toBe('-5');
    expect(!negative.help && negative.positionals).toEqual(['log.csv']);
    expect(() => parseCommandLine(demo, ['--json', '-5'])).toThrow(new CommandLineError('demo: unknown option -5; see --help'));
  });

  test.each([
    [['--x'], 'demo: unknown option --x; see --help'],
    [['--x=3'], 'demo: unknown option --x; see --help'],
    [['-q'], 'demo: unknown option -q; see --help'],
    [['--runs'], 'demo: option --runs needs a value; see --help'],
    [['--runs', '--json'], 'demo: option --runs needs a value; see --help'],
    [['--json=1'], 'demo: option --json takes no value; see --help'],
    [['log.csv'], 'demo: unexpected argument log.csv; see --help'],
  ])('%j is refused with one line', (argv, line) => {
    expect(() => parseCommandLine(demo, argv)).toThrow(new CommandLineError(line));
  });
});

describe('readCommandLine and wholeNumber', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs `work` with process.exit, stdout and stderr captured: the exit code and what was written. */
  function captured(work: () => unknown) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => out.push(String(text)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => err.push(String(text)) > 0);
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    let exit = 'none';
    try {
      work();
    } catch (error) {
      exit = (error as Error).message;
    }
    vi.restoreAllMocks();
    return { exit, out: out.join(''), err: err.join('') };
  }

  test('--help prints the help on stdout and exits 0', () => {
    expect(captured(() => readCommandLine(demo, ['--help']))).toEqual({ exit: 'exit 0', out: demo.help, err: '' });
  });

  test('an unknown option prints one line on stderr and exits 2', () => {
    expect(captured(() => readCommandLine(demo, ['--bogus']))).toEqual({ exit: 'exit 2', out: '', err: 'demo: unknown option --bogus; see --help\n' });
  });

  test('a good command line is returned', () => {
    expect(readCommandLine(demo, ['--runs', '4']).values.runs).toBe('4');
  });

  test.each([
    ['3', 1, 3],
    ['0', 0, 0],
    ['4000', 4000, 4000],
  ])('wholeNumber(%j, at least %d) is %d', (text, min, value) => {
    expect(wholeNumber(demo, 'runs', text, min)).toBe(value);
  });

  test.each([['x'], ['2.5'], ['0'], [''], ['-1']])('wholeNumber(%j, at least 1) refuses it', (text) => {
    expect(captured(() => wholeNumber(demo, 'runs', text))).toEqual({
      exit: 'exit 2',
      out: '',
      err: `demo: --runs must be a whole number of at least 1, got "${text}"; see --help\n`,
    });
  });
});

// Options a help may name that belong to another command it describes (bench runs `analyze --json`).
const OTHER_COMMANDS_OPTIONS: Record<string, string[]> = { bench: ['json'] };

describe.each(BENCH_COMMAND_LINES.map((line) => [line.name, line] as const))('%s --help', (name, line) => {
  test('names each option and each value default, and gives a usage line and an example', () => {
    expect(line.help).toMatch(new RegExp(`^Usage: .*${name.replace('bench-', 'bench[-:]')}`));
    expect(line.help).toMatch(/\nExample: \S/);
    for (const [option, config] of Object.entries(line.options)) {
      expect(line.help, `--${option}`).toMatch(new RegExp(`--${option}\\b(?!-)`));
      const shown = typeof config.default === 'string' ? config.default.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : null;
      if (shown !== null) expect(line.help, `default of --${option}`).toMatch(new RegExp(`\\(default: [^)]*(?<![\\w.])${shown}(?![\\w.])`));
    }
  });

  test('names no option the script does not take', () => {
    const named = new Set([...line.help.matchAll(/--([a-z][a-z-]*)/g)].map((match) => match[1]));
    const allowed = new Set([...Object.keys(line.options), ...(OTHER_COMMANDS_OPTIONS[name] ?? [])]);
    expect([...named].filter((option) => !allowed.has(option))).toEqual([]);
  });

  test('is what the script reads its command line with', () => {
    const source = readFileSync(new URL(`./${name}.ts`, import.meta.url), 'utf8');
    expect(source).toContain(`readCommandLine(${name.toUpperCase().replaceAll('-', '_')})`);
    expect(source).not.toContain('parseArgs(');
  });
});
