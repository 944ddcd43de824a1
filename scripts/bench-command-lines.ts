import { availableParallelism } from 'node:os';
import type { CommandLine, ParseArgsOptionsConfig } from './parse-command-line';

// The options and --help texts of the measuring scripts (bench*, hash-ingest), kept apart from the
// scripts so a test can check each help names every option without starting a benchmark.

const cores = String(availableParallelism());
const onlineRetail = '../shared/data/online_retail.csv.gz beside the project folder';

const command = <O extends ParseArgsOptionsConfig>(line: CommandLine<O>) => line;

export const BENCH = command({
  name: 'bench',
  options: {
    runs: { type: 'string', default: '3' },
    lines: { type: 'string', default: '10000000' },
    'skip-large': { type: 'boolean', default: false },
    'vs-peer': { type: 'boolean', default: false },
    pairs: { type: 'string', default: '5' },
    threads: { type: 'string' },
    shared: { type: 'string' },
    'analyze-bundle': { type: 'string' },
  },
  help: `Usage: npm run bench -- [options]

Times the whole analysis (analyze --json, a fresh process per run) on Online Retail, then on a
replicated log of --lines lines made once in the system temp folder, and prints per-stage times,
the pipeline total, the process's wall time and its peak RSS. With --vs-peer it times Segmenta and
the Python stack (pandas + scikit-learn + lifetimes, <shared>/peer) on Online Retail in alternation
instead: one warm-up each, then --pairs pairs, each stage's median and the ratio of the medians.

  --runs <n>               runs on Online Retail; the median is printed (default: 3)
  --lines <n>              lines of the replicated log (default: 10000000)
  --skip-large             Online Retail only, no replicated log (default: off)
  --vs-peer                compare with the Python stack instead (default: off)
  --pairs <n>              pairs of runs with --vs-peer (default: 5)
  --threads <n>            passed to analyze --threads (default: analyze's own, the machine's cores)
  --shared <folder>        the shared folder with data/online_retail.csv.gz and peer/
                           (default: ../shared beside the project folder)
  --analyze-bundle <file>  time this build of the analyze command line (e.g. an earlier commit's,
                           bundled with esbuild) in place of this one (default: this checkout's)

Example: npm run bench -- --skip-large --runs 5
`,
});

export const BENCH_SERVICE = command({
  name: 'bench-service',
  options: {
    postgres: { type: 'string' },
    file: { type: 'string' },
    inline: { type: 'boolean', default: false },
    'no-lines': { type: 'boolean', default: false },
  },
  help: `Usage: npm run bench:service -- [options]

Uploads a log through the app's run service (worker thread + COPY into the database), on PGlite on
its own thread as the server runs it and, with a PostgreSQL URL, on PostgreSQL. Meanwhile a probe
query every 100 ms, as a page would make, and the event loop's delay show whether the server could
answer during the analysis and the save. Prints each stage, the time until the run is browsable and
until its lines are stored, the peak RSS, the probe's p50 / p99 / max and the event-loop delay.

  --file <log>             the log to upload
                           (default: ${onlineRetail})
  --inline                 also run PGlite on the calling thread (default: off)
  --postgres <url>         also measure on PostgreSQL (default: $DATABASE_URL, else skipped)
  --no-lines               stop once the run is browsable, not waiting for its lines (default: off)

Example: npm run bench:service -- --no-lines --postgres postgres://postgres@127.0.0.1:5432/postgres
`,
});

export const BENCH_DASHBOARD = command({
  name: 'bench-dashboard',
  options: {
    postgres: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    'keep-data': { type: 'string' },
    only: { type: 'string' },
    'postgres-only': { type: 'boolean' },
    json: { type: 'boolean' },
    cache: { type: 'string', default: 'on' },
    'concurrent-exports': { type: 'string', default: '0' },
  },
  help: `Usage: npm run bench:dashboard -- [options]

Times every dashboard query on one run of --customers customers (the demo's 4,000 analysed
customers copied with jittered values), on PGlite and, with --postgres, on PostgreSQL: the median
of three timed calls after one warm-up, per section the p95 over its views (filters, sorts,
pages), the customer page, audiences and the CSV export.

  --customers <n>            customers in the run, at least 4000 (default: 1000000)
  --cache <on|off|both>      read customer_result from the run's results cache (DuckDB over
                             Parquet, the app's default), from the database, or both (default: on)
  --postgres <url>           also measure on PostgreSQL (default: skipped; DATABASE_URL is not read)
  --postgres-only            skip PGlite (default: off)
  --keep-data <folder>       keep the seeded PGlite folder (and the PostgreSQL rows) there for the
                             next run (default: a temporary folder, removed)
  --only <regex>             measure only the queries whose names match, e.g. 'customers by|export'
                             (default: all)
  --concurrent-exports <n>   also start n exports of every customer at once and print when each
                             one's first row arrived (default: 0)
  --json                     print one JSON object on stdout, the tables on stderr (default: off)

Example: npm run bench:dashboard -- --customers 100000 --only export --cache both
`,
});

export const BENCH_SAVE = command({
  name: 'bench-save',
  options: {
    customers: { type: 'string', default: '81042,1000000' },
    file: { type: 'string' },
    postgres: { type: 'string' },
    inline: { type: 'boolean', default: false },
    'postgres-only': { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
  },
  help: `Usage: npm run bench:save -- [options]

Times the save of a run's customer results alone (the run service's own save: COPY in committed
batches into customer_result) into a fresh database. The log is analysed once and its customers
tiled to each count the way scripts/make-replicated-log.ts replicates a file (ids +100,000 per
copy, money and CLV moved by up to +-10 % per copy). Prints the save's wall time, this process's
CPU (PGlite's thread included), rows a second, the load average and the RSS.

  --customers <n,n,...>    customer counts to save, comma-separated (default: 81042,1000000)
  --runs <n>               saves of each count into the same database (default: 1)
  --file <log>             the log to analyse
                           (default: ${onlineRetail})
  --inline                 also run PGlite on this thread, its CPU then this thread's (default: off)
  --postgres <url>         also measure on PostgreSQL (default: $DATABASE_URL, else skipped)
  --postgres-only          skip PGlite (default: off)

Example: npm run bench:save -- --customers 81042 --runs 3 --inline
`,
});

export const BENCH_LOAD = command({
  name: 'bench-load',
  options: {
    base: { type: 'string', default: 'http://127.0.0.1:3000' },
    users: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    run: { type: 'string' },
    pid: { type: 'string' },
    cookie: { type: 'string' },
    timeout: { type: 'string', default: '60' },
    'think-ms': { type: 'string', default: '0' },
    json: { type: 'boolean', default: false },
  },
  help: `Usage: npm run bench:load -- [options]

A bounded loopback load test of a running Segmenta (start it first: npm start). Each virtual user
requests a random page with random real filters (a seeded mix, read from one CSV export first),
one after another or pausing 0.5-1.5x --think-ms between two, for --duration seconds. Prints
p50 / p95 / p99 / max per page, requests a second, errors and the server's resident memory.

  --base <url>             the app (default: http://127.0.0.1:3000)
  --users <n>              virtual users, 1 to 1000 (default: 50)
  --duration <seconds>     how long, at most 3600 (default: 60)
  --think-ms <ms>          each user's mean pause between two requests, 0 to 600000 (default: 0)
  --timeout <seconds>      a request slower than this counts as an error (default: 60)
  --run <id>               the run whose pages are requested (default: the app's own choice)
  --pid <pid>              the server's process, for its memory (default: found from the port)
  --cookie <cookie>        sent with every request, e.g. a session (default: none)
  --json                   print the report as JSON (default: a table)

Example: npm run bench:load -- --users 20 --duration 30 --think-ms 1000
`,
});

export const BENCH_INGEST = command({
  name: 'bench-ingest',
  positionals: true,
  options: {
    path: { type: 'string', default: 'auto' },
    runs: { type: 'string', default: '1' },
    lines: { type: 'string' },
    chunk: { type: 'string', default: String(64 * 1024) },
    threads: { type: 'string', default: cores },
  },
  help: `Usage: node scripts/launch.mjs bench-ingest [file] [options]

Times the ingest stage alone (readTransactions: open, decode, tokenize, intern, interpret) on a
file, with the byte path or the text path, on one thread or (a large plain CSV, --threads 2) two,
and prints wall, user and system CPU (of every thread), rows and MB/s of uncompressed CSV. The file
defaults to ../shared/data/online_retail.csv.gz from the current folder.

  --path <auto|bytes|text>  the tokenizer (default: auto)
  --runs <n>                runs, each printed (default: 1)
  --lines <n>               time a log of n lines replicated from the file instead, made once in
                            the system temp folder (default: the file itself)
  --chunk <bytes>           read size (default: 65536)
  --threads <n>             threads for a large plain CSV (default: the machine's cores, ${cores} here)

Example: node scripts/launch.mjs bench-ingest /tmp/segmenta-bench-1000000.csv --runs 3 --path text
`,
});

export const HASH_INGEST = command({
  name: 'hash-ingest',
  positionals: true,
  options: { threads: { type: 'string', default: cores } },
  help: `Usage: node scripts/launch.mjs hash-ingest <file> [--threads <n>]

Prints a SHA-256 over every array of the table and the JSON of the report that readTransactions
gives for a file, on one thread or two, so two ways of reading can be compared on files too large
for a test.

  --threads <n>            threads for a large plain CSV (default: the machine's cores, ${cores} here)

Example: node scripts/launch.mjs hash-ingest /tmp/segmenta-bench-1000000.csv --threads 1
`,
});

export const BENCH_INTERN = command({
  name: 'bench-intern',
  positionals: true,
  options: { runs: { type: 'string', default: '3' } },
  help: `Usage: node scripts/launch.mjs bench-intern <plain CSV file> [--runs <n>]

Times the byte path's tokenizing and interning alone (ByteCsvTokenizer + RawColumnsBuilder) on a
plain UTF-8 CSV held in memory in 64 KB chunks: no file reads, no interpretation. Prints the rows,
the user and system CPU and MB/s of each run, and the load average.

  --runs <n>               runs, each printed (default: 3)

Example: node scripts/launch.mjs bench-intern /tmp/segmenta-bench-1000000.csv --runs 3
`,
});

export const BENCH_FITS = command({
  name: 'bench-fits',
  positionals: true,
  options: { repeat: { type: 'string', default: '3' }, model: { type: 'string' } },
  help: `Usage: node scripts/launch.mjs bench-fits <transactions file> [--repeat <n>] [--model <bgnbd|mbgnbd|pnbd>]

Times the CPU of each purchase-model fit the analysis makes (three models on the calibration and
on the fit period), one after another on this thread. The fits' inputs are captured by one run
of the analysis and kept in node_modules/.cache/segmenta/ for the next runs. Prints each fit's
user + system CPU (the median of --repeat runs), its parameters and log-likelihood.

  --repeat <n>             timed runs of each fit, after one untimed (default: 3)
  --model <name>           only this model: bgnbd, mbgnbd or pnbd (default: all three)

Example: node scripts/launch.mjs bench-fits ../shared/data/online_retail.csv.gz --repeat 3
`,
});

/** Every command line above, for the test that each help names each option. */
export const BENCH_COMMAND_LINES: CommandLine[] = [BENCH, BENCH_SERVICE, BENCH_DASHBOARD, BENCH_SAVE, BENCH_LOAD, BENCH_INGEST, HASH_INGEST, BENCH_INTERN, BENCH_FITS];
