import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { joinNegativeValues, type ParseArgsOptionsConfig } from './parse-command-line';
import { isEngineError } from '../lib/engines/errors';
import { pickReadingOptions } from '../lib/engines/ingest/types';
import { scoreCustomers, writeScoredRows, type ScoredCustomers } from '../lib/engines/scoring';
import { isoDay } from '../lib/engines/calendar';
import { scoreRequestSchema } from '../lib/schemas/score-request-schema';
import { databaseConfigFromEnv, openDatabase } from '../lib/server/db/database';
import { readRunModels, RunModelsError } from '../lib/server/scoring/read-run-models';
import { readingFlags } from './reading-flags';

const HELP = `Usage: npm run score -- <new transactions file> --run <id> [--out scored.csv]

Places the customers of a new file into a finished run's RFM scores and segments, clusters,
P(alive), expected purchases and CLV, using the models the run stored (nothing is refitted).
The file is read like any upload (CSV, text, gzip or .xlsx; layout detected) and cleaned with
the run's cleaning options. The database is the app's (SEGMENTA_DATA_DIR or DATABASE_URL); it is
only read. With PGlite, stop the app first: one process at a time can open its data folder.

  --run <id>               the run whose models score the file (required)
  --out <scored.csv>       write the scored customers there (default: to standard output)
  --snapshot <YYYY-MM-DD>  date recency and P(alive) are measured at (default: the day after the
                           file's last purchase; if the run was given a snapshot date and the file
                           ends before it, that date)
  --map field=Column       map a column the header does not name (repeatable)
  --day-first | --month-first      order of numeric dates (default: detected)
  --decimal-comma | --decimal-point   decimal separator of amounts (default: detected)
  --time-zone <IANA name>  the store's time zone (default: the times as written)
  --currency <ISO code>    the file's currency when it does not say (default: its Currency column
                           or symbols, else the run's); a file in another currency than the run's
                           is refused, since the run's segments and CLV are in its own money
`;

function fail(message: string): never {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(1);
}

const SCORE_OPTIONS = {
  run: { type: 'string' },
  out: { type: 'string' },
  snapshot: { type: 'string' },
  map: { type: 'string', multiple: true },
  'day-first': { type: 'boolean', default: false },
  'month-first': { type: 'boolean', default: false },
  'decimal-comma': { type: 'boolean', default: false },
  'decimal-point': { type: 'boolean', default: false },
  'time-zone': { type: 'string' },
  currency: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      // --run -1 is the value -1, refused by its own check in words.
      args: joinNegativeValues(SCORE_OPTIONS, argv),
      allowPositionals: true,
      options: SCORE_OPTIONS,
    });
  } catch (error) {
    fail(`${(error as Error).message.split('\n')[0]} Run npm run score -- --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (positionals.length !== 1) fail(`give exactly one transaction file to score.\n\n${HELP}`);
  if (values.run === undefined) fail('give the run whose models score the file, e.g. --run 3 (the Data page lists the runs).');
  const request = scoreRequestSchema.safeParse({
    runId: values.run,
    snapshot: values.snapshot,
    ...readingFlags(values, fail),
    timeZone: values['time-zone'],
    currency: values.currency,
  });
  if (!request.success) fail(request.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('\n       '));
  return { file: positionals[0], request: request.data, out: values.out };
}

function summary(file: string, runId: number, datasetName: string, s: ScoredCustomers): string {
  const n = s.features.count;
  const counts = new Map<string, number>();
  for (let c = 0; c < n; c++) {
    const name = s.rfm.segmentNames[s.rfm.segment[c]];
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const segments = [...counts].sort((a, b) => b[1] - a[1]).map(([name, count]) => `${name} ${count.toLocaleString('en-US')}`).join(', ');
  const status = s.churn.labels.map((label, i) => `${label} ${s.churn.counts[i].toLocaleString('en-US')}`).join(', ');
  return [
    `Scored ${n.toLocaleString('en-US')} customers of ${file} with the models of run #${runId} (${datasetName}), as of ${isoDay(s.snapshot)}${s.currency ? `, money in ${s.currency}` : ''}`,
    `  segments: ${segments}`,
    `  churn: ${status}`,
    ...(s.clusters.length > 0 ? [`  clusters: ${s.clusters.map((c) => `${c.method} (${c.names.length})`).join(', ')}`] : []),
    ...(s.models.lifetimeValue ? [] : ['  no P(alive) or CLV: the run fitted no lifetime-value model']),
  ].join('\n');
}

async function writeCsv(path: string | undefined, blocks: Iterable<string>): Promise<void> {
  const stream = path ? createWriteStream(path) : process.stdout;
  const failed = new Promise<never>((_, reject) => stream.once('error', (error: Error) => reject(new Error(`could not write ${path ?? 'the output'}: ${error.message}`))));
  const write = async () => {
    for (const block of blocks) if (!stream.write(block)) await new Promise<void>((r) => stream.once('drain', () => r()));
    if (path) await new Promise<void>((resolve) => stream.end(() => resolve()));
  };
  await Promise.race([write(), failed]).catch((error: Error) => fail(error.message));
}

async function main(): Promise<void> {
  const { file, request, out } = parseCommandLine(process.argv.slice(2));
  if (!existsSync(file)) fail(`the file "${file}" does not exist.`);
  if (!statSync(file).isFile()) fail(`"${file}" is not a file.`);
  const db = await openDatabase(databaseConfigFromEnv(), { migrate: false });
  let stored;
  try {
    stored = await readRunModels(db.sql, request.runId);
  } finally {
    await db.close();
  }
  const scored = await scoreCustomers(createReadStream(file), stored.models, { reading: pickReadingOptions(request), snapshot: request.snapshot, runCurrency: stored.currency });
  await writeCsv(out, writeScoredRows(scored));
  process.stderr.write(`${summary(file, stored.runId, stored.datasetName, scored)}\n${out ? `Wrote ${scored.features.count.toLocaleString('en-US')} customers to ${out}\n` : ''}`);
}

main().catch((error: unknown) => {
  if (isEngineError(error) || error instanceof RunModelsError) fail(error.message);
  if (error instanceof Error && error.name === 'DataDirInUseError') fail(error.message);
  throw error;
});
