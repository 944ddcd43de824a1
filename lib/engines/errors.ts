/** Machine-readable reasons an engine refuses its input. */
export type EngineErrorCode =
  | 'EMPTY_FILE'
  | 'HEADER_ONLY'
  | 'MISSING_COLUMNS'
  | 'TOO_MANY_COLUMNS'
  | 'NO_CUSTOMERS'
  | 'NO_VALID_ROWS'
  | 'TOO_FEW_CUSTOMERS'
  | 'DEGENERATE_DATA'
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'FIELD_TOO_LONG'
  | 'ENCODING'
  | 'FIT_FAILED'
  | 'AMBIGUOUS_DATES'
  | 'TIME_ZONE_NEEDED'
  | 'CURRENCY_MISMATCH'
  | 'PARSE_FAILURES'
  | 'UNSUPPORTED_FILE'
  | 'CORRUPT_FILE';

/** A typed error whose message names the problem in plain words. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: EngineErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
