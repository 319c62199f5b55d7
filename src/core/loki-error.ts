const marker = Symbol.for('loki.error');

/**
 * What kind of failure an error is, from the point of view of the person who ran Loki.
 * The CLI maps each category to one exit status; nothing else decides exit codes.
 */
export type ErrorCategory =
  /** the input was bad: usage, config, PRD (exit 2) */
  | 'bad-input'
  /** the work itself failed: a gate, a finding, a health check (exit 1) */
  | 'work-failed'
  /** an outside service failed: a model provider, a deploy target (exit 3) */
  | 'service-failed'
  /** a limit was reached: time, budget, size; the run is resumable (exit 4) */
  | 'limit-reached'
  /** a defect in Loki itself (exit 1) */
  | 'internal';

export interface LokiErrorOptions {
  /** Stable machine-readable code, `area.reason`: `"model.rate-limited"`, `"prd.empty"`. */
  code: string;
  message: string;
  category: ErrorCategory;
  /** Whether trying the same operation again may succeed. Decided where the error is made. */
  isRetryable?: boolean;
  /** Typed facts a person needs to fix the cause, also written to the journal. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one base class of Loki's errors. Recognised across package copies through a
 * `Symbol.for` marker, so `LokiError.isInstance` works where `instanceof` would not.
 */
export class LokiError extends Error {
  private readonly [marker] = true;
  readonly code: string;
  readonly category: ErrorCategory;
  readonly isRetryable: boolean;
  readonly details: Record<string, unknown>;

  constructor(options: LokiErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LokiError';
    this.code = options.code;
    this.category = options.category;
    this.isRetryable = options.isRetryable ?? false;
    this.details = options.details ?? {};
  }

  static isInstance(error: unknown): error is LokiError {
    return typeof error === 'object' && error !== null && marker in error;
  }

  /** A plain, JSON-safe description for the journal and `--json` output. */
  toJSON(): {
    code: string;
    category: ErrorCategory;
    message: string;
    details: Record<string, unknown>;
  } {
    return {
      code: this.code,
      category: this.category,
      message: this.message,
      details: this.details,
    };
  }
}

/** The message of anything thrown, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}
