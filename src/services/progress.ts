/**
 * @module services/progress
 * Progress events of an analysis run, for a terminal display or a machine-readable log (cli/progress.ts renders
 * them). The analysis loop reports what it starts and finishes; while an item is read, a timer polls counters
 * (the reader's `progress()` bytes, rows pulled, rows staged) about five times a second. Nothing is called per
 * record, so a run without a listener costs nothing and a run with one costs a timer.
 *
 * Event order: `phase_start collect`, `run_start` (items found, bytes), per evidence file `item_start`, any number
 * of `item_progress`, then `item_done` (one per table of the file) or `item_failed`; `phase_start`/`phase_done`
 * for `engine_load`, `counting` and `reports`; `run_done`. `message` carries free text (a report format that was
 * skipped). Every event has `type`, `time` (ISO 8601) and `elapsed` (seconds since the run started).
 */

export type ProgressPhase = 'collect' | 'items' | 'engine_load' | 'counting' | 'reports';

/** Where the current item is: hashing before reading, reading (the census), hashing again after reading. */
export type ItemStage = 'hash' | 'read' | 'rehash';

/** The run as a whole, carried by every item event. */
export interface RunCounters {
  /** Evidence items finished (read or failed). */
  readonly items_done: number;
  readonly items: number;
  /** Bytes of the finished items plus the estimated share of the current one. */
  readonly bytes_done: number;
  readonly bytes: number;
  /** Records of the items read so far (finished tables only). */
  readonly records: number;
}

export type ProgressEventBody =
  | { readonly type: 'phase_start'; readonly phase: ProgressPhase }
  | {
      readonly type: 'phase_done';
      readonly phase: ProgressPhase;
      readonly seconds: number;
      /** Rows handed to the engine (`engine_load`). */
      readonly rows?: number;
    }
  | {
      readonly type: 'run_start';
      readonly evidence_root: string;
      readonly items: number;
      readonly bytes: number;
    }
  | {
      readonly type: 'item_start';
      /** 0-based position among the collected evidence items. */
      readonly index: number;
      readonly path: string;
      readonly bytes: number;
      readonly run: RunCounters;
    }
  | {
      readonly type: 'item_progress';
      readonly index: number;
      /** The item being read (with `#table` for a workbook sheet or database table). */
      readonly path: string;
      readonly stage: ItemStage;
      /** Bytes of the file done in this stage; null when the reader cannot tell. */
      readonly bytes_read: number | null;
      readonly bytes: number;
      /** Row events pulled from the reader so far (records, non-record lines, warnings). */
      readonly rows: number;
      /** Valid records staged so far. */
      readonly valid: number;
      /** Seconds since this stage began. */
      readonly seconds: number;
      readonly run: RunCounters;
    }
  | {
      readonly type: 'item_done';
      readonly index: number;
      readonly path: string;
      readonly bytes: number;
      readonly records: number;
      readonly valid: number;
      /** Seconds spent reading this item (the census pass, without hashing). */
      readonly seconds: number;
      readonly records_per_second: number;
      /** The same as a line of text: `path: N records (M valid), encoding`. */
      readonly message: string;
      readonly run: RunCounters;
    }
  | {
      readonly type: 'item_failed';
      readonly index: number;
      readonly path: string;
      readonly error: string;
      readonly message: string;
      readonly run: RunCounters;
    }
  | { readonly type: 'message'; readonly message: string }
  | {
      readonly type: 'run_done';
      readonly seconds: number;
      readonly items: number;
      readonly failed_items: number;
      readonly records: number;
      readonly valid: number;
      readonly bytes: number;
    };

export type ProgressEvent = ProgressEventBody & {
  /** ISO 8601 time of the event. */
  readonly time: string;
  /** Seconds since the run started (millisecond precision). */
  readonly elapsed: number;
};

export type ProgressListener = (e: ProgressEvent) => void;

/** A byte counter that a hashing or reading loop advances (the same shape as the line reader's meter). */
export interface ByteMeter {
  bytes: number;
}

/** A row counter advanced by the row watch (services/interrupt.ts). */
export interface RowCounter {
  rows: number;
}

/** Share of an item's work per stage, for the overall estimate (reading dominates; hashing is fast). */
const STAGE_SHARE: Record<ItemStage, { readonly before: number; readonly weight: number }> = {
  hash: { before: 0, weight: 0.05 },
  read: { before: 0.05, weight: 0.9 },
  rehash: { before: 0.95, weight: 0.05 },
};

export const POLL_MS = 200;

interface CurrentItem {
  readonly index: number;
  readonly bytes: number;
  path: string;
  stage: ItemStage;
  stageStart: number;
  tableStart: number;
  meter: ByteMeter | null;
  readBytes: (() => number | null) | null;
  rows: RowCounter | null;
  valid: { readonly rows: number } | null;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Emits the progress events of one run. Without a listener every method returns at once and no timer runs.
 * `clock` (milliseconds) is for tests.
 */
export class ProgressTracker {
  readonly #listener: ProgressListener | undefined;
  readonly #clock: () => number;
  readonly #pollMs: number;
  readonly #t0: number;
  #timer: NodeJS.Timeout | null = null;
  #phase: ProgressPhase | null = null;
  #phaseStart = 0;
  #items = 0;
  #bytes = 0;
  #itemsDone = 0;
  #bytesDone = 0;
  #records = 0;
  #current: CurrentItem | null = null;

  constructor(listener?: ProgressListener, opts: { clock?: () => number; pollMs?: number } = {}) {
    this.#listener = listener;
    this.#clock = opts.clock ?? Date.now;
    this.#pollMs = opts.pollMs ?? POLL_MS;
    this.#t0 = this.#clock();
  }

  get enabled(): boolean {
    return this.#listener !== undefined;
  }

  /** The phase the run is in (also without a listener: the interruption record names it). */
  get phase(): ProgressPhase | null {
    return this.#phase;
  }

  /** The item being read, if any. */
  get currentPath(): string | null {
    return this.#current?.path ?? null;
  }

  get itemsDone(): number {
    return this.#itemsDone;
  }

  get records(): number {
    return this.#records;
  }

  #emit(body: ProgressEventBody): void {
    if (!this.#listener) return;
    const now = this.#clock();
    this.#listener({ ...body, time: new Date(now).toISOString(), elapsed: round3((now - this.#t0) / 1000) });
  }

  #run(): RunCounters {
    const c = this.#current;
    let share = 0;
    if (c) {
      const s = STAGE_SHARE[c.stage];
      let frac = 0;
      if (c.stage === 'read') {
        const b = c.readBytes?.() ?? null;
        frac = b !== null && c.bytes > 0 ? Math.min(1, b / c.bytes) : 0;
      } else if (c.meter && c.bytes > 0) frac = Math.min(1, c.meter.bytes / c.bytes);
      share = c.bytes * (s.before + s.weight * frac);
    }
    return {
      items_done: this.#itemsDone,
      items: this.#items,
      bytes_done: Math.round(this.#bytesDone + share),
      bytes: this.#bytes,
      records: this.#records,
    };
  }

  phaseStart(phase: ProgressPhase): void {
    this.#phase = phase;
    this.#phaseStart = this.#clock();
    this.#emit({ type: 'phase_start', phase });
  }

  phaseDone(extra: { rows?: number } = {}): void {
    const phase = this.#phase;
    if (phase === null) return;
    this.#emit({
      type: 'phase_done',
      phase,
      seconds: round3((this.#clock() - this.#phaseStart) / 1000),
      ...extra,
    });
  }

  /** After collection: how many items and bytes the run will read. Starts the `items` phase. */
  runStart(evidenceRoot: string, entries: readonly { readonly bytes: number }[]): void {
    this.phaseDone();
    this.#items = entries.length;
    this.#bytes = entries.reduce((a, e) => a + e.bytes, 0);
    this.#emit({ type: 'run_start', evidence_root: evidenceRoot, items: this.#items, bytes: this.#bytes });
    this.#phase = 'items';
    this.#phaseStart = this.#clock();
  }

  /** An evidence file is started: its hash comes first; `meter` is advanced by the hashing loop. */
  itemStart(index: number, path: string, bytes: number, meter: ByteMeter): void {
    this.#current = {
      index,
      bytes,
      path,
      stage: 'hash',
      stageStart: this.#clock(),
      tableStart: this.#clock(),
      meter,
      readBytes: null,
      rows: null,
      valid: null,
    };
    this.#emit({ type: 'item_start', index, path, bytes, run: this.#run() });
    this.#startTimer();
  }

  /** A table of the current file is being read. */
  readStart(
    path: string,
    readBytes: (() => number | null) | null,
    rows: RowCounter,
    valid: { readonly rows: number },
  ): void {
    const c = this.#current;
    if (!c) return;
    c.path = path;
    c.stage = 'read';
    c.stageStart = this.#clock();
    c.tableStart = c.stageStart;
    c.readBytes = readBytes;
    c.rows = rows;
    c.valid = valid;
    c.meter = null;
  }

  /** The file is hashed again after reading a table. */
  rehashStart(meter: ByteMeter): void {
    const c = this.#current;
    if (!c) return;
    c.stage = 'rehash';
    c.stageStart = this.#clock();
    c.meter = meter;
  }

  /** One table of the current file was read (the file may have more). */
  itemRead(path: string, records: number, valid: number, message: string): void {
    const c = this.#current;
    this.#records += records;
    const seconds = c ? (this.#clock() - c.tableStart) / 1000 : 0;
    this.#emit({
      type: 'item_done',
      index: c?.index ?? -1,
      path,
      bytes: c?.bytes ?? 0,
      records,
      valid,
      seconds: round3(seconds),
      records_per_second: seconds > 0 ? Math.round(records / seconds) : records,
      message,
      run: this.#run(),
    });
  }

  /** An item (or a table of it) could not be read. */
  itemFailed(index: number, path: string, error: string, message: string): void {
    this.#emit({ type: 'item_failed', index, path, error, message, run: this.#run() });
  }

  /** The evidence file at `index` is finished (all its tables read, or failed). */
  itemEnd(bytes: number): void {
    this.#stopTimer();
    this.#current = null;
    this.#itemsDone++;
    this.#bytesDone += bytes;
  }

  message(message: string): void {
    this.#emit({ type: 'message', message });
  }

  runDone(totals: { items: number; failed_items: number; records: number; valid: number }): void {
    this.phaseDone();
    this.#phase = null;
    this.#emit({
      type: 'run_done',
      seconds: round3((this.#clock() - this.#t0) / 1000),
      ...totals,
      bytes: this.#bytes,
    });
  }

  /** Stops the timer (end of the run, or an interruption). */
  close(): void {
    this.#stopTimer();
    this.#current = null;
  }

  /** Emits one `item_progress` for the current item (the timer calls it; tests may too). */
  poll(): void {
    const c = this.#current;
    if (!c || !this.#listener) return;
    const bytesRead =
      c.stage === 'read' ? (c.readBytes?.() ?? null) : c.meter !== null ? c.meter.bytes : null;
    this.#emit({
      type: 'item_progress',
      index: c.index,
      path: c.path,
      stage: c.stage,
      bytes_read: bytesRead,
      bytes: c.bytes,
      rows: c.rows?.rows ?? 0,
      valid: c.valid?.rows ?? 0,
      seconds: round3((this.#clock() - c.stageStart) / 1000),
      run: this.#run(),
    });
  }

  #startTimer(): void {
    if (!this.#listener || this.#timer !== null) return;
    this.#timer = setInterval(() => this.poll(), this.#pollMs);
    this.#timer.unref();
  }

  #stopTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
