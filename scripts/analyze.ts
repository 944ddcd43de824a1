import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { joinNegativeValues, type ParseArgsOptionsConfig } from './parse-command-line';
import { isEngineError } from '../lib/engines/errors';
import { runAnalysis, summarizeAnalysis, writeCustomerRows, type AnalysisSummary } from '../lib/engines/pipeline';
import { analysisOptionsSchema } from '../lib/schemas/analysis-options-schema';
import { PURCHASE_MODEL_LABEL } from '../lib/engines/btyd/purchase-model';
import { TRANSACTION_FIELDS } from '../lib/engines/ingest/types';
import { createThreadPool } from '../lib/engines/parallel/thread-pool';
import { readingFlags } from './reading-flags';

const HELP = `Usage: npm run analyze -- <transactions file> [options]

The file can be CSV / TSV / semicolon / whitespace text (UTF-8, UTF-16 or Windows-1252, plain or
gzip) or an .xlsx workbook: a line-item log (UCI Online Retail), an order or payment log, or a
Shopify, WooCommerce, Stripe or Square export. Layout, delimiter, number format, date order,
time zone and currency are detected and printed at the top of the summary.

Runs cleaning, customer features, RFM segments, clustering and lifetime value, and prints a summary.

Output
  --json                   print one JSON object instead of the readable summary
  --no-timings             leave wall times out of the output (byte-identical reruns)
  --out <customers.csv>    write the per-customer table

Reading the file
  --map field=Column       map a column when the header is not recognised (repeatable); fields:
                           ${TRANSACTION_FIELDS.join(', ')}
  --day-first | --month-first   order of numeric dates (default: detected; a file where it
                           cannot be told is refused until one is given)
  --decimal-comma | --decimal-point   decimal separator of amounts (default: detected)
  --encoding <utf-8|windows-1252|utf-16le|utf-16be>   force the text encoding (default: detected)
  --time-zone <IANA name>  the store's time zone: timestamps with offsets or in UTC are counted
                           in its calendar (default: the times as written)
  --currency <ISO code>    currency when the file does not say it
  --sheet <name|number>    worksheet of an .xlsx workbook (default the first)
  --max-unreadable <share> share of lines whose date or amount cannot be read above which the
                           file is refused (default 0.005 = 0.5 %)
  --value <net|gross>      money net of refunds (default) or gross: cancellations dropped and
                           purchases at full value (the seeds' convention)
  --drop-duplicates        drop exact duplicate lines (default: keep and report them)

Analysis
  --snapshot <YYYY-MM-DD>  date recency is measured from (default: day after the last purchase)
  --rfm-scoring <quantile-breaks|rank|average-rank>   RFM scores from the 20/40/60/80 % quantile
                           breaks of the values, equal values one score (default, as R rfm), or by rank
  --method <kmeans|gmm|hierarchical|all>   clustering method (default all)
  --k <n>                  fix the number of clusters (default: chosen by silhouette)
  --k-min <n> --k-max <n>  range of k to sweep (default 2..10)
  --features <a,b,c>       clustering features (default recency,frequency,monetary)
  --model <auto|bgnbd|mbgnbd|pnbd>   purchase model (default auto: BG/NBD, MBG/NBD and Pareto/NBD
                           are all fitted and scored on the holdout; the lowest purchase error
                           among the models whose fit converged wins)
  --unit <days|weeks>      time unit of the purchase model (default weeks)
  --horizon <months>       CLV horizon in months (default 6)
  --discount <rate>        monthly discount rate (default 0.01)
  --calibration-end <YYYY-MM-DD>   last day of the calibration period for the holdout check
                           (as lifetimes' calibration_period_end; the holdout starts the day after)
  --fit-end <YYYY-MM-DD>   last day of purchases the lifetime-value fit uses (default: all); the
                           fit's parameters, LL and standard errors are reported, predictions use
                           every purchase
  --p-alive-at-risk <p>    P(alive) below which a customer is At Risk (default 0.7)
  --p-alive-churned <p>    P(alive) below which a customer is Churned (default 0.3); the churn
                           status follows P(alive) where the model can tell, else the days-silent rule
  --holdout-days <n>       holdout length when no calibration end is given (default: a quarter of the span)
  --penalizer <x>          L2 penalty on the purchase model's log-parameters (default 0)
  --seed <n>               random seed (default 42)
  --threads <n>            worker threads for the model fits, the clustering and reading a large
                           plain CSV in two halves (default: the machine's cores; 1 runs everything
                           on one thread). Same results either way.
`;

function fail(message: string): never {
  process.stderr.write(`Error: ${message}\n`);
  process.exit(1);
}

/** Node's parseArgs, with an unknown, malformed or valueless option reported in one line that points to --help. */
function parseOptions(argv: string[]) {
  try {
    return parseOptionsOrThrow(argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const option = /'(-[^'\s,]*)/.exec((error as Error).message)?.[1];
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${option ?? ''}`.trim()
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? /does not take an argument/.test((error as Error).message)
            ? `the option ${option} takes no value`
            : `the option ${option} needs a value`
          : `unexpected argument ${option ?? ''}`.trim();
    fail(`${what}. Run npm run analyze -- --help for the list of options.`);
  }
}

const ANALYZE_OPTIONS = {
  json: { type: 'boolean', default: false },
  'no-timings': { type: 'boolean', default: false },
  out: { type: 'string' },
  map: { type: 'string', multiple: true },
  'day-first': { type: 'boolean', default: false },
  'month-first': { type: 'boolean', default: false },
  'decimal-comma': { type: 'boolean', default: false },
  'decimal-point': { type: 'boolean', default: false },
  encoding: { type: 'string' },
  'time-zone': { type: 'string' },
  currency: { type: 'string' },
  sheet: { type: 'string' },
  'max-unreadable': { type: 'string' },
  value: { type: 'string' },
  'drop-duplicates': { type: 'boolean', default: false },
  snapshot: { type: 'string' },
  'rfm-scoring': { type: 'string' },
  method: { type: 'string' },
  k: { type: 'string' },
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  features: { type: 'string' },
  model: { type: 'string' },
  unit: { type: 'string' },
  horizon: { type: 'string' },
  discount: { type: 'string' },
  'calibration-end': { type: 'string' },
  'fit-end': { type: 'string' },
  'p-alive-at-risk': { type: 'string' },
  'p-alive-churned': { type: 'string' },
  'holdout-days': { type: 'string' },
  penalizer: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsOptionsConfig;

function parseOptionsOrThrow(argv: string[]) {
  return parseArgs({
    // --horizon -3 is the value -3, refused by its own check in words.
    args: joinNegativeValues(ANALYZE_OPTIONS, argv),
    allowPositionals: true,
    options: ANALYZE_OPTIONS,
  });
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  if (positionals.length !== 1) fail(`give exactly one transaction file to analyse.\n\n${HELP}`);
  const parsed = analysisOptionsSchema.safeParse({
    seed: values.seed,
    snapshot: values.snapshot,
    ...readingFlags(values, fail),
    encoding: values.encoding,
    timeZone: values['time-zone'],
    currency: values.currency,
    sheet: values.sheet,
    maxParseFailureShare: values['max-unreadable'],
    value: values.value,
    dropDuplicates: values['drop-duplicates'],
    rfmScoring: values['rfm-scoring'],
    method: values.method,
    k: values.k,
    kMin: values['k-min'],
    kMax: values['k-max'],
    clusterFeatures: values.features?.split(',').map((s) => s.trim()),
    model: values.model,
    unit: values.unit,
    horizonMonths: values.horizon,
    discountRate: values.discount,
    calibrationEnd: values['calibration-end'],
    fitEnd: values['fit-end'],
    pAliveThresholds:
      values['p-alive-at-risk'] !== undefined || values['p-alive-churned'] !== undefined
        ? { atRiskBelow: values['p-alive-at-risk'] ?? 0.7, churnedBelow: values['p-alive-churned'] ?? 0.3 }
        : undefined,
    holdoutDays: values['holdout-days'],
    penalizer: values.penalizer,
  });
  if (!parsed.success) {
    fail(parsed.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('\n       '));
  }
  // Today at midnight UTC: the plausible-date check counts whole days, and reruns on one day print the same options.
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) fail(`--threads must be a whole number of at least 1, got "${values.threads}".`);
  return { file: positionals[0], options: { ...parsed.data, now: today }, json: values.json, timings: !values['no-timings'], out: values.out, threads };
}

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined ? '-' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `${(value * 100).toFixed(1)} %`);

function delimiterName(delimiter: string | null): string {
  switch (delimiter) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    case ' ':
      return 'spaces';
    case null:
      return 'none';
    default:
      return `"${delimiter}"`;
  }
}

function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => String(r[j]).length)));
  return rows.map((r) => '  ' + r.map((cell, j) => (j === 0 ? String(cell).padEnd(widths[j]) : String(cell).padStart(widths[j]))).join('  ')).join('\n');
}

function intervalText(interval: { lower: number | null; upper: number | null } | undefined): string {
  return interval ? `${interval.lower ?? '-'} .. ${interval.upper ?? '-'}` : '-';
}

function printSummary(file: string, s: AnalysisSummary): void {
  const lines: string[] = [];
  const c = s.cleaning;
  const r = s.ingest.reading;
  lines.push(`Segmenta analysis of ${file}`, '');
  lines.push(`Read as ${r.layoutLabel}${r.headerless ? ' (no header)' : ''}${r.titleLines > 0 ? `, ${r.titleLines} title line(s) skipped` : ''}`);
  lines.push(`  file: ${r.format === 'xlsx' ? `Excel workbook, sheet "${r.sheet}"` : `${r.encoding ?? ''} text (${r.encodingReason})${s.ingest.gzip ? ', gzip' : ''}, delimiter ${delimiterName(r.delimiter)}`}`);
  lines.push(`  numbers: decimal "${r.decimalSeparator}"${r.thousandsSeparator ? `, thousands "${r.thousandsSeparator === '\u00a0' ? 'no-break space' : r.thousandsSeparator}"` : ''}; currency ${r.currency ?? 'unknown'} (${r.currencyReason})`);
  lines.push(`  dates: like ${r.dateForm}; order ${r.dateOrder ?? '-'} (${r.dateOrderReason})`);
  lines.push(`  days: ${r.timeZone ? `calendar of ${r.timeZone}` : 'as written'} (${r.timeZoneReason})`);
  lines.push(`  value: ${r.valueRule}; money ${c.valueBasis === 'net' ? 'net of refunds' : 'gross (refunds ignored)'}`);
  lines.push('');
  lines.push(`Lines read ${n(c.totalRows)}, kept ${n(c.keptRows)}`);
  for (const [reason, count] of Object.entries(c.dropped)) if (count > 0) lines.push(`  dropped ${reason.padEnd(17)} ${n(count)}`);
  lines.push(`  exact duplicate lines ${n(c.duplicateLines)} (${c.duplicatesDropped ? 'dropped' : 'kept'})`);
  lines.push(`Customers ${n(s.customers)} (of ${n(c.customersBefore)} before cleaning), purchase orders ${n(s.purchaseOrders)}, occasions ${n(s.purchaseOccasions)}`);
  const unmatched = `${n(c.returns.unmatchedLines)} refund lines match no purchase in the file`;
  lines.push(
    c.valueBasis === 'net'
      ? `Revenue net of refunds ${n(s.revenue, 2)}${s.currency ? ` ${s.currency}` : ''}: gross ${n(s.grossRevenue, 2)}, refunds ${n(s.refunds, 2)} (${unmatched})`
      : `Revenue gross ${n(s.revenue, 2)}${s.currency ? ` ${s.currency}` : ''}; refunds of ${n(s.refunds, 2)} not subtracted (${unmatched})`,
  );
  lines.push(`Period ${c.firstDate?.slice(0, 10)} .. ${c.lastDate?.slice(0, 10)}, snapshot ${s.options.snapshot}, ${s.homeCountry ? `home market ${s.homeCountry}` : 'no home market (no customer\u2019s country is known)'}`, '');
  lines.push(`RFM segments (scores by ${s.rfm.scoring === 'quantile-breaks' ? 'quintile breaks of the values, ties share a score' : s.rfm.scoring})`);
  for (const u of s.rfm.uneven) lines.push(`  ${u.reason}`);
  lines.push(table([['segment', 'customers', 'revenue', 'share'], ...s.rfm.segments.map((g) => [g.name, n(g.customers), n(g.revenue, 0), pct(g.revenueShare)])]));
  lines.push(`Churn: ${Object.entries(s.churn).map(([k, v]) => `${k} ${n(v)}`).join(', ')}`, '');
  if (s.clustering.status === 'done') {
    const cl = s.clustering;
    lines.push(`Clustering on ${cl.features.join(', ')} (log, standardised); k = ${cl.k} (${cl.kFixed ? 'fixed' : `best silhouette; elbow at ${cl.elbowK}`}), silhouette on ${n(cl.silhouetteSampleSize)} customers${cl.silhouetteExact ? ' (exact)' : ' (sample)'}`);
    lines.push(table([['k', 'inertia', 'silhouette', 'Calinski-H', 'Davies-B'], ...cl.sweep.map((e) => [e.k, n(e.inertia, 1), n(e.silhouette, 4), n(e.calinskiHarabasz, 1), n(e.daviesBouldin, 4)])]));
    for (const [method, m] of Object.entries(cl.methods)) {
      const extra = 'bic' in m ? `, BIC ${n(m.bic, 1)}` : 'mode' in m ? `, Ward ${m.mode}` : '';
      lines.push(`${method}: k ${m.k}${extra}`);
      lines.push(table([['cluster', 'name', 'size', 'revenue', 'recency', 'frequency', 'monetary'], ...m.profiles.map((p) => [p.cluster, p.name, n(p.size), pct(p.revenueShare), n(p.medians.recency), n(p.medians.frequency), n(p.medians.monetary, 0)])]));
    }
  } else lines.push(`Clustering skipped: ${s.clustering.reason}`);
  lines.push('');
  if (s.purchaseModels.length > 0) {
    lines.push('Purchase models: fit (log-likelihood) and holdout mean absolute error per customer against the naive baseline');
    lines.push(
      table([
        ['model', 'LL', 'purchases MAE', 'naive', 'spend MAE', 'naive', ''],
        ...s.purchaseModels.map((m) => [
          m.label,
          m.fit?.status === 'fitted' ? n(m.fit.logLikelihood, 2) : 'not fitted',
          ...(m.holdout?.status === 'scored'
            ? [m.holdout.model.purchases.mae ?? '-', m.holdout.naive.purchases.mae ?? '-', m.holdout.model.spend.mae ?? '-', m.holdout.naive.spend.mae ?? '-']
            : ['-', '-', '-', '-']),
          m.chosen ? 'chosen' : '',
        ]),
      ]),
    );
    for (const m of s.purchaseModels) {
      const fit = m.fit;
      if (fit?.status === 'fitted') {
        const params = Object.entries(fit.params).map(([k, v]) => `${k} ${v} (95 % ${intervalText(fit.intervals[k])})`).join(', ');
        lines.push(`  ${m.label}: ${params}${fit.notIdentified.length > 0 ? `; not identified: ${fit.notIdentified.join(', ')}` : ''}`);
      } else if (fit) lines.push(`  ${m.label}: not fitted: ${fit.reason}`);
      if (m.holdout?.status === 'failed') lines.push(`  ${m.label} on the holdout: ${m.holdout.reason}`);
    }
  }
  if (s.lifetimeValue.status === 'done') {
    const l = s.lifetimeValue;
    const p = l.purchaseModel;
    lines.push(`Lifetime value with ${l.modelLabel} (${l.unit}${l.fitEnd ? `, fitted on purchases up to ${l.fitEnd}` : ''}): ${l.choice.reason}`);
    lines.push(`  ${Object.entries(p.params).map(([k, v]) => `${k} ${v} ± ${p.standardErrors[k]}`).join(', ')}; LL ${p.logLikelihood}${p.converged ? '' : ' (NOT converged)'}${p.notIdentified.length > 0 ? `; not identified: ${p.notIdentified.join(', ')}` : ''}`);
    if (l.spendModel.status === 'fitted' && 'params' in l.spendModel) {
      const g = l.spendModel;
      lines.push(`Gamma-Gamma on ${n(g.customers)} repeat buyers: ${Object.entries(g.params).map(([k, v]) => `${k} ${v} ± ${g.standardErrors[k]}`).join(', ')}; LL ${g.logLikelihood}`);
    } else if ('reason' in l.spendModel) lines.push(`Gamma-Gamma skipped: ${l.spendModel.reason}`);
    lines.push(`CLV over ${l.horizonMonths} months at ${pct(l.discountRate)} a month: total ${n(l.clvTotal, 0)}, mean ${n(l.clvMean, 2)}, median ${n(l.clvMedian, 2)}`);
    lines.push(`P(alive) shown for ${n(l.pAliveShown)} customers; churn status from P(alive) for ${n(s.churnBasis.pAlive)} (At Risk below ${s.churnBasis.thresholds.atRiskBelow}, Churned below ${s.churnBasis.thresholds.churnedBelow}), from the days-silent rule for ${n(s.churnBasis.rules)}`);
  }
  if (s.holdout.status === 'done') {
    const h = s.holdout;
    lines.push(`Holdout after ${h.calibrationEnd} (${n(h.holdoutLength, 1)} ${h.unit}), ${PURCHASE_MODEL_LABEL[h.scoredModel]}: purchases MAE ${h.model.purchases.mae} vs naive ${h.naive.purchases.mae}, RMSE ${h.model.purchases.rmse} vs ${h.naive.purchases.rmse}; spend MAE ${h.model.spend.mae} vs ${h.naive.spend.mae}`);
    lines.push(`  predicted ${n(h.model.totalPurchases, 0)} purchases, actual ${n(h.actual.totalPurchases)}, naive ${n(h.naive.totalPurchases, 0)}`);
  }
  if (s.modelComparison.status === 'done') {
    const c = s.modelComparison;
    lines.push('', 'Model comparison: spend per customer in the holdout period');
    lines.push(
      table([
        ['model', 'R²', 'MAE', 'RMSE', 'bias', 'top 10 %', 'top 20 %'],
        ...c.models.map((m) => [m.label, m.r2 ?? '-', m.mae ?? '-', m.rmse ?? '-', m.bias ?? '-', m.top10 === null ? '-' : pct(m.top10), m.top20 === null ? '-' : pct(m.top20)]),
      ]),
    );
    lines.push(`  ${c.trainingNote}`);
  } else if (s.holdout.status === 'done') lines.push(`Model comparison skipped: ${s.modelComparison.reason}`);
  if (s.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const warning of s.warnings) lines.push(`  - ${warning}`);
  }
  if ('timingsMs' in s && s.timingsMs) {
    lines.push('', `Stage times (ms): ${Object.entries(s.timingsMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

async function writeCustomerTable(path: string, blocks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  const failed = new Promise<never>((_, reject) =>
    stream.once('error', (error) => reject(new Error(`could not write ${path}: ${error.message}`))),
  );
  const write = async () => {
    for (const block of blocks) if (!stream.write(block)) await new Promise<void>((r) => stream.once('drain', () => r()));
    await new Promise<void>((resolve) => stream.end(() => resolve()));
  };
  await Promise.race([write(), failed]).catch((error: Error) => fail(error.message));
}

async function main(): Promise<void> {
  const { file, options, json, timings, out, threads } = parseCommandLine(process.argv.slice(2));
  if (!existsSync(file)) fail(`the file "${file}" does not exist.`);
  if (!statSync(file).isFile()) fail(`"${file}" is not a file.`);
  const totalBytes = statSync(file).size;
  const started = performance.now();
  const pool = createThreadPool({ threads });
  const result = await runAnalysis(createReadStream(file), options, {
    totalBytes,
    file: { path: file, threads: threads ?? availableParallelism(), openPool: () => createThreadPool({ threads: 2 }) },
    onProgress: json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\r${Math.round(p.fraction * 100)}% ${p.message}`.padEnd(70)),
    executor: pool,
  }).finally(() => pool.close());
  if (!json && process.stderr.isTTY) process.stderr.write('\r'.padEnd(71) + '\r');
  const summary = summarizeAnalysis(result, { timings });
  if (out) await writeCustomerTable(out, writeCustomerRows(result));
  if (json) {
    const output = timings ? { ...summary, timingsMs: { ...summary.timingsMs, total: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) } } : summary;
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  } else {
    printSummary(file, summary);
    if (out) process.stdout.write(`Wrote ${n(result.features.count)} customers to ${out}\n`);
  }
}

main().catch((error: unknown) => {
  if (isEngineError(error)) fail(error.message);
  throw error;
});
