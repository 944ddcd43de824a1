import 'server-only';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';
import { getDatabase } from '../../db/database';
import { describeHoldoutAccuracy } from './describe-holdout-accuracy';

export interface ModelParameterDto {
  name: string;
  estimate: number | null;
  standardError: number | null;
  /** estimate ± 1.96 standard errors; the lower bound is cut at 0 (parameters are positive). */
  lower: number | null;
  upper: number | null;
  lowerCut: boolean;
}

export interface FittedModelDto {
  parameters: ModelParameterDto[];
  logLikelihood: number | null;
  customers: number;
  converged: boolean;
  warnings: string[];
}

export type LifetimeValueModelDto =
  | { status: 'skipped'; reason: string }
  | {
      status: 'done';
      model: 'bgnbd' | 'mbgnbd';
      modelLabel: string;
      unit: 'days' | 'weeks';
      horizonMonths: number;
      /** Monthly discount rate. */
      discountRate: number;
      purchase: FittedModelDto & { meanRate: number | null; meanDropout: number | null };
      spend:
        | ({
            status: 'fitted';
            /**
             * The Gamma-Gamma model's mean spend per repeat purchase, p * gamma / (q - 1), over the repeat
             * buyers it was fitted on: a model parameter, not the average order value (revenue / purchase orders).
             */
            populationMeanSpend: number | null;
          } & FittedModelDto)
        | { status: 'skipped'; reason: string };
      spendSource: string;
      intervalLevel: number | null;
      warnings: string[];
    };

export interface CalibrationRowDto {
  label: string;
  customers: number;
  actual: number;
  predicted: number;
  naive: number;
}

export type HoldoutDto =
  | { status: 'skipped'; reason: string }
  | {
      status: 'done';
      calibrationEnd: string;
      holdoutLength: number;
      unit: 'days' | 'weeks';
      customers: number;
      purchases: { model: MetricsDto; naive: MetricsDto };
      spend: { model: MetricsDto; naive: MetricsDto };
      totals: { actual: number; model: number | null; naive: number | null };
      calibrationTable: CalibrationRowDto[];
      purchaseSentence: string;
      spendSentence: string;
    };

interface MetricsDto {
  mae: number | null;
  rmse: number | null;
  bias: number | null;
}

export interface LifetimeValueRunDto {
  lifetimeValue: LifetimeValueModelDto;
  holdout: HoldoutDto;
}

type Summary = Partial<Pick<AnalysisSummary, 'lifetimeValue' | 'holdout'>>;
type Fit = { params: Record<string, number | null>; standardErrors: Record<string, number | null>; logLikelihood: number | null; customers: number; converged: boolean; warnings: string[] };

const MODEL_LABEL = { bgnbd: 'BG/NBD', mbgnbd: 'MBG/NBD' } as const;
const Z95 = 1.96;

function fitted(fit: Fit, names: readonly string[]): FittedModelDto {
  return {
    parameters: names.map((name) => {
      const estimate = fit.params[name] ?? null;
      const standardError = fit.standardErrors[name] ?? null;
      const rawLower = estimate !== null && standardError !== null ? estimate - Z95 * standardError : null;
      return {
        name,
        estimate,
        standardError,
        lower: rawLower === null ? null : Math.max(0, rawLower),
        upper: estimate !== null && standardError !== null ? estimate + Z95 * standardError : null,
        lowerCut: rawLower !== null && rawLower < 0,
      };
    }),
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    converged: fit.converged,
    warnings: fit.warnings,
  };
}

const metrics = (m: Record<string, number | null>): MetricsDto => ({ mae: m.mae ?? null, rmse: m.rmse ?? null, bias: m.bias ?? null });

/** The summary's lifetime-value and holdout sections (run.metrics) as DTOs; pure, for tests. */
export function lifetimeValueFromSummary(summary: Summary | null): LifetimeValueRunDto {
  const noResults = 'This run has no lifetime-value results.';
  const ltv = summary?.lifetimeValue;
  const holdout = summary?.holdout;
  let lifetimeValue: LifetimeValueModelDto;
  if (!ltv) lifetimeValue = { status: 'skipped', reason: noResults };
  else if (ltv.status === 'skipped') lifetimeValue = { status: 'skipped', reason: ltv.reason };
  else {
    const purchase = fitted(ltv.purchaseModel, ['r', 'alpha', 'a', 'b']);
    const { r, alpha, a, b } = ltv.purchaseModel.params;
    const spend = ltv.spendModel;
    lifetimeValue = {
      status: 'done',
      model: ltv.model,
      modelLabel: MODEL_LABEL[ltv.model],
      unit: ltv.unit,
      horizonMonths: ltv.horizonMonths,
      discountRate: ltv.discountRate,
      purchase: {
        ...purchase,
        meanRate: r !== null && alpha ? r / alpha : null,
        meanDropout: a !== null && b !== null && a + b > 0 ? a / (a + b) : null,
      },
      spend:
        spend.status === 'fitted'
          ? { status: 'fitted', populationMeanSpend: spend.populationMeanSpend, ...fitted(spend as Fit, ['p', 'q', 'gamma']) }
          : { status: 'skipped', reason: (spend as { reason: string }).reason },
      spendSource: ltv.spendSource,
      intervalLevel: ltv.interval?.level ?? null,
      warnings: ltv.warnings,
    };
  }
  let holdoutDto: HoldoutDto;
  if (!holdout) holdoutDto = { status: 'skipped', reason: 'This run has no holdout validation.' };
  else if (holdout.status === 'skipped') holdoutDto = { status: 'skipped', reason: holdout.reason };
  else {
    const length = holdout.holdoutLength ?? Number.NaN;
    holdoutDto = {
      status: 'done',
      calibrationEnd: holdout.calibrationEnd,
      holdoutLength: length,
      unit: holdout.unit,
      customers: holdout.customers,
      purchases: { model: metrics(holdout.model.purchases), naive: metrics(holdout.naive.purchases) },
      spend: { model: metrics(holdout.model.spend), naive: metrics(holdout.naive.spend) },
      totals: { actual: holdout.actual.totalPurchases, model: holdout.model.totalPurchases, naive: holdout.naive.totalPurchases },
      calibrationTable: holdout.calibrationTable.map((row) => ({
        label: row.label,
        customers: row.customers,
        actual: row.meanActual ?? 0,
        predicted: row.meanPredicted ?? 0,
        naive: row.meanNaive ?? 0,
      })),
      purchaseSentence: describeHoldoutAccuracy({
        holdoutLength: length,
        unit: holdout.unit,
        measure: 'purchases',
        modelMae: holdout.model.purchases.mae ?? Number.NaN,
        naiveMae: holdout.naive.purchases.mae ?? Number.NaN,
      }),
      spendSentence: describeHoldoutAccuracy({
        holdoutLength: length,
        unit: holdout.unit,
        measure: 'spend',
        modelMae: holdout.model.spend.mae ?? Number.NaN,
        naiveMae: holdout.naive.spend.mae ?? Number.NaN,
      }),
    };
  }
  return { lifetimeValue, holdout: holdoutDto };
}

/** The fitted lifetime-value models and their holdout validation of one run (fitted on all its customers). */
export async function getLifetimeValueModel(runId: number): Promise<LifetimeValueRunDto> {
  const db = await getDatabase();
  const run = await db.prisma.run.findUnique({ where: { id: runId }, select: { metrics: true } });
  return lifetimeValueFromSummary((run?.metrics ?? null) as Summary | null);
}
