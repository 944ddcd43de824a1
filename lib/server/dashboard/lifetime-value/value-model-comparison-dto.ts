import { formatMoney, formatPercent } from '../../../format/format-number';
import { holdoutPeriod } from '../../../format/holdout-period';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';

export const VALUE_METRICS = ['r2', 'mae', 'rmse', 'bias', 'top10', 'top20'] as const;
export type ValueMetric = (typeof VALUE_METRICS)[number];

export interface ValueModelRowDto {
  model: string;
  label: string;
  r2: number | null;
  mae: number | null;
  rmse: number | null;
  bias: number | null;
  top10: number | null;
  top20: number | null;
}

export type ValueModelComparisonDto =
  | { status: 'missing'; reason: string }
  | { status: 'skipped'; reason: string }
  | {
      status: 'done';
      trainingNote: string;
      calibrationEnd: string;
      holdoutDays: number;
      customers: number;
      models: ValueModelRowDto[];
      /** Per column, the models with the best value (highest R² and capture, lowest MAE and RMSE, bias closest to 0). */
      best: Record<ValueMetric, string[]>;
      verdict: string;
    };

type StoredComparison = AnalysisSummary['modelComparison'];

export const COMPARISON_ADDED_LATER =
  'This run was analysed before the model comparison was added to Segmenta. Re-run the analysis (Data page, "Re-run") to compute it.';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The models holding the best value of one column; none when no model has a value. */
function bestOf(rows: ValueModelRowDto[], metric: ValueMetric): string[] {
  const score = (row: ValueModelRowDto): number | null => {
    const v = row[metric];
    if (v === null) return null;
    if (metric === 'bias') return -Math.abs(v);
    return metric === 'mae' || metric === 'rmse' ? -v : v;
  };
  let top = -Infinity;
  for (const row of rows) top = Math.max(top, score(row) ?? -Infinity);
  if (top === -Infinity) return [];
  return rows.filter((row) => score(row) === top).map((row) => row.model);
}

const GENERIC_NAMES: Record<string, string> = { 'random-forest': 'random forest', linear: 'linear regression', naive: 'naive baseline' };

/** "random forest" for the generic models, the label itself ("BG/NBD + Gamma-Gamma") for a named one. */
const shortName = (m: ValueModelRowDto) => GENERIC_NAMES[m.model] ?? m.label;
/** As the subject of a sentence: "the random forest", "BG/NBD + Gamma-Gamma". */
const subject = (m: ValueModelRowDto, start = false) => (m.model in GENERIC_NAMES ? `${start ? 'The' : 'the'} ${shortName(m)}` : m.label);

/**
 * The comparison in plain words: who captures the most of the held-back period's revenue with the
 * top fifth of customers (every model's share listed), who explains the most of the spend per
 * customer (R²; when the best R² is 0 or below, that none does better than the average) and who
 * misses by the least (MAE); a model best on both is named once.
 */
export function describeValueModelComparison(models: ValueModelRowDto[], holdoutDays: number, currency: string | null): string {
  const byCapture = models.filter((m) => m.top20 !== null).sort((a, b) => b.top20! - a.top20!);
  const sentences: string[] = [];
  if (byCapture.length > 0) {
    const [first, ...rest] = byCapture;
    const others = rest.map((m) => `${shortName(m)} ${formatPercent(m.top20)}`).join(', ');
    sentences.push(`For targeting the top fifth of customers, ${subject(first)} captures ${formatPercent(first.top20)} of the revenue in ${holdoutPeriod(holdoutDays, 'days')}${others ? `; ${others}` : ''}.`);
  }
  const r2 = models.filter((m) => m.r2 !== null).sort((a, b) => b.r2! - a.r2!)[0];
  const mae = models.filter((m) => m.mae !== null).sort((a, b) => a.mae! - b.mae!)[0];
  if (r2 && mae) {
    // R² <= 0: predicting everyone's average spend does at least as well, so no model "explains" anything.
    const misses = `misses by the least (${formatMoney(mae.mae, currency)} per customer on average)`;
    if (r2.r2! <= 0) {
      sentences.push(`No model explains each customer's spend better than giving everyone the average spend (best R² ${r2.r2!.toFixed(2)}, ${shortName(r2)}); ${subject(mae)} ${misses}.`);
    } else {
      const explains = `${subject(r2, true)} explains the most of each customer's spend (R² ${r2.r2! < 0.005 ? 'below 0.01' : r2.r2!.toFixed(2)})`;
      // One model best on both: name it once ("X explains … and misses …").
      sentences.push(r2 === mae ? `${explains} and ${misses}.` : `${explains}; ${subject(mae)} ${misses}.`);
    }
  }
  const naive = models.find((m) => m.model === 'naive');
  const regressors = models.filter((m) => m.model === 'random-forest' || m.model === 'linear');
  if (naive?.mae != null && regressors.length > 0 && regressors.every((m) => m.mae !== null && m.mae > naive.mae!)) {
    sentences.push('Neither regressor misses by less than the naive baseline: on this data, past rate carried forward is as good a spend forecast.');
  }
  return sentences.join(' ');
}

/** A run's stored `metrics.modelComparison` (any version, or none) as the section's DTO; pure, for tests. */
export function valueModelComparisonFromSummary(stored: StoredComparison | null | undefined, currency: string | null): ValueModelComparisonDto {
  if (!stored || typeof stored !== 'object') return { status: 'missing', reason: COMPARISON_ADDED_LATER };
  if (stored.status === 'skipped') return { status: 'skipped', reason: stored.reason };
  const models: ValueModelRowDto[] = (Array.isArray(stored.models) ? stored.models : []).map((m) => ({
    model: m.model,
    label: m.label,
    r2: num(m.r2),
    mae: num(m.mae),
    rmse: num(m.rmse),
    bias: num(m.bias),
    top10: num(m.top10),
    top20: num(m.top20),
  }));
  const best = Object.fromEntries(VALUE_METRICS.map((metric) => [metric, bestOf(models, metric)])) as Record<ValueMetric, string[]>;
  return {
    status: 'done',
    trainingNote: stored.trainingNote,
    calibrationEnd: stored.calibrationEnd,
    holdoutDays: stored.holdoutDays,
    customers: stored.customers,
    models,
    best,
    verdict: describeValueModelComparison(models, stored.holdoutDays, currency),
  };
}
