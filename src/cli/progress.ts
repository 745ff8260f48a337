/**
 * @module cli/progress
 * Shows the progress events of `xinjian analyze` (services/progress.ts) on stderr:
 * - `bar`: a line per finished item, and below them a bar for the item being read and one for the whole run
 *   (throughput in MB/s and rows/s, ETA), redrawn in place at most ten times a second and erased at the end;
 * - `ndjson`: one JSON object per line per event (`type`, `time`, `elapsed`, …), `item_progress` at most once a
 *   second per item;
 * - `plain`: the lines of earlier versions (`path: N records (M valid), encoding`), no bars;
 * - `none`: nothing.
 * `auto` is `bar` when stderr is a terminal, else `ndjson`.
 */
import type { ItemStage, ProgressEvent, ProgressPhase, RunCounters } from '../services/progress.js';

export const PROGRESS_MODES = ['auto', 'bar', 'ndjson', 'plain', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

export function isProgressMode(s: string): s is ProgressMode {
  return (PROGRESS_MODES as readonly string[]).includes(s);
}

/** What the analyze command hands to the analysis and calls itself. */
export interface ProgressSink {
  /** Structured events (bar, ndjson). */
  readonly onEvent?: (e: ProgressEvent) => void;
  /** Text lines (plain). */
  readonly onProgress?: (msg: string) => void;
  /** A line of the command's own (the demo case written, stopping…): text, or a `message` event. */
  note(msg: string, type?: string, extra?: Record<string, unknown>): void;
  /** Erases the bars (end of the run, an error, an interruption). */
  finish(): void;
}

type Stream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

export function streamIsTTY(s: NodeJS.WritableStream): boolean {
  return (s as Stream).isTTY === true;
}

export function resolveMode(mode: ProgressMode, err: NodeJS.WritableStream): Exclude<ProgressMode, 'auto'> {
  if (mode !== 'auto') return mode;
  return streamIsTTY(err) ? 'bar' : 'ndjson';
}

export function createProgressSink(
  mode: Exclude<ProgressMode, 'auto'>,
  err: NodeJS.WritableStream,
  clock: () => number = Date.now,
): ProgressSink {
  switch (mode) {
    case 'none':
      return { note: () => {}, finish: () => {} };
    case 'plain':
      return {
        onProgress: (m) => err.write(`  ${m}\n`),
        note: (m) => err.write(`${m}\n`),
        finish: () => {},
      };
    case 'ndjson': {
      const r = new NdjsonWriter(err, clock);
      return {
        onEvent: (e) => r.event(e),
        note: (m, type, extra) => r.note(m, type, extra),
        finish: () => {},
      };
    }
    case 'bar': {
      const r = new BarRenderer(err as Stream, clock);
      return { onEvent: (e) => r.event(e), note: (m) => r.note(m), finish: () => r.finish() };
    }
  }
}

// ------------------------------------------------------------------------------------------------ NDJSON

export class NdjsonWriter {
  readonly #out: NodeJS.WritableStream;
  readonly #clock: () => number;
  readonly #minProgressMs: number;
  #lastProgress = new Map<string, number>();

  constructor(out: NodeJS.WritableStream, clock: () => number = Date.now, minProgressMs = 1000) {
    this.#out = out;
    this.#clock = clock;
    this.#minProgressMs = minProgressMs;
  }

  event(e: ProgressEvent): void {
    if (e.type === 'item_progress') {
      const now = this.#clock();
      const key = `${e.index}\u0000${e.path}\u0000${e.stage}`;
      const last = this.#lastProgress.get(key);
      if (last !== undefined && now - last < this.#minProgressMs) return;
      this.#lastProgress.set(key, now);
    } else if (e.type === 'item_start') this.#lastProgress.clear();
    this.#out.write(`${JSON.stringify(e)}\n`);
  }

  note(message: string, type = 'message', extra: Record<string, unknown> = {}): void {
    this.#out.write(
      `${JSON.stringify({ type, message, ...extra, time: new Date(this.#clock()).toISOString() })}\n`,
    );
  }
}

// ------------------------------------------------------------------------------------------------ bars

const REDRAW_MS = 100;
const BAR_WIDTH = 20;
const SPINNER = ['-', '\\', '|', '/'];
const PHASE_LABEL: Record<ProgressPhase, string> = {
  collect: 'collecting evidence (hashing, expanding archives)',
  items: 'reading items',
  engine_load: 'engine: loading staged records',
  counting: 'engine: counting (de-duplication, categories)',
  reports: 'writing summary.json and the reports',
};
const STAGE_LABEL: Record<ItemStage, string> = { hash: 'hash', read: 'read', rehash: 'check' };

/** Columns a character takes in a terminal (East Asian wide and full-width forms take two). */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * Cuts `s` to at most `max` columns: from the left (`...tail`) or the right (`head...`). The bars use ASCII only:
 * East Asian terminals may draw "ambiguous" characters (block elements, the ellipsis) two columns wide, which
 * would wrap the lines and break the redraw in place.
 */
export function fitWidth(s: string, max: number, fromLeft = false): string {
  if (max <= 0) return '';
  if (displayWidth(s) <= max) return s;
  if (max <= 3) return '.'.repeat(max);
  const chars = [...s];
  if (fromLeft) chars.reverse();
  const kept: string[] = [];
  let w = 3; // the dots
  for (const ch of chars) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max) break;
    kept.push(ch);
    w += cw;
  }
  if (fromLeft) return `...${kept.reverse().join('')}`;
  return `${kept.join('')}...`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

export function formatCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  // 999,950 and up would round to "1000k"
  if (n < 999_500) return `${(n / 1000).toFixed(n < 9_950 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 1)}M`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

export function bar(fraction: number, width = BAR_WIDTH): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.floor(f * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

function pct(f: number): string {
  return `${Math.floor(Math.max(0, Math.min(1, f)) * 100)
    .toString()
    .padStart(3)}%`;
}

interface ItemState {
  readonly index: number;
  path: string;
  stage: ItemStage;
  bytesRead: number | null;
  bytes: number;
  rows: number;
  seconds: number;
}

export class BarRenderer {
  readonly #out: Stream;
  readonly #clock: () => number;
  #lines = 0;
  #lastDraw = 0;
  #pending: NodeJS.Timeout | null = null;
  #finished = false;
  #phase: ProgressPhase | null = null;
  /** Clock time when the phase began. */
  #phaseAt = 0;
  #itemsAt: number | null = null;
  #run: RunCounters | null = null;
  #item: ItemState | null = null;
  #spin = 0;
  #ticker: NodeJS.Timeout | null = null;
  /** Redraws so far (for tests). */
  draws = 0;

  constructor(out: Stream, clock: () => number = Date.now) {
    this.#out = out;
    this.#clock = clock;
  }

  event(e: ProgressEvent): void {
    if (this.#finished) return;
    if (this.#ticker === null) {
      // Keeps the elapsed time and the spinner moving in phases that send no events (engine queries).
      this.#ticker = setInterval(() => this.#schedule(), 250);
      this.#ticker.unref();
    }
    switch (e.type) {
      case 'phase_start':
        this.#phase = e.phase;
        this.#phaseAt = this.#clock();
        this.#item = null;
        break;
      case 'phase_done':
        if (e.phase === 'engine_load')
          this.#print(`  engine: ${e.rows ?? 0} valid records loaded (${e.seconds.toFixed(1)} s)`);
        else if (e.phase === 'counting') this.#print(`  engine: counted (${e.seconds.toFixed(1)} s)`);
        break;
      case 'run_start':
        this.#phase = 'items';
        this.#phaseAt = this.#clock();
        this.#itemsAt = this.#phaseAt;
        this.#run = { items_done: 0, items: e.items, bytes_done: 0, bytes: e.bytes, records: 0 };
        this.#print(`  ${e.items} evidence item(s), ${formatBytes(e.bytes)}`);
        break;
      case 'item_start':
        this.#run = e.run;
        this.#item = {
          index: e.index,
          path: e.path,
          stage: 'hash',
          bytesRead: 0,
          bytes: e.bytes,
          rows: 0,
          seconds: 0,
        };
        break;
      case 'item_progress':
        this.#run = e.run;
        this.#item = {
          index: e.index,
          path: e.path,
          stage: e.stage,
          bytesRead: e.bytes_read,
          bytes: e.bytes,
          rows: e.rows,
          seconds: e.seconds,
        };
        break;
      case 'item_done':
      case 'item_failed':
        this.#run = e.run;
        this.#item = null;
        this.#print(`  ${e.message}`);
        return;
      case 'message':
        this.#print(`  ${e.message}`);
        return;
      case 'run_done':
        this.finish();
        this.#out.write(
          `  done: ${e.items} item(s) (${e.failed_items} not readable), ${e.records} records, ${e.valid} valid, ${formatBytes(e.bytes)} in ${formatDuration(e.seconds)}\n`,
        );
        return;
    }
    this.#schedule();
  }

  /** A line above the bars. */
  note(msg: string): void {
    this.#print(msg);
  }

  /** Erases the bars; later events are ignored. */
  finish(): void {
    if (this.#pending) clearTimeout(this.#pending);
    if (this.#ticker) clearInterval(this.#ticker);
    this.#pending = null;
    this.#ticker = null;
    if (!this.#finished) this.#out.write(this.#erase());
    this.#lines = 0;
    this.#finished = true;
  }

  #print(line: string): void {
    if (this.#finished) {
      this.#out.write(`${line}\n`);
      return;
    }
    this.#out.write(`${this.#erase()}${line}\n${this.#frame()}`);
    this.#lastDraw = this.#clock();
  }

  #schedule(): void {
    if (this.#finished) return;
    const now = this.#clock();
    const wait = REDRAW_MS - (now - this.#lastDraw);
    if (wait <= 0) {
      this.#draw();
      return;
    }
    if (this.#pending) return;
    this.#pending = setTimeout(() => {
      this.#pending = null;
      if (!this.#finished) this.#draw();
    }, wait);
    this.#pending.unref();
  }

  #draw(): void {
    this.#out.write(`${this.#erase()}${this.#frame()}`);
    this.#lastDraw = this.#clock();
  }

  /** Moves to the start of the first bar line and clears the bar lines. */
  #erase(): string {
    if (this.#lines === 0) return '';
    let s = '\r\x1b[2K';
    for (let i = 1; i < this.#lines; i++) s += '\x1b[1A\x1b[2K';
    this.#lines = 0;
    return s;
  }

  /** The bar lines (no final newline: the cursor stays at the end of the last one). */
  #frame(): string {
    const cols = this.#out.columns;
    const width = Math.max(40, (cols !== undefined && cols > 0 ? cols : 80) - 1);
    const lines = this.#content(width).map((l) => fitWidth(l, width));
    this.draws++;
    this.#lines = lines.length;
    return lines.join('\n');
  }

  #content(width: number): string[] {
    const now = this.#clock();
    const spin = SPINNER[this.#spin++ % SPINNER.length]!;
    if (this.#phase !== 'items') {
      if (this.#phase === null) return [];
      return [`${spin} ${PHASE_LABEL[this.#phase]}  ${formatDuration((now - this.#phaseAt) / 1000)}`];
    }
    const out: string[] = [];
    // Narrow terminals get shorter bars, so that the figures fit.
    const bw = Math.max(10, Math.min(30, width - 80));
    const run = this.#run;
    const it = this.#item;
    const n = String(run?.items ?? 0).length;
    const headWidth = 2 * n + 3 + 1 + 5;
    if (it && run) {
      const head = `[${String(it.index + 1).padStart(n)}/${run.items}] ${STAGE_LABEL[it.stage].padEnd(5)}`;
      const parts: string[] = [head];
      const secs = it.seconds;
      if (it.bytesRead !== null && it.bytes > 0) {
        parts.push(`${bar(it.bytesRead / it.bytes, bw)} ${pct(it.bytesRead / it.bytes)}`);
        if (secs > 0 && it.bytesRead > 0) {
          const rate = it.bytesRead / secs;
          // The most useful figures first: a narrow terminal cuts the end of the line.
          parts.push(`ETA ${formatDuration((it.bytes - it.bytesRead) / rate)}`);
          parts.push(`${formatBytes(rate)}/s`);
          if (it.stage === 'read' && it.rows > 0) parts.push(`${formatCount(it.rows / secs)} rows/s`);
        }
      } else {
        parts.push(`${formatCount(it.rows)} rows`);
        if (secs > 0 && it.rows > 0) parts.push(`${formatCount(it.rows / secs)} rows/s`);
      }
      const line = parts.join('  ');
      const room = width - displayWidth(line) - 2;
      out.push(room >= 8 ? `${line}  ${fitWidth(it.path, room, true)}` : line);
    }
    if (run) {
      const f = run.bytes > 0 ? run.bytes_done / run.bytes : run.items > 0 ? run.items_done / run.items : 0;
      const parts = ['total'.padEnd(headWidth), `${bar(f, bw)} ${pct(f)}`];
      const secs = this.#itemsAt !== null ? (now - this.#itemsAt) / 1000 : 0;
      const rate = secs >= 1 && run.bytes_done > 0 ? run.bytes_done / secs : null;
      if (rate !== null) parts.push(`ETA ${formatDuration((run.bytes - run.bytes_done) / rate)}`);
      parts.push(`${run.items_done}/${run.items} items`);
      if (rate !== null) parts.push(`${formatBytes(rate)}/s`);
      parts.push(`${formatBytes(run.bytes_done)} of ${formatBytes(run.bytes)}`);
      out.push(parts.join('  '));
    }
    return out;
  }
}
