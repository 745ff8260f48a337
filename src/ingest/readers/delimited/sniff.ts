/**
 * @module ingest/readers/delimited/sniff
 * Chooses the delimiter of a line-oriented dump by field-count consistency over a sample of lines.
 * The delimiter that gives the same field count (≥ 2) on the largest share of lines wins; ties go to the longer
 * delimiter (`----` over `---`, `||` over `|`), then to the order of DELIMITER_CANDIDATES.
 */
import { splitLine, splitQuoted, usesQuoting } from './split.js';

/** Candidates in priority order (forensic-practice.md §5: `----`, `|`, tab, comma, `:`). */
export const DELIMITER_CANDIDATES = ['----', '\t', '||', '|', ',', ';', '::', ':', '---', '#'] as const;

export interface SniffResult {
  readonly delimiter: string | null;
  /** Modal field count with that delimiter (1 when no delimiter). */
  readonly fieldCount: number;
  /** Share of sampled lines with the modal count. */
  readonly consistency: number;
  readonly evidence: string;
}

const MIN_CONSISTENCY = 0.6;

function modal(counts: number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let value = 1;
  let best = 0;
  for (const [v, f] of freq) {
    if (f > best || (f === best && v > value)) {
      value = v;
      best = f;
    }
  }
  return { value, share: counts.length === 0 ? 0 : best / counts.length };
}

/** Field counts per logical line: with quoting, a quoted field may continue on the next physical lines. */
function fieldCounts(lines: readonly string[], d: string): number[] {
  if (!usesQuoting(d)) return lines.map((l) => splitLine(l, d).length);
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    let acc = lines[i]!;
    let r = splitQuoted(acc, d);
    let joined = 0;
    while (r.openQuote && i + 1 < lines.length && joined < 64) {
      i++;
      joined++;
      acc += `\n${lines[i]!}`;
      r = splitQuoted(acc, d);
    }
    if (r.openQuote) {
      // Never closed: count the opening line on its own (quote taken literally), as the reader will.
      i -= joined;
      out.push(lines[i]!.split(d).length);
    } else out.push(r.fields.length);
  }
  return out;
}

/** Human-readable name of a delimiter for reports. */
export function delimiterName(d: string | null): string {
  if (d === null) return '无（单列）';
  if (d === '\t') return 'TAB';
  return d;
}

/**
 * @param lines sample lines (blank and comment lines should already be excluded)
 */
export function sniffDelimiter(lines: readonly string[]): SniffResult {
  if (lines.length === 0)
    return { delimiter: null, fieldCount: 1, consistency: 1, evidence: 'no content lines' };
  let best: SniffResult | null = null;
  const tried: string[] = [];
  for (const d of DELIMITER_CANDIDATES) {
    if (!lines.some((l) => l.includes(d))) continue;
    const counts = fieldCounts(lines, d);
    const m = modal(counts);
    tried.push(`${JSON.stringify(d)}: ${m.value} fields on ${(m.share * 100).toFixed(0)} %`);
    if (m.value < 2 || m.share < MIN_CONSISTENCY) continue;
    const cand: SniffResult = {
      delimiter: d,
      fieldCount: m.value,
      consistency: m.share,
      evidence: '',
    };
    const better =
      best === null ||
      m.share > best.consistency + 1e-9 ||
      (Math.abs(m.share - best.consistency) <= 1e-9 && d.length > (best.delimiter?.length ?? 0));
    if (better) best = cand;
  }
  const evidence = `sampled ${lines.length} lines; ${tried.length ? tried.join('; ') : 'no candidate delimiter present'}`;
  if (best === null)
    return { delimiter: null, fieldCount: 1, consistency: 1, evidence: `${evidence} → single column` };
  return { ...best, evidence: `${evidence} → ${JSON.stringify(best.delimiter)}` };
}
