import { ScrollTable } from '@/components/ui/scroll-table';
import { Term } from '@/components/ui/term';
import { EmptyState } from '@/components/ui/section';
import { formatInteger, formatMoney, formatParameter } from '@/lib/format/format-number';
import { holdoutPeriod } from '@/lib/format/holdout-period';
import { getRunMoney } from '@/lib/server/dashboard/get-run-money';
import { PARAMETER_MEANING, type ModelParameterDto } from '@/lib/server/dashboard/lifetime-value/fitted-model-dto';
import type { MetricsDto } from '@/lib/server/dashboard/lifetime-value/get-lifetime-value-model';
import { ParameterInterval } from './parameter-interval';
import { getModelComparison, type ComparedModelDto, type HoldoutScoresDto } from '@/lib/server/dashboard/lifetime-value/get-model-comparison';

const logLikelihood = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmt = formatParameter;
/** One decimal whatever the size: the models' LLs differ in the units. */
export const formatLogLikelihood = (v: number | null) => (v === null ? '–' : logLikelihood.format(v));

/** Plain-word meanings, shown under the comparison and as column titles. */
export const TERMS = {
  ll: 'Log-likelihood (LL): how probable the model finds the purchases it was fitted on. Closer to zero fits better; the three models have four parameters each, so their LLs compare directly.',
  interval: '95 % interval: the range the parameter lies in with 95 % confidence, given the data.',
  notIdentified:
    'Not identified: the data barely pin the parameter down (very different values fit about as well), so its estimate means little. For a dropout parameter, the model cannot tell when customers stop buying.',
  mae: 'MAE (mean absolute error): how far each customer’s forecast purchases (or spend) for the held-back period were from what they actually did, on average. Lower is better.',
  rmse: 'RMSE (root mean squared error): like MAE, but large misses count more.',
  bias: 'Bias: the average of forecast minus actual. Above zero the forecast is too high, below zero too low.',
  naive: 'Naive baseline: each customer simply keeps buying at their past rate. A model worth its complexity should beat it.',
} as const;

function ParameterRows({ parameters, model }: { parameters: ModelParameterDto[]; model: string }) {
  return (
    <ScrollTable label={`${model} parameters table, scrolls sideways`} hintBelow="lg">
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">Parameters with 95 % intervals</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1">Parameter</th>
            <th scope="col" className="py-1 pl-2 text-right">Estimate</th>
            <th scope="col" className="py-1 pl-2 text-right" title={TERMS.interval}>
              95 % interval
            </th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => (
            <tr key={p.name} className={`border-t border-slate-100 ${p.notIdentified ? 'bg-amber-50' : ''}`}>
              <th scope="row" className="py-1 text-left font-normal" title={PARAMETER_MEANING[p.name]}>
                <span className="font-mono">{p.name}</span>
                {p.notIdentified ? <span className="ml-1 text-xs text-amber-800">not identified</span> : null}
              </th>
              <td className="py-1 pl-2 text-right">{fmt(p.estimate)}</td>
              <td className="py-1 pl-2 text-right">
                <ParameterInterval parameter={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function HoldoutRows({ scores, currency }: { scores: HoldoutScoresDto; currency: string | null }) {
  const rows: [string, MetricsDto, (v: number | null) => string][] = [
    ['Purchases: model', scores.purchases.model, fmt],
    ['Purchases: naive', scores.purchases.naive, fmt],
    ['Spend: model', scores.spend.model, (v) => formatMoney(v, currency)],
    ['Spend: naive', scores.spend.naive, (v) => formatMoney(v, currency)],
  ];
  return (
    <table className="w-full text-sm tabular-nums">
      <caption className="sr-only">Errors per customer on the held-back period, model against the naive baseline</caption>
      <thead className="text-left text-xs uppercase text-slate-500">
        <tr>
          <th scope="col" className="py-1">Holdout</th>
          <th scope="col" className="py-1 pl-2 text-right">
            <Term term="MAE">MAE</Term>
          </th>
          <th scope="col" className="py-1 pl-2 text-right">
            <Term term="RMSE">RMSE</Term>
          </th>
          <th scope="col" className="py-1 pl-2 text-right" title={TERMS.bias}>
            Bias
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, m, format]) => (
          <tr key={name} className={`border-t border-slate-100 ${name.endsWith('naive') ? 'text-slate-500' : ''}`}>
            <th scope="row" className="py-1 text-left font-normal" title={name.endsWith('naive') ? TERMS.naive : undefined}>
              {name}
            </th>
            <td className="py-1 pl-2 text-right">{format(m.mae)}</td>
            <td className="py-1 pl-2 text-right">{format(m.rmse)}</td>
            <td className="py-1 pl-2 text-right">{format(m.bias)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const verdict = (beats: boolean) => (beats ? 'beats the naive baseline' : 'loses to the naive baseline');

function ModelCard({ model, currency }: { model: ComparedModelDto; currency: string | null }) {
  const { fit, holdout } = model;
  return (
    <article aria-label={`${model.label}${model.chosen ? ' (chosen)' : ''}`} className={`min-w-0 space-y-3 rounded-lg border p-3 ${model.chosen ? 'border-indigo-400 ring-1 ring-indigo-200' : 'border-slate-200'}`}>
      <h3 className="flex items-center justify-between text-base font-semibold">
        {model.label}
        {model.chosen ? <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">chosen</span> : null}
      </h3>
      {fit === null ? (
        <p className="text-sm text-slate-600">Not fitted in this run.</p>
      ) : fit.status === 'failed' ? (
        <p className="text-sm text-amber-800">Could not be fitted: {fit.reason}</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            <Term term="log-likelihood">LL</Term> {formatLogLikelihood(fit.logLikelihood)} on {formatInteger(fit.customers)} customers{fit.converged ? '' : ', did not converge'}
          </p>
          <ParameterRows parameters={fit.parameters} model={model.label} />
          {fit.notIdentified.length > 0 ? (
            <p className="text-xs text-amber-800">
              {fit.notIdentified.join(', ')} {fit.notIdentified.length === 1 ? 'is' : 'are'} not identified: the data barely pin{' '}
              {fit.notIdentified.length === 1 ? 'it' : 'them'} down, so {fit.notIdentified.length === 1 ? 'its value and interval' : 'their values and intervals'} mean little.
            </p>
          ) : null}
        </>
      )}
      {holdout === null ? (
        <p className="text-sm text-slate-600">No holdout score: the run has no held-back period.</p>
      ) : holdout.status === 'failed' ? (
        <p className="text-sm text-amber-800">Not scored on the holdout: {holdout.reason}</p>
      ) : (
        <>
          <HoldoutRows scores={holdout} currency={currency} />
          <p className="text-xs text-slate-600">
            On purchases it {verdict(holdout.beatsNaive.purchases)}; on spend it {verdict(holdout.beatsNaive.spend)}.
          </p>
        </>
      )}
    </article>
  );
}

/** BG/NBD, MBG/NBD and Pareto/NBD side by side: fit, parameters, holdout errors against the naive baseline, and the choice. */
export async function ModelComparisonSection({ runId }: { runId: number }) {
  const [comparison, money] = await Promise.all([getModelComparison(runId), getRunMoney(runId)]);
  if (comparison.models.length === 0) return <EmptyState>This run did not compare purchase models; re-run the analysis to compare BG/NBD, MBG/NBD and Pareto/NBD.</EmptyState>;
  const { choice, holdout } = comparison;
  return (
    <div className="space-y-4">
      {choice ? (
        <p className="text-sm text-slate-800" data-testid="model-choice">
          The run uses <strong>{choice.label}</strong>
          {choice.by === 'holdout' ? ', chosen on the holdout error' : choice.by === 'user' ? ', as set in the options' : ' by default'}: {choice.reason}
        </p>
      ) : null}
      {holdout ? (
        <p className="text-sm text-slate-600">
          Each model was refitted on the purchases up to {holdout.calibrationEnd} and asked to forecast{' '}
          {holdout.holdoutLength === null ? 'the period held back' : holdoutPeriod(holdout.holdoutLength, holdout.unit)} after it for {formatInteger(holdout.customers)} customers;
          the errors are per customer.
        </p>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        {comparison.models.map((model) => (
          <ModelCard key={model.model} model={model} currency={money.currency} />
        ))}
      </div>
      {comparison.models.some((m) => m.fit?.status === 'fitted' && m.fit.parameters.some((p) => p.lowerCut)) ? (
        <p className="text-xs text-slate-500">* Parameters are positive, so a lower bound below zero is shown as 0.</p>
      ) : null}
      <details open className="text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">What these terms mean</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {Object.entries(TERMS).map(([key, text]) => (
            <li key={key}>{text}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}
