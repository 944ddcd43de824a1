import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BENCH_LOAD } from './bench-command-lines';
import { summariseLoad, type LoadSample } from './load-report';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';

// `npm run bench:load -- [--base http://127.0.0.1:3000] [--users 50] [--duration 60] [--think-ms 0] [--run N] [--pid P] [--cookie C] [--json]`
// A bounded loopback load test of a running Segmenta (start it first: `npm start`): `users` virtual
// users each request a random page with random filters, one after another (or pausing a seeded
// 0.5-1.5x `think-ms` between two, as a person reading the page would), for `duration` seconds;
// then p50 / p95 / p99 per page, requests per second, errors and the server's resident memory.

const { values } = readCommandLine(BENCH_LOAD);
const base = values.base.replace(/\/$/, '');
const users = Number(values.users);
const durationS = Number(values.duration);
const timeoutMs = Number(values.timeout) * 1000;
const thinkMs = Number(values['think-ms']);
if (!Number.isInteger(users) || users < 1 || users > 1000) refuse(BENCH_LOAD, `--users is a whole number from 1 to 1000, got "${values.users}"`);
if (!(durationS > 0 && durationS <= 3600)) refuse(BENCH_LOAD, `--duration is seconds, at most 3600, got "${values.duration}"`);
if (!(thinkMs >= 0 && thinkMs <= 600_000)) refuse(BENCH_LOAD, `--think-ms is milliseconds from 0 to 600000, got "${values['think-ms']}"`);
if (!(timeoutMs > 0)) refuse(BENCH_LOAD, `--timeout is seconds, more than 0, got "${values.timeout}"`);
if (values.pid !== undefined) wholeNumber(BENCH_LOAD, 'pid', values.pid);
if (values.run !== undefined) wholeNumber(BENCH_LOAD, 'run', values.run);
if (!URL.canParse(base)) refuse(BENCH_LOAD, `--base is a URL such as http://127.0.0.1:3000, got "${values.base}"`);
const headers: Record<string, string> = values.cookie ? { cookie: values.cookie } : {};
const log = (line: string) => process.stderr.write(`${line}\n`);

// A seeded generator so two runs of the benchmark ask for the same mix.
let state = 20261201;
const random = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** The server's PID from its listening port (Linux `ss`), unless given. */
function serverPid(): number | null {
  if (values.pid) return Number(values.pid);
  try {
    const port = new URL(base).port || '80';
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const match = out.match(/pid=(\d+)/);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function rssMb(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** Stops with one line on stderr and exit status 1: the benchmark cannot run against this server. */
function failLoad(problem: string): never {
  process.stderr.write(`bench-load: ${problem}\n`);
  process.exit(1);
}

/** The view's customers (id, country, segment) from a CSV export: real values for the random filters and customer pages. */
async function loadCustomers(runQuery: string): Promise<{ ids: string[]; countries: string[]; segments: string[]; exportedRun: string | null }> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/exports?columns=customer_id,country,segment${runQuery ? `&${runQuery}` : ''}`, { headers });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    return failLoad(`nothing answers at ${base} (${cause}); start Segmenta first (npm start) or give --base`);
  }
  if (response.status === 404 && runQuery) return failLoad(`${base} has no results for run ${values.run}; the Data page lists the runs`);
  if (!response.ok) return failLoad(`${base}/api/exports answered ${response.status}: is Segmenta running there, with results?`);
  const lines = (await response.text()).trim().split(/\r?\n/).slice(1);
  const rows = lines.map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"')));
  const ids = rows.map((r) => r[0]).filter(Boolean);
  const countries = [...new Set(rows.map((r) => r[1]).filter(Boolean))];
  const segments = [...new Set(rows.map((r) => r[2]).filter(Boolean))];
  if (ids.length === 0) failLoad('the export has no customers: nothing to load-test');
  // The run the customers came from ("segmenta-run7-2026-12-02.csv"): customer pages name it, so
  // they stay found when a newer run becomes the latest during the test.
  const exportedRun = /segmenta-run(\d+)-/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { ids, countries, segments, exportedRun };
}

async function main() {
  const runQuery = values.run ? `run=${encodeURIComponent(values.run)}` : '';
  const { ids, countries, segments, exportedRun } = await loadCustomers(runQuery);
  const customerRunQuery = runQuery || (exportedRun ? `run=${exportedRun}` : '');
  const filters = (): string => {
    const params = new URLSearchParams(runQuery);
    const roll = random();
    if (roll < 0.25) params.append('country', pick(countries));
    else if (roll < 0.45) params.append('segment', pick(segments));
    else if (roll < 0.55) params.set('minClv', String(pick([50, 100, 500, 1000])));
    else if (roll < 0.65) params.set('minFrequency', String(pick([2, 3, 5])));
    return params.toString();
  };
  const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);
  const PAGES: { name: string; url: () => string }[] = [
    { name: 'overview', url: () => withQuery('/', filters()) },
    { name: 'segments', url: () => withQuery('/segments', filters()) },
    { name: 'clusters', url: () => withQuery('/clusters', filters()) },
    { name: 'lifetime-value', url: () => withQuery('/lifetime-value', filters()) },
    { name: 'customers', url: () => withQuery('/customers', [filters(), `page=${1 + Math.floor(random() * 5)}`].filter(Boolean).join('&')) },
    { name: 'customer', url: () => withQuery(`/customers/${encodeURIComponent(pick(ids))}`, customerRunQuery) },
    { name: 'audiences', url: () => withQuery('/audiences', runQuery) },
    { name: 'data', url: () => withQuery('/data', runQuery) },
  ];

  const pid = serverPid();
  let rssPeak = rssMb(pid) ?? 0;
  const rssStart = rssMb(pid);
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid) ?? 0)), 500);
  const samples: LoadSample[] = [];
  const started = performance.now();
  const ends = started + durationS * 1000;
  log(`bench:load: ${users} users for ${durationS} s against ${base}${runQuery ? ` (${runQuery})` : ''}${thinkMs > 0 ? `, each pausing ${thinkMs / 2}-${(thinkMs * 3) / 2} ms between requests` : ', no pause between requests'}, server pid ${pid ?? 'unknown'}`);

  async function virtualUser() {
    // People pausing between pages do not all arrive at once: each starts within one pause.
    if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * random()));
    while (performance.now() < ends) {
      const page = pick(PAGES);
      const t0 = performance.now();
      let status = 0;
      let cached = false;
      try {
        const response = await fetch(`${base}${page.url()}`, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
        await response.arrayBuffer();
        status = response.status;
        cached = response.headers.get('x-segmenta-cache') === 'hit';
      } catch {
        status = 0;
      }
      samples.push({ page: page.name, ms: performance.now() - t0, status, cached });
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + random())));
    }
  }
  await Promise.all(Array.from({ length: users }, virtualUser));
  clearInterval(sampler);
  const elapsedS = (performance.now() - started) / 1000;
  const rows = summariseLoad(samples);
  const report = {
    base,
    users,
    thinkMs,
    durationS: Math.round(elapsedS * 10) / 10,
    requests: samples.length,
    requestsPerSecond: Math.round((samples.length / elapsedS) * 10) / 10,
    errors: rows[rows.length - 1].errors,
    serverRssMb: { start: rssStart === null ? null : Math.round(rssStart), peak: pid === null ? null : Math.round(rssPeak), end: pid === null ? null : Math.round(rssMb(pid) ?? 0) },
    pages: rows.map((r) => ({ ...r, p50: Math.round(r.p50), p95: Math.round(r.p95), p99: Math.round(r.p99), max: Math.round(r.max) })),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const cell = (v: number | string, w: number) => String(v).padStart(w);
  console.log(`${cell('page', 16)}${cell('requests', 10)}${cell('errors', 8)}${cell('p50 ms', 9)}${cell('p95 ms', 9)}${cell('p99 ms', 9)}${cell('max ms', 9)}${cell('cached', 8)}`);
  for (const r of report.pages) console.log(`${cell(r.page, 16)}${cell(r.requests, 10)}${cell(r.errors, 8)}${cell(r.p50, 9)}${cell(r.p95, 9)}${cell(r.p99, 9)}${cell(r.max, 9)}${cell(`${Math.round((100 * r.cached) / Math.max(1, r.requests))} %`, 8)}`);
  console.log(`${report.requests} requests in ${report.durationS} s: ${report.requestsPerSecond} a second, ${report.errors} errors; server RSS ${report.serverRssMb.start ?? '?'} MB at the start, ${report.serverRssMb.peak ?? '?'} MB at its peak`);
}

await main();
