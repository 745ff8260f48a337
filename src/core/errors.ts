/**
 * @module core/errors
 * One error family for the whole tool. Every error carries a code; the CLI maps codes to exit codes.
 */

export type ErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'FACTS'
  | 'INGEST'
  | 'ENCODING'
  | 'ENGINE'
  | 'RULES'
  | 'REPORT'
  | 'INTEGRITY'
  | 'INTERNAL';

export class ForensicError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ForensicError';
    this.code = code;
    this.details = options?.details;
  }
}

/** Thrown for a bad command line. */
export class UsageError extends ForensicError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/** Thrown when a configuration or facts file is malformed; the message names the file and field. */
export class ConfigError extends ForensicError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('CONFIG', message, details ? { details } : undefined);
    this.name = 'ConfigError';
  }
}

/** A problem reading one evidence item: it names the item and the position. */
export class IngestError extends ForensicError {
  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super('INGEST', message, options);
    this.name = 'IngestError';
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
