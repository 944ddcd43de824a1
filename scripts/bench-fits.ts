import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fitPurchaseModel, PURCHASE_MODEL_LABEL } from '../lib/engines/btyd/purchase-model';
import type { FitOptions, PurchaseModel, RepeatPurchaseData, TimeUnit } from '../lib/engines/btyd/types';
import { runTask, type EngineTaskInput, type TaskExecutor } from '../lib/engines/parallel/tasks';
import { runAnalysis } from '../lib/engines/pipeline';
import { BENCH_FITS } from './bench-command-lines';
import { readCommandLine, refuse, wholeNumber } from './parse-command-line';
import { projectRoot } from './project-root';

interface CapturedFit {
  model: PurchaseModel;
  period: 'calibration' | 'fit period';
  data: { x: number[]; tx: number[]; T: number[]; unit: TimeUnit };
  options: FitOptions;
}

/** The inputs of every fitPurchaseModel task of one analysis run, in the order the run starts them. */
async function captureFits(file: string): Promise<CapturedFit[]> {
  const captured: CapturedFit[] = [];
  const recorder: TaskExecutor = {
    threads: 2,
    run: async (kind, input) => {
      if (kind === 'fitPurchaseModel') {
        const { model, data, options } = input as EngineTaskInput<'fitPurchaseModel'>;
        const period = captured.some((fit) => fit.model === model) ? 'fit period' : 'calibration';
        captured.push({ model, period, data: { x: Array.from(data.x), tx: Array.from(data.tx), T: Array.from(data.T), unit: data.unit }, options });
      }
      return runTask(kind, input);
    },
  };
  await runAnalysis(createReadStream(file), {}, { executor: recorder });
  return captured;
}

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function main(): Promise<void> {
  const { values, positionals } = readCommandLine(BENCH_FITS);
  if (positionals.length !== 1) refuse(BENCH_FITS, `give one transactions file, got ${positionals.length}`);
  if (values.model !== undefined && !Object.hasOwn(PURCHASE_MODEL_LABEL, values.model)) refuse(BENCH_FITS, `--model must be bgnbd, mbgnbd or pnbd, got "${values.model}"`);
  const file = positionals[0];
  const repeat = wholeNumber(BENCH_FITS, 'repeat', values.repeat);
  const cache = join(projectRoot(), 'node_modules', '.cache', 'segmenta', `fit-inputs-${basename(file)}.json`);
  let fits: CapturedFit[];
  if (existsSync(cache)) {
    fits = JSON.parse(readFileSync(cache, 'utf8')) as CapturedFit[];
  } else {
    fits = await captureFits(file);
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, JSON.stringify(fits));
  }
  let total = 0;
  fits.forEach((fit) => {
    if (values.model && fit.model !== values.model) return;
    const data: RepeatPurchaseData & { unit: TimeUnit } = {
      x: Float64Array.from(fit.data.x),
      tx: Float64Array.from(fit.data.tx),
      T: Float64Array.from(fit.data.T),
      unit: fit.data.unit,
    };
    const times: number[] = [];
    let result = fitPurchaseModel(fit.model, data, fit.options);
    for (let k = 0; k < repeat; k++) times.push(cpuMs(() => (result = fitPurchaseModel(fit.model, data, fit.options))));
    times.sort((u, v) => u - v);
    const median = times[Math.floor(times.length / 2)];
    total += median;
    const params = Object.entries(result.params as unknown as Record<string, number>)
      .map(([name, value]) => `${name} ${value.toPrecision(8)}`)
      .join(', ');
    console.log(
      `${PURCHASE_MODEL_LABEL[fit.model].padEnd(10)} ${fit.period.padEnd(11)} n ${String(data.x.length).padStart(5)}  CPU ${median.toFixed(0).padStart(6)} ms` +
        `  evaluations ${String(result.convergence.evaluations).padStart(5)}  LL ${result.logLikelihood.toFixed(6)}  ${params}`,
    );
  });
  console.log(`total CPU (medians) ${total.toFixed(0)} ms`);
}

void main();
