/**
 * @module cli/output
 * Exit codes and the one place that maps errors to them.
 */
import { ForensicError } from '../core/errors.js';

export const EXIT_OK = 0;
/** A fatal error: nothing trustworthy was produced. */
export const EXIT_ERROR = 1;
/** A bad command line or configuration. */
export const EXIT_USAGE = 2;
/** The run finished, but at least one evidence item could not be read (listed in summary.json). */
export const EXIT_ITEMS_FAILED = 3;
/** An integrity check failed (a hash changed, the custody chain is broken). */
export const EXIT_INTEGRITY = 4;
/** Stopped by Ctrl-C (SIGINT) or SIGTERM: 128 + the signal number, as a shell reports a killed command. */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;

export function exitCodeFor(e: unknown): number {
  if (e instanceof ForensicError) {
    if (e.code === 'USAGE' || e.code === 'CONFIG' || e.code === 'FACTS') return EXIT_USAGE;
    if (e.code === 'INTEGRITY') return EXIT_INTEGRITY;
  }
  return EXIT_ERROR;
}

export interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly isTTY: boolean;
}

export const processIo: Io = {
  out: process.stdout,
  err: process.stderr,
  isTTY: Boolean(process.stdout.isTTY),
};
