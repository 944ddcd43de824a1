import { EngineError } from '../errors';

/** Throw unless the column is a non-empty Float64Array of finite numbers, each at least `min` when given. */
export function assertColumn(values: unknown, column: string, min?: number): asserts values is Float64Array {
  if (!(values instanceof Float64Array)) {
    throw new EngineError('INVALID_INPUT', `The ${column} column must be a Float64Array of numbers.`, { column });
  }
  if (values.length === 0) {
    throw new EngineError('NO_CUSTOMERS', `The ${column} column is empty: there are no customers to score.`, {
      column,
    });
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      throw new EngineError(
        'INVALID_INPUT',
        `The ${column} column has a missing value (NaN) for the customer at position ${i}.`,
        { column, index: i },
      );
    }
    if (!Number.isFinite(v)) {
      throw new EngineError(
        'INVALID_INPUT',
        `The ${column} column has an infinite value for the customer at position ${i}.`,
        { column, index: i },
      );
    }
    if (min !== undefined && v < min) {
      throw new EngineError(
        'INVALID_INPUT',
        `The ${column} column has ${v} for the customer at position ${i}; it cannot be below ${min}.`,
        { column, index: i, value: v },
      );
    }
  }
}

/** Throw unless every column has the same length as the first. */
export function assertSameLength(columns: Record<string, Float64Array>): number {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  for (const name of names) {
    if (columns[name].length !== n) {
      throw new EngineError(
        'INVALID_INPUT',
        `The ${name} column has ${columns[name].length} customers but the ${names[0]} column has ${n}; every column needs one value per customer.`,
        { column: name, length: columns[name].length, expected: n },
      );
    }
  }
  return n;
}
