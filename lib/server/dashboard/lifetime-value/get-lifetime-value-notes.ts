// No 'server-only' marker: the CSV export reads these notes, and it also runs in scripts and tests.
import type { PurchaseModel } from '../../../engines/btyd/types';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';
import { PURCHASE_MODEL_LABEL } from '../../../engines/btyd/purchase-model';
import { getDatabase } from '../../db/database';
import type { SqlClient } from '../../db/sql-client';
import { runFact } from '../run-fact';

/** What every CLV and P(alive) figure of a run must say alongside it, and how churn status was decided. */
export interface LifetimeValueNotesDto {
  /** The lifetime-value stage ran: customers have a CLV and, where the model can tell, a P(alive). */
  ran: boolean;
  /** Why the stage was skipped; null when it ran. */
  skippedReason: string | null;
  model: PurchaseModel | null;
  modelLabel: string | null;
  /** Months of purchases the CLV figures cover; null when the stage did not run. */
  horizonMonths: number | null;
  /** Customers whose P(alive) is shown; null for runs stored before it was counted. */
  pAliveShown: number | null;
  /** Why P(alive) is hidden for some or all customers; null when it is shown for all. */
  pAliveNote: string | null;
  /** The sentence every CLV figure carries (lost to the naive baseline, not validated, dropout unknown); null when none. */
  caveat: string | null;
  /** Customers whose churn status P(alive) decided and those the days-silent rule did; null for runs stored before. */
  churnBasis: { pAlive: number; rules: number; atRiskBelow: number; churnedBelow: number } | null;
}

type Summary = Partial<Pick<AnalysisSummary, 'lifetimeValue' | 'churnBasis'>>;

const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The notes of a run from its metrics (runs stored before a field existed read it as null); pure, for tests. */
export function lifetimeValueNotesFromSummary(summary: Summary | null): LifetimeValueNotesDto {
  const ltv = summary?.lifetimeValue;
  const basis = summary?.churnBasis;
  const churnBasis =
    basis && count(basis.pAlive) !== null && count(basis.rules) !== null && basis.thresholds
      ? { pAlive: basis.pAlive, rules: basis.rules, atRiskBelow: basis.thresholds.atRiskBelow, churnedBelow: basis.thresholds.churnedBelow }
      : null;
  if (!ltv || ltv.status !== 'done') {
    return {
      ran: false,
      skippedReason: ltv?.status === 'skipped' ? ltv.reason : 'This run has no lifetime-value results.',
      model: null,
      modelLabel: null,
      horizonMonths: null,
      pAliveShown: null,
      pAliveNote: null,
      caveat: null,
      churnBasis,
    };
  }
  return {
    ran: true,
    skippedReason: null,
    model: ltv.model,
    modelLabel: text(ltv.modelLabel) ?? PURCHASE_MODEL_LABEL[ltv.model] ?? ltv.model,
    horizonMonths: count(ltv.horizonMonths),
    pAliveShown: count(ltv.pAliveShown),
    pAliveNote: text(ltv.pAliveNote),
    caveat: text(ltv.caveat),
    churnBasis,
  };
}

/**
 * The CLV caveat, P(alive) note and churn basis of one run, read from its metrics: through `sql`
 * when given, else from the database once per request and, behind the page cache, once per data change.
 */
export function getLifetimeValueNotes(runId: number, sql?: SqlClient): Promise<LifetimeValueNotesDto> {
  return sql ? readLifetimeValueNotes(runId, sql) : lifetimeValueNotesOfRun(runId);
}

const lifetimeValueNotesOfRun = runFact('lifetime-value-notes', async (runId) => readLifetimeValueNotes(runId, (await getDatabase()).sql));

async function readLifetimeValueNotes(runId: number, client: SqlClient): Promise<LifetimeValueNotesDto> {
  // Only the two small parts of the metrics, not the whole document.
  const { rows } = await client.query<{ lifetime_value: Summary['lifetimeValue'] | null; churn_basis: Summary['churnBasis'] | null }>(
    `SELECT metrics -> 'lifetimeValue' AS lifetime_value, metrics -> 'churnBasis' AS churn_basis FROM run WHERE id = $1`,
    [runId],
  );
  const row = rows[0];
  return lifetimeValueNotesFromSummary(row ? { lifetimeValue: row.lifetime_value ?? undefined, churnBasis: row.churn_basis ?? undefined } : null);
}
