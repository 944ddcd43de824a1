import { fitPurchaseModel } from '../btyd/purchase-model';
import type { FitOptions, PurchaseModel, PurchaseModelFit, RepeatPurchaseData, TimeUnit } from '../btyd/types';
import { runClustering } from '../clustering/run-clustering';
import type { RunClusteringOptions, RunClusteringResult } from '../clustering/types';
import { EngineError, isEngineError, type EngineErrorCode } from '../errors';
import { readByteRange, type ByteRangeInput, type ByteRangeResult } from '../ingest/read-byte-range';

/**
 * The pieces of an analysis that can run on another thread: pure functions whose inputs and
 * results survive a structured clone unchanged, so a worker's answer is the inline answer.
 */
export interface EngineTasks {
  fitPurchaseModel: {
    input: { model: PurchaseModel; data: RepeatPurchaseData & { unit: TimeUnit }; options: FitOptions };
    output: PurchaseModelFit;
  };
  runClustering: {
    input: { columns: Record<string, Float64Array>; options: RunClusteringOptions };
    output: RunClusteringResult;
  };
  /** The second byte range of a large plain CSV, read while the calling thread reads the first. */
  readByteRange: {
    input: ByteRangeInput;
    output: ByteRangeResult;
  };
}

export type EngineTaskKind = keyof EngineTasks;
export type EngineTaskInput<K extends EngineTaskKind> = EngineTasks[K]['input'];
export type EngineTaskOutput<K extends EngineTaskKind> = EngineTasks[K]['output'];

/** Runs engine tasks, inline or on worker threads; the answers are the same either way. */
export interface TaskExecutor {
  /** Threads the tasks run on at once (1: inline, one after another). */
  readonly threads: number;
  run<K extends EngineTaskKind>(kind: K, input: EngineTaskInput<K>): Promise<EngineTaskOutput<K>>;
}

/** Runs one task on the calling thread. */
export function runTask<K extends EngineTaskKind>(kind: K, input: EngineTaskInput<K>): EngineTaskOutput<K> {
  switch (kind) {
    case 'fitPurchaseModel': {
      const { model, data, options } = input as EngineTaskInput<'fitPurchaseModel'>;
      return fitPurchaseModel(model, data, options) as EngineTaskOutput<K>;
    }
    case 'runClustering': {
      const { columns, options } = input as EngineTaskInput<'runClustering'>;
      return runClustering(columns, options) as EngineTaskOutput<K>;
    }
    case 'readByteRange':
      return readByteRange(input as EngineTaskInput<'readByteRange'>) as EngineTaskOutput<K>;
    default:
      throw new EngineError('INVALID_OPTION', `Unknown engine task "${String(kind)}".`);
  }
}

/** Tasks whose answers are moved to the caller rather than copied: the worker keeps no reference to them. */
export const TRANSFERRED_TASKS: ReadonlySet<EngineTaskKind> = new Set<EngineTaskKind>(['readByteRange']);

/** Tasks run one after another on the calling thread: the default, and what `threads: 1` means. */
export const inlineExecutor: TaskExecutor = {
  threads: 1,
  run: async (kind, input) => runTask(kind, input),
};

/** An error as it crosses between threads: an EngineError keeps its code, message and details. */
export type TaskError =
  | { engine: true; code: EngineErrorCode; message: string; details?: Record<string, unknown> }
  | { engine: false; message: string; stack?: string };

export function toTaskError(error: unknown): TaskError {
  if (isEngineError(error)) return { engine: true, code: error.code, message: error.message, details: error.details };
  if (error instanceof Error) return { engine: false, message: error.message, stack: error.stack };
  return { engine: false, message: String(error) };
}

export function fromTaskError(error: TaskError): Error {
  if (error.engine) return new EngineError(error.code, error.message, error.details);
  const rebuilt = new Error(error.message);
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

/** What a task worker posts back for the task with `id`. */
export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: TaskError };

/** What a task worker receives. */
export interface TaskRequest {
  id: number;
  kind: EngineTaskKind;
  input: unknown;
}
