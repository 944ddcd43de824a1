import 'server-only';
import { getDatabase } from '../../db/database';
import { getRunMoney } from '../get-run-money';
import { valueModelComparisonFromSummary, type ValueModelComparisonDto } from './value-model-comparison-dto';
import { runFact } from '../run-fact';

export type { ValueModelComparisonDto, ValueModelRowDto, ValueMetric } from './value-model-comparison-dto';

/** Spend regressors against the purchase model + Gamma-Gamma and the naive baseline on a run's holdout (run.metrics.modelComparison); read once per request and data change (runFact). */
export const getValueModelComparison: (runId: number) => Promise<ValueModelComparisonDto> = runFact('value-model-comparison', readValueModelComparison);

async function readValueModelComparison(runId: number): Promise<ValueModelComparisonDto> {
  const db = await getDatabase();
  const [{ rows }, money] = await Promise.all([
    db.sql.query<{ model_comparison: Parameters<typeof valueModelComparisonFromSummary>[0] }>(`SELECT metrics -> 'modelComparison' AS model_comparison FROM run WHERE id = $1`, [runId]),
    getRunMoney(runId),
  ]);
  return valueModelComparisonFromSummary(rows[0]?.model_comparison ?? null, money.currency);
}
