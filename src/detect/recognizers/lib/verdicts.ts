/**
 * @module detect/recognizers/lib/verdicts
 * Small constructors for `Verdict` objects, so every recognizer fills the fields the same way
 * (optional fields are omitted, not set to undefined). Nomatch verdicts are shared frozen constants.
 */
import type { Verdict } from '../../recognizer.js';

const NOMATCH = new Map<string, Verdict>();

/** The shared verdict for "not this type", by reason. */
export function nomatch(reason = 'shape'): Verdict {
  let v = NOMATCH.get(reason);
  if (v === undefined) {
    v = Object.freeze({ status: 'nomatch', normalized: '', reason });
    NOMATCH.set(reason, v);
  }
  return v;
}

/** A valid value with its canonical form, the pattern that matched and optional checks and warning. */
export function valid(
  normalized: string,
  pattern: string,
  checks?: readonly string[],
  warning?: string,
): Verdict {
  if (checks === undefined) {
    return warning === undefined
      ? { status: 'valid', normalized, pattern }
      : { status: 'valid', normalized, pattern, warning };
  }
  return warning === undefined
    ? { status: 'valid', normalized, pattern, checks }
    : { status: 'valid', normalized, pattern, checks, warning };
}

/** An identifier-shaped value that fails a validator; `reason` is the machine code of the failure. */
export function invalid(
  normalized: string,
  reason: string,
  pattern?: string,
  checks?: readonly string[],
): Verdict {
  if (pattern === undefined) return { status: 'invalid', normalized, reason };
  return checks === undefined
    ? { status: 'invalid', normalized, reason, pattern }
    : { status: 'invalid', normalized, reason, pattern, checks };
}

/** A masked value; `normalized` is the cleaned masked form (for samples), never a key. */
export function masked(normalized: string, pattern: string, reason = 'mask'): Verdict {
  return { status: 'masked', normalized, reason, pattern };
}

/** A spreadsheet-mangled value (`scientific`, `precision`). */
export function truncated(normalized: string, reason: string, pattern: string): Verdict {
  return { status: 'truncated', normalized, reason, pattern };
}

/** Freeze a list of check labels once, at module load. */
export function checks(...labels: string[]): readonly string[] {
  return Object.freeze(labels);
}
