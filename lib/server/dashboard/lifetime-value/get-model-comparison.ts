import 'server-only';
import type { PurchaseModel } from '../../../engines/btyd/types';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';
import { getDatabase } from '../../db/database';
import { fittedModelDto, PURCHASE_MODEL_PARAMETERS, type FittedModelDto, type StoredFit } from './fitted-model-dto';
import { metricsDto, purchaseModelLabel, type MetricsDto } from './get-lifetime-value-model';
import { runFact } from '../run-fact';

export interface HoldoutScoresDto {
  purchases: { model: MetricsDto; naive: MetricsDto };
  spend: { model: MetricsDto; naive: MetricsDto };
  /** Mean absolute error at or below the naive baseline's. */
  beatsNaive: { purchases: boolean; spend: boolean };
}

export interface ComparedModelDto {
  model: PurchaseModel;
  label: string;
  chosen: boolean;
  /** Its fit on the fit period; null when the run did not fit it. */
  fit: ({ status: 'fitted' } & FittedModelDto) | { status: 'failed'; reason: string } | null;
  /** Its forecasts on the held-back period against the naive baseline; null when the run has no holdout. */
  holdout: ({ status: 'scored' } & HoldoutScoresDto) | { status: 'failed'; reason: string } | null;
}

export interface ModelComparisonDto {
  models: ComparedModelDto[];
  /** Which model the run uses and why; null when no model was fitted. */
  choice: { label: string; by: 'holdout' | 'user' | 'default'; reason: string } | null;
  /** The held-back period the holdout columns score; null without one. */
  holdout: { calibrationEnd: string; holdoutLength: number | null; unit: 'days' | 'weeks'; customers: number } | null;
}

type Summary = Partial<Pick<AnalysisSummary, 'purchaseModels' | 'lifetimeValue' | 'holdout'>>;
type StoredModel = AnalysisSummary['purchaseModels'][number];

function compared(entry: StoredModel): ComparedModelDto {
  const { fit, holdout } = entry;
  return {
    model: entry.model,
    label: purchaseModelLabel(entry.model, entry.label),
    chosen: entry.chosen,
    fit:
      fit === null
        ? null
        : fit.status === 'fitted'
          ? { status: 'fitted', ...fittedModelDto(fit as StoredFit, PURCHASE_MODEL_PARAMETERS[entry.model]) }
          : { status: 'failed', reason: fit.reason },
    holdout:
      holdout === null
        ? null
        : holdout.status === 'scored'
          ? {
              status: 'scored',
              purchases: { model: metricsDto(holdout.model.purchases), naive: metricsDto(holdout.naive.purchases) },
              spend: { model: metricsDto(holdout.model.spend), naive: metricsDto(holdout.naive.spend) },
              beatsNaive: holdout.beatsNaive,
            }
          : { status: 'failed', reason: holdout.reason },
  };
}

/** Every purchase model of a run side by side (run.metrics.purchaseModels); empty for runs stored before the comparison. Pure, for tests. */
export function modelComparisonFromSummary(summary: Summary | null): ModelComparisonDto {
  const models = Array.isArray(summary?.purchaseModels) ? summary.purchaseModels.map(compared) : [];
  const ltv = summary?.lifetimeValue;
  const stored = ltv?.status === 'done' ? (ltv as Partial<Pick<typeof ltv, 'choice' | 'modelLabel'>> & { model: PurchaseModel }) : null;
  const holdout = summary?.holdout;
  return {
    models,
    choice: stored?.choice ? { label: purchaseModelLabel(stored.model, stored.modelLabel), by: stored.choice.by, reason: stored.choice.reason } : null,
    holdout:
      holdout?.status === 'done'
        ? { calibrationEnd: holdout.calibrationEnd, holdoutLength: holdout.holdoutLength, unit: holdout.unit, customers: holdout.customers }
        : null,
  };
}

/** BG/NBD, MBG/NBD and Pareto/NBD of one run: fits, holdout errors against the naive baseline and the choice; read once per request and data change (runFact). */
export const getModelComparison: (runId: number) => Promise<ModelComparisonDto> = runFact('model-comparison', readModelComparison);

async function readModelComparison(runId: number): Promise<ModelComparisonDto> {
  const db = await getDatabase();
  const { rows } = await db.sql.query<{ purchase_models: Summary['purchaseModels'] | null; lifetime_value: Summary['lifetimeValue'] | null; holdout: Summary['holdout'] | null }>(
    `SELECT metrics -> 'purchaseModels' AS purchase_models, metrics -> 'lifetimeValue' AS lifetime_value, metrics -> 'holdout' AS holdout FROM run WHERE id = $1`,
    [runId],
  );
  const row = rows[0];
  return modelComparisonFromSummary(
    row ? { purchaseModels: row.purchase_models ?? undefined, lifetimeValue: row.lifetime_value ?? undefined, holdout: row.holdout ?? undefined } : null,
  );
}
