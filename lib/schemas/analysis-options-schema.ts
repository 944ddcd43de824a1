import { z } from 'zod';
import './zod-config';
import { TRANSACTION_FIELDS } from '../engines/ingest/types';
import { CLUSTER_FEATURES } from '../engines/pipeline/types';

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date in the form YYYY-MM-DD.')
  .refine((value) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
  }, 'This is not a real calendar date.')
  .transform((value) => Date.parse(`${value}T00:00:00Z`));

/** An IANA time zone name, checked against the runtime's zone database. */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Give an IANA time zone name such as Europe/London or America/New_York.');

/** An ISO 4217 currency code, upper-cased. */
export const currencySchema = z.string().trim().regex(/^[A-Za-z]{3}$/, 'Give a three-letter currency code such as EUR or USD.').transform((c) => c.toUpperCase());

/** Parameters of one analysis run, shared by the command line, the upload form and the run service. */
export const analysisOptionsSchema = z
  .object({
    seed: z.coerce.number().int('The seed must be a whole number.').min(0).max(2 ** 31 - 1).default(42),
    snapshot: isoDay.optional(),
    columns: z.partialRecord(z.enum(TRANSACTION_FIELDS), z.string().max(200)).optional(),
    dateOrder: z.enum(['month-first', 'day-first']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']).optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    timeZone: timeZoneSchema.optional(),
    currency: currencySchema.optional(),
    sheet: z.string().trim().min(1).max(100).optional(),
    maxParseFailureShare: z.coerce.number().min(0, 'The share of unreadable lines is between 0 and 1.').max(1, 'The share of unreadable lines is between 0 and 1 (0.005 is 0.5 %).').optional(),
    value: z.enum(['net', 'gross']).default('net'),
    dropDuplicates: z.boolean().default(false),
    rfmScoring: z.enum(['quantile-breaks', 'rank', 'average-rank']).default('quantile-breaks'),
    method: z.enum(['kmeans', 'gmm', 'hierarchical', 'all']).default('all'),
    k: z.coerce.number().int().min(2, 'k must be at least 2.').max(50, 'k must be at most 50.').optional(),
    kMin: z.coerce.number().int().min(2, 'The smallest k must be at least 2.').max(50).default(2),
    kMax: z.coerce.number().int().min(2).max(50, 'The largest k must be at most 50.').default(10),
    clusterFeatures: z
      .array(z.enum(CLUSTER_FEATURES))
      .min(1, 'Choose at least one clustering feature.')
      .default(['recency', 'frequency', 'monetary']),
    model: z.enum(['auto', 'bgnbd', 'mbgnbd', 'pnbd']).default('auto'),
    pAliveThresholds: z
      .object({
        atRiskBelow: z.coerce.number().min(0, 'A P(alive) threshold is between 0 and 1.').max(1, 'A P(alive) threshold is between 0 and 1.'),
        churnedBelow: z.coerce.number().min(0, 'A P(alive) threshold is between 0 and 1.').max(1, 'A P(alive) threshold is between 0 and 1.'),
      })
      .refine((t) => t.churnedBelow <= t.atRiskBelow, { message: 'The churned threshold must not exceed the at-risk threshold.' })
      .default({ atRiskBelow: 0.7, churnedBelow: 0.3 }),
    unit: z.enum(['days', 'weeks']).default('weeks'),
    horizonMonths: z.coerce.number().int().min(1, 'The horizon must be at least one month.').max(120).default(6),
    discountRate: z.coerce.number().min(0, 'The monthly discount rate cannot be negative.').max(1, 'The monthly discount rate is a fraction such as 0.01.').default(0.01),
    calibrationEnd: isoDay.optional(),
    fitEnd: isoDay.optional(),
    holdoutDays: z.coerce.number().int('The holdout is a whole number of days.').min(7, 'The holdout needs at least 7 days.').max(36_500, 'The holdout is at most 36,500 days.').optional(),
    penalizer: z.coerce.number().min(0).max(10).default(0),
  })
  .refine((o) => o.kMin <= o.kMax, { message: 'The smallest k must not exceed the largest k.', path: ['kMin'] })
  .refine((o) => o.calibrationEnd === undefined || o.holdoutDays === undefined, {
    message: 'Give either a calibration end date or a holdout length, not both.',
    path: ['calibrationEnd'],
  });

export type AnalysisOptionsInput = z.input<typeof analysisOptionsSchema>;
/** Parsed options go straight to runAnalysis, which type-checks them against the engine's AnalysisOptions. */
export type AnalysisOptionsOutput = z.output<typeof analysisOptionsSchema>;
