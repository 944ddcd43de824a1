import { z } from 'zod';
import './zod-config';
import { RUN_MODELS_VERSION, type RunModels } from '../engines/scoring/types';

const finite = z.number().finite();
const positive = finite.positive();
const scoreRange = z.tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)]);
const matrix = z.array(z.array(finite).min(1)).min(1);

const scoreRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('breaks'), breaks: z.array(finite).length(4) }),
  z.object({ kind: z.literal('constant') }),
]);

const clusterModel = z.discriminatedUnion('method', [
  z.object({ method: z.literal('kmeans'), k: z.number().int().min(1), names: z.array(z.string()), centroids: matrix }),
  z.object({
    method: z.literal('gmm'),
    k: z.number().int().min(1),
    names: z.array(z.string()),
    weights: z.array(positive).min(1),
    means: matrix,
    covariances: z.array(matrix).min(1),
  }),
  z.object({ method: z.literal('hierarchical'), k: z.number().int().min(1), names: z.array(z.string()), rule: z.literal('nearest-centroid'), centroids: matrix }),
]);

const purchaseModel = z.discriminatedUnion('model', [
  z.object({ model: z.enum(['bgnbd', 'mbgnbd']), params: z.object({ r: positive, alpha: positive, a: positive, b: positive }) }),
  z.object({ model: z.literal('pnbd'), params: z.object({ r: positive, alpha: positive, s: positive, beta: positive }) }),
]);

/** A run's stored models (run.models), read back from the database: one layout version, every number finite. */
export const runModelsSchema = z
  .object({
    version: z.literal(RUN_MODELS_VERSION),
    cleaning: z.object({ value: z.enum(['net', 'gross']), dropDuplicates: z.boolean() }),
    snapshot: z.object({ rule: z.enum(['day-after-last-purchase', 'fixed']), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    homeCountry: z.string(),
    rfm: z.object({
      scoring: z.enum(['quantile-breaks', 'rank', 'average-rank']),
      scores: z.object({ recency: scoreRule, frequency: scoreRule, monetary: scoreRule }),
      rules: z.array(z.object({ name: z.string().min(1), recency: scoreRange, frequency: scoreRange, monetary: scoreRange })),
    }),
    churn: z.object({ pAliveThresholds: z.object({ atRiskBelow: finite.min(0).max(1), churnedBelow: finite.min(0).max(1) }) }),
    clustering: z
      .object({
        features: z.array(z.string()).min(1),
        log: z.boolean(),
        means: z.array(finite),
        stds: z.array(finite.min(0)),
        methods: z.array(clusterModel),
      })
      .nullable(),
    lifetimeValue: z
      .object({
        purchase: purchaseModel,
        unit: z.enum(['days', 'weeks']),
        spend: z.object({ p: positive, q: positive, gamma: positive }).nullable(),
        horizonMonths: z.number().int().min(1),
        discountRate: finite.min(0),
        monthLengthDays: positive,
        pAliveShown: z.boolean(),
        caveat: z.string().nullable(),
      })
      .nullable(),
  })
  .superRefine((models, ctx) => {
    const c = models.clustering;
    if (!c) return;
    const d = c.features.length;
    if (c.means.length !== d || c.stds.length !== d) ctx.addIssue({ code: 'custom', message: 'The clustering scaler needs one mean and one standard deviation per feature.' });
    for (const m of c.methods) {
      const points = m.method === 'gmm' ? m.means : m.centroids;
      if (points.length !== m.k || points.some((p) => p.length !== d)) ctx.addIssue({ code: 'custom', message: `The ${m.method} model needs ${m.k} centres of ${d} values.` });
      if (m.method === 'gmm' && (m.weights.length !== m.k || m.covariances.length !== m.k || m.covariances.some((s) => s.length !== d || s.some((row) => row.length !== d)))) {
        ctx.addIssue({ code: 'custom', message: `The Gaussian mixture needs ${m.k} weights and ${m.k} covariances of ${d} x ${d}.` });
      }
    }
  }) satisfies z.ZodType<RunModels>;
