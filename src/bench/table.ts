/**
 * @module bench/table
 * The benchmark's figures and their terminal table. Pure. MB means 10^6 bytes throughout (throughput and RSS).
 */

export interface Row {
  /** e.g. `xinjian analyze`. */
  readonly tool: string;
  /** Wall-clock seconds; null when the tool failed. */
  readonly seconds: number | null;
  readonly peakRssBytes: number | null;
  /** What the tool answered, e.g. `917,413 distinct lines`, or why it failed. */
  readonly result: string;
}

export interface Rates {
  readonly recordsPerSecond: number | null;
  readonly mbPerSecond: number | null;
  readonly peakRssMb: number | null;
}

const MB = 1_000_000;

/** Case records per second and evidence MB per second (the same numerators for every tool). */
export function ratesOf(row: Row, records: number, bytes: number): Rates {
  const ok = row.seconds !== null && row.seconds > 0;
  return {
    recordsPerSecond: ok ? records / row.seconds! : null,
    mbPerSecond: ok ? bytes / MB / row.seconds! : null,
    peakRssMb: row.peakRssBytes === null ? null : row.peakRssBytes / MB,
  };
}

/** `a ÷ b`, or null when either is missing or b is 0. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

export const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

function fixed(n: number | null, digits: number): string {
  return n === null ? '–' : n.toFixed(digits);
}

/** `3.2×` below 10, `41×` from 10 on; `–` when unknown. */
export function times(r: number | null): string {
  if (r === null) return '–';
  return `${r < 10 ? r.toFixed(2) : r.toFixed(0)}×`;
}

/** The table: tool, seconds, records/s, MB/s, peak RSS MB, result. */
export function formatTable(rows: readonly Row[], records: number, bytes: number): string {
  const head = ['tool', 'seconds', 'records/s', 'MB/s', 'peak RSS MB', 'result'];
  const body = rows.map((row) => {
    const r = ratesOf(row, records, bytes);
    return [
      row.tool,
      fixed(row.seconds, 2),
      r.recordsPerSecond === null ? '–' : grouped(r.recordsPerSecond),
      fixed(r.mbPerSecond, 1),
      fixed(r.peakRssMb, 0),
      row.result,
    ];
  });
  const all = [head, ...body];
  const width = head.map((_, k) => Math.max(...all.map((cells) => cells[k]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (k === 0 || k === cells.length - 1 ? c.padEnd(width[k]!) : c.padStart(width[k]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/** `xinjian / sort -u: 41× the time, 1.06× the peak RSS`. */
export function formatRatio(label: string, a: Row, b: Row): string {
  return `${label}: ${times(ratio(a.seconds, b.seconds))} the time, ${times(ratio(a.peakRssBytes, b.peakRssBytes))} the peak RSS`;
}
