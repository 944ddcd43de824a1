import 'server-only';
import type { PurchaseModel } from '../../../engines/btyd/types';
import type { AnalysisSummary } from '../../../engines/pipeline/summarize-analysis';
import { DROPOUT_PARAMETERS, PURCHASE_MODEL_LABEL } from '../../../engines/btyd/purchase-model';
import { getDatabase } from '../../db/database';
import { getRunMoney } from '../get-run-money';
import { describeHoldoutAccuracy } from './describe-holdout-accuracy';
import { fittedModelDto, PURCHASE_MODEL_PARAMETERS, SPEND_MODEL_PARAMETERS, type FittedModelDto, type StoredFit } from './fitted-model-dto';
import { runFact } from '../run-fact';

export type { FittedModelDto, ModelParameterDto } from './fitted-model-dto';

export type LifetimeValueModelDto =
  | { status: 'skipped'; reason: string }
  | {
      status: 'done';
      model: PurchaseModel;
      modelLabel: string;
      /** How the model was chosen (lowest holdout error among converged fits, the options, or the default); null for runs stored before. */
      choice: { by: 'holdout' | 'user' | 'default'; reason: string } | null;
      /** Last day of purchases the fit used (YYYY-MM-DD); null when it used all. */
      fitEnd: string | null;
      /** The sentence every CLV figure carries; null when none. */
      caveat: string | null;
      /** Why P(alive) is hidden for some or all customers; null when it is shown for all. */
      pAliveNote: string | null;
      unit: 'days' | 'weeks';
      horizonMonths: number;
      /** Monthly discount rate. */
      discountRate: number;
      purchase: FittedModelDto & {
        meanRate: number | null;
        /** BG/NBD, MBG/NBD: mean chance of dropping out after each purchase, a / (a + b); null for Pareto/NBD. */
        meanDropout: number | null;
        /** Pareto/NBD: mean dropout rate per time unit, s / beta; null for the others. */
        meanDropoutRate: number | null;
        /** The data tell when customers stop buying (no dropout parameter is unidentified). */
        dropoutIdentified: boolean;
      };
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
      /** The purchase model whose holdout errors these are. */
      modelLabel: string;
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

export interface MetricsDto {
  mae: number | null;
  rmse: number | null;
  bias: number | null;
}

export interface LifetimeValueRunDto {
  lifetimeValue: LifetimeValueModelDto;
  holdout: HoldoutDto;
}

type Summary = Partial<Pick<AnalysisSummary, 'lifetimeValue' | 'holdout'>>;


/** The model's label as stored, else the engine's, else its id. */
export function purchaseModelLabel(model: string, stored?: string | null): string {
  return stored || (PURCHASE_MODEL_LABEL as Record<string, string | undefined>)[model] || model;
}

export const metricsDto = (m: Record<string, number | null>): MetricsDto => ({ mae: m.mae ?? null, rmse: m.rmse ?? null, bias: m.bias ?? null });

/** The summary's lifetime-value and holdout sections (run.metrics) as DTOs, spend amounts in `currency` (the run's, null when unknown); pure, for tests. */
export function lifetimeValueFromSummary(summary: Summary | null, currency: string | null): LifetimeValueRunDto {
  const noResults = 'This run has no lifetime-value results.';
  const ltv = summary?.lifetimeValue;
  const holdout = summary?.holdout;
  let lifetimeValue: LifetimeValueModelDto;
  if (!ltv) lifetimeValue = { status: 'skipped', reason: noResults };
  else if (ltv.status === 'skipped') lifetimeValue = { status: 'skipped', reason: ltv.reason };
  else {
    const model: PurchaseModel = ltv.model;
    const stored = ltv as Partial<Pick<typeof ltv, 'modelLabel' | 'choice' | 'fitEnd' | 'caveat' | 'pAliveNote'>>;
    const purchase = fittedModelDto(ltv.purchaseModel as StoredFit, PURCHASE_MODEL_PARAMETERS[model]);
    const { r, alpha, a, b, s, beta } = ltv.purchaseModel.params as Record<string, number | null | undefined>;
    const spend = ltv.spendModel;
    lifetimeValue = {
      status: 'done',
      model,
      modelLabel: purchaseModelLabel(model, stored.modelLabel),
      choice: stored.choice ? { by: stored.choice.by, reason: stored.choice.reason } : null,
      fitEnd: stored.fitEnd ?? null,
      caveat: stored.caveat ?? null,
      pAliveNote: stored.pAliveNote ?? null,
      unit: ltv.unit,
      horizonMonths: ltv.horizonMonths,
      discountRate: ltv.discountRate,
      purchase: {
        ...purchase,
        meanRate: typeof r === 'number' && alpha ? r / alpha : null,
        meanDropout: model !== 'pnbd' && typeof a === 'number' && typeof b === 'number' && a + b > 0 ? a / (a + b) : null,
        meanDropoutRate: model === 'pnbd' && typeof s === 'number' && beta ? s / beta : null,
        dropoutIdentified: !purchase.notIdentified.some((name) => DROPOUT_PARAMETERS[model].includes(name)),
      },
      spend:
        spend.status === 'fitted'
          ? { status: 'fitted', populationMeanSpend: spend.populationMeanSpend, ...fittedModelDto(spend as StoredFit, SPEND_MODEL_PARAMETERS) }
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
    const scored = (holdout as { scoredModel?: string }).scoredModel ?? (ltv?.status === 'done' ? ltv.model : null);
    holdoutDto = {
      status: 'done',
      modelLabel: scored ? purchaseModelLabel(scored) : 'The model',
      calibrationEnd: holdout.calibrationEnd,
      holdoutLength: length,
      unit: holdout.unit,
      customers: holdout.customers,
      purchases: { model: metricsDto(holdout.model.purchases), naive: metricsDto(holdout.naive.purchases) },
      spend: { model: metricsDto(holdout.model.spend), naive: metricsDto(holdout.naive.spend) },
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
        currency,
      }),
      spendSentence: describeHoldoutAccuracy({
        holdoutLength: length,
        unit: holdout.unit,
        measure: 'spend',
        modelMae: holdout.model.spend.mae ?? Number.NaN,
        naiveMae: holdout.naive.spend.mae ?? Number.NaN,
        currency,
      }),
    };
  }
  return { lifetimeValue, holdout: holdoutDto };
}

/** The fitted lifetime-value models and their holdout validation of one run (fitted on all its customers); read once per request and data change (runFact). */
export const getLifetimeValueModel: (runId: number) => Promise<LifetimeValueRunDto> = runFact('lifetime-value-model', async (runId) => {
  const db = await getDatabase();
  const [run, money] = await Promise.all([db.prisma.run.findUnique({ where: { id: runId }, select: { metrics: true } }), getRunMoney(runId)]);
  return lifetimeValueFromSummary((run?.metrics ?? null) as Summary | null, money.currency);
});
