/**
 * @module services/interrupt
 * Stopping an analysis on request (Ctrl-C, SIGTERM): the caller aborts an AbortSignal, the analysis stops at the
 * next safe point — between items, between row batches of the item being read, between engine steps, before
 * the outputs are written — logs `analysis_interrupted`, closes the engine and throws AnalysisInterrupted.
 */
import type { OpenedItem } from '../ingest/source.js';
import type { RowCounter } from './progress.js';

/** Thrown by `analyzeCase` when it stopped on request; nothing of the run's outputs was written. */
export class AnalysisInterrupted extends Error {
  /** `SIGINT`, `SIGTERM`, or `abort` when the signal was aborted without a signal name. */
  readonly signal: string;
  /** The phase the run was in (services/progress.ts ProgressPhase), or null before collection ended. */
  readonly phase: string | null;
  readonly itemsDone: number;
  readonly items: number;

  constructor(signal: string, phase: string | null, itemsDone: number, items: number) {
    super(
      `stopped by ${signal}${phase ? ` during ${phase}` : ''} (${itemsDone} of ${items} evidence items finished); no summary.json or report was written by this run`,
    );
    this.name = 'AnalysisInterrupted';
    this.signal = signal;
    this.phase = phase;
    this.itemsDone = itemsDone;
    this.items = items;
  }
}

/** The name a stop request carries: the abort reason when it is a signal name. */
export function stopSignalName(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  return typeof r === 'string' && /^SIG[A-Z]+$/.test(r) ? r : 'abort';
}

/** Raised inside a row pass to unwind the reader when a stop is requested (replaced by AnalysisInterrupted). */
export class StopRequested extends Error {
  constructor() {
    super('stop requested');
    this.name = 'StopRequested';
  }
}

function guard<T>(
  source: AsyncIterable<T>,
  counter: RowCounter,
  perCall: boolean,
  signal: AbortSignal | undefined,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const it = source[Symbol.asyncIterator]();
      const stop = async (): Promise<IteratorResult<T>> => {
        // Close the reader (its finally blocks close the file) before unwinding the census.
        try {
          await it.return?.();
        } catch {
          // the reader's own clean-up error does not matter any more
        }
        throw new StopRequested();
      };
      return {
        next(): Promise<IteratorResult<T>> {
          if (signal?.aborted) return stop();
          if (perCall) {
            // One event per call: count calls, and hand the reader's promise on untouched.
            counter.rows++;
            return it.next();
          }
          return it.next().then((r) => {
            if (!r.done) counter.rows += Array.isArray(r.value) ? r.value.length : 1;
            return r;
          });
        },
        return(value?: unknown): Promise<IteratorResult<T>> {
          return it.return ? it.return(value) : Promise.resolve({ done: true, value: undefined as T });
        },
      };
    },
  };
}

/**
 * The item as the census sees it, with its row passes watched: `rows()` counts events by the call (no extra
 * promise per row), `batches()` (when the reader has it) by batch length; both stop with StopRequested once
 * `signal` is aborted, after closing the reader. Every other property is the reader's own (methods keep their
 * `this`).
 */
export function watchRows(
  item: OpenedItem,
  counter: RowCounter,
  signal: AbortSignal | undefined,
): OpenedItem {
  return new Proxy(item, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      const fn = v as (...a: unknown[]) => unknown;
      if (prop === 'rows' || prop === 'batches') {
        return (...a: unknown[]) =>
          guard(fn.apply(target, a) as AsyncIterable<unknown>, counter, prop === 'rows', signal);
      }
      return fn.bind(target);
    },
  });
}
