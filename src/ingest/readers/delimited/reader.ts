/**
 * @module ingest/readers/delimited/reader
 * Reader for line-oriented dumps: CSV (RFC 4180), TSV, `|`, `----` and other delimiters, or one value per line.
 * It accounts for every physical line: a record, part of a quoted multi-line record, or a non-record line
 * (header, repeated header, title, blank, separator, comment) — counting-rules.md §1.
 */
import { stat } from 'node:fs/promises';
import { IngestError } from '../../../core/errors.js';
import type { EncodingGuess } from '../../encoding/detect.js';
import { type ReadMeter, readTextLineBatches, readTextLines, type TextLine } from '../../encoding/lines.js';
import {
  type ByteRange,
  type ItemLayout,
  type LayoutHints,
  type OpenedItem,
  type RangePass,
  type RowEvent,
  rowsOf,
} from '../../source.js';
import { delimiterName, sniffDelimiter } from './sniff.js';
import { delimiterOnly, splitLine, splitPlain, splitQuoted, usesQuoting } from './split.js';

export interface DelimitedOptions {
  /** Force a delimiter (case manifest); `null` forces single-column. */
  readonly delimiter?: string | null;
  /** Lines read to decide delimiter and header. */
  readonly layoutLines?: number;
  /** Records kept for column inference. */
  readonly sampleRecords?: number;
  /** A quoted field may span at most this many physical lines before its quote is taken as literal. */
  readonly maxQuotedLines?: number;
  readonly maxLineChars?: number;
}

const SEPARATOR = /^[-=_*~+.·—=\s]{3,}$/u;
const HEADER_SEARCH_LINES = 6;

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith('//');
}

function formatOf(delimiter: string | null): string {
  if (delimiter === ',' || delimiter === ';') return 'csv';
  if (delimiter === '\t') return 'tsv';
  return 'txt';
}

function norm(cells: readonly string[]): string {
  return cells.map((c) => c.trim()).join('\u001f');
}

interface HeaderDecision {
  readonly index: number | null;
  readonly evidence: string;
}

/** Finds the header among the first content lines; lines above it are title lines. */
function findHeader(
  content: readonly TextLine[],
  delimiter: string | null,
  hints: LayoutHints,
): HeaderDecision {
  const rows = content
    .slice(0, HEADER_SEARCH_LINES + 1)
    .map((l) => splitLine(l.text, delimiter).map((c) => c.trim()));
  const stats = rows.map((cells) => {
    const nonEmpty = cells.filter((c) => c.length > 0);
    const words = nonEmpty.filter((c) => hints.isHeaderWord(c)).length;
    const values = nonEmpty.filter((c) => !hints.isHeaderWord(c) && hints.looksLikeValue(c)).length;
    return { nonEmpty: nonEmpty.length, words, values, cells: cells.length };
  });
  const widest = Math.max(...stats.map((s) => s.nonEmpty), 1);
  for (let i = 0; i < Math.min(HEADER_SEARCH_LINES, stats.length); i++) {
    const s = stats[i]!;
    if (s.nonEmpty === 0 || s.values > 0) continue;
    if (s.words >= 1 && s.words * 2 >= s.nonEmpty && (s.nonEmpty >= 2 || widest === 1)) {
      return {
        index: i,
        evidence: `line ${content[i]!.no}: ${s.words} of ${s.nonEmpty} cells are known header words, none looks like data`,
      };
    }
    const next = stats[i + 1];
    if (s.nonEmpty >= 2 && s.nonEmpty >= 0.6 * widest && next !== undefined && next.values > 0) {
      const next2 = stats[i + 2];
      const allText = rows[i]!.every((c) => c.length <= 32 && !/\d{5,}/.test(c));
      if (allText && (next2 === undefined || next2.values > 0)) {
        return {
          index: i,
          evidence: `line ${content[i]!.no}: ${s.nonEmpty} short text cells with no data values, followed by data rows`,
        };
      }
    }
  }
  return { index: null, evidence: 'no header row among the first lines: columns are numbered' };
}

async function readHead(path: string, display: string, enc: EncodingGuess, n: number, maxLineChars: number) {
  const lines: TextLine[] = [];
  for await (const l of readTextLines(path, display, enc, { maxLines: n, maxLineChars })) lines.push(l);
  return lines;
}

/**
 * Opens a delimited text item: decides delimiter and header from the first lines, keeps a record sample.
 * @throws IngestError on unreadable content (the message names the file and line)
 */
export async function openDelimited(
  path: string,
  displayPath: string,
  encoding: EncodingGuess,
  hints: LayoutHints,
  opts: DelimitedOptions = {},
): Promise<OpenedItem> {
  const maxLineChars = opts.maxLineChars ?? 16 * 1024 * 1024;
  const head = await readHead(path, displayPath, encoding, opts.layoutLines ?? 400, maxLineChars);
  const content = head.filter((l) => {
    const t = l.text.trim();
    return t.length > 0 && !isComment(t) && !SEPARATOR.test(t);
  });
  const sniff =
    opts.delimiter !== undefined
      ? {
          delimiter: opts.delimiter,
          fieldCount: 0,
          consistency: 1,
          evidence: `set by the case manifest: ${delimiterName(opts.delimiter)}`,
        }
      : sniffDelimiter(content.map((l) => l.text));
  const delimiter = sniff.delimiter;
  const header = findHeader(content, delimiter, hints);
  const headerLine = header.index === null ? null : content[header.index]!;
  const titleLines = header.index === null ? [] : content.slice(0, header.index).map((l) => l.no);
  const headerCells = headerLine ? splitLine(headerLine.text, delimiter).map((c) => c.trim()) : null;
  const dataLines = content.slice(header.index === null ? 0 : header.index + 1);
  const counts = dataLines.map((l) => splitLine(l.text, delimiter).length);
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let modalCount = sniff.fieldCount || 1;
  let best = -1;
  for (const [c, f] of freq) {
    if (f > best || (f === best && c > modalCount)) {
      best = f;
      modalCount = c;
    }
  }
  // Trailing empty header cells (spreadsheet padding) do not make columns; the data decide.
  let columns = modalCount;
  if (headerCells) {
    let h = headerCells.length;
    while (h > 1 && headerCells[h - 1] === '') h--;
    columns = Math.max(modalCount, h);
  }
  const layout: ItemLayout = {
    format: formatOf(delimiter),
    encoding,
    delimiter,
    delimiterEvidence: sniff.evidence,
    header: headerCells ? padTo(headerCells, columns) : null,
    headerLine: headerLine?.no ?? null,
    titleLines,
    columns,
    headerEvidence: header.evidence,
  };
  const meter: ReadMeter = { bytes: 0 };
  const batches = makePass(path, displayPath, layout, opts, maxLineChars, meter);
  const rows = () => rowsOf(batches());
  const sample: string[][] = [];
  const sampleSize = opts.sampleRecords ?? 2000;
  sampling: for await (const batch of batches()) {
    for (const ev of batch) {
      if (ev.kind === 'record') {
        sample.push(ev.fields);
        if (sample.length >= sampleSize) break sampling;
      }
    }
  }
  const total = (await stat(path)).size;
  meter.bytes = 0;
  const rangePass = (range: ByteRange, last: boolean): RangePass => {
    const state = { inQuote: false };
    const passMeter: ReadMeter = { bytes: range.start };
    return {
      batches: makePass(path, displayPath, layout, opts, maxLineChars, passMeter, { range, last, state }),
      endedInQuote: () => state.inQuote,
      bytesRead: () => passMeter.bytes - range.start,
    };
  };
  return {
    suffix: null,
    layout,
    sample,
    rows,
    batches,
    progress: () => ({ bytes: meter.bytes, total }),
    ...(SPLITTABLE.has(encoding.encoding) ? { rangePass } : {}),
  };
}

function padTo(cells: readonly string[], n: number): string[] {
  const out = cells.slice(0, n);
  while (out.length < n) out.push('');
  return out;
}

/**
 * True when a line starting with this character might be blank, a comment, a separator or a delimiter-only line:
 * only such lines need the full checks; any other line goes straight to splitting.
 */
function specialStart(c: number, delimiterFirst: number): boolean {
  return (
    !(c >= 0) || // empty line (NaN)
    c <= 32 ||
    c === delimiterFirst ||
    c === 35 /* # */ ||
    c === 47 /* / */ ||
    c === 45 /* - */ ||
    c === 61 /* = */ ||
    c === 95 /* _ */ ||
    c === 42 /* * */ ||
    c === 126 /* ~ */ ||
    c === 43 /* + */ ||
    c === 46 /* . */ ||
    c === 0xa0 ||
    c === 0xb7 /* · */ ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x3000) /* spaces, —, line separators, ideographic space */ ||
    c === 0xfeff
  );
}

/**
 * Accounts for the physical lines of a delimited item, in order, as row events. Synchronous: a whole batch of
 * lines is classified in one loop. A quoted field may continue on the next lines (`pending`); a quote that does
 * not close within the limits is read as a literal character and the lines after it are read again.
 */
class RowClassifier {
  readonly #layout: ItemLayout;
  readonly #delimiter: string | null;
  readonly #delimiterFirst: number;
  readonly #quoting: boolean;
  readonly #maxQuoted: number;
  readonly #maxLineChars: number;
  readonly #headerKey: string | null;
  readonly #headerFirst: string | null;
  readonly #titles: ReadonlySet<number>;
  readonly #lastTitle: number;
  readonly #expectedDelims: number;
  #pending: TextLine[] = [];

  constructor(layout: ItemLayout, maxQuoted: number, maxLineChars: number) {
    this.#layout = layout;
    this.#delimiter = layout.delimiter;
    this.#delimiterFirst = layout.delimiter === null ? -1 : layout.delimiter.charCodeAt(0);
    this.#quoting = usesQuoting(layout.delimiter);
    this.#maxQuoted = maxQuoted;
    this.#maxLineChars = maxLineChars;
    this.#headerKey = layout.header ? norm(layout.header) : null;
    this.#headerFirst = layout.header ? (layout.header[0] ?? '').trim() : null;
    this.#titles = new Set(layout.titleLines);
    this.#lastTitle = Math.max(0, ...layout.titleLines);
    this.#expectedDelims = layout.columns - 1;
  }

  /** Classifies the next physical lines; events are appended to `out`. */
  push(lines: readonly TextLine[], out: RowEvent[]): void {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (this.#pending.length > 0) this.#continuePending(line, out);
      else this.#classify(line, false, out);
    }
  }

  /** True while a quoted field continues on the next line. */
  get inQuote(): boolean {
    return this.#pending.length > 0;
  }

  /** End of the item: a quote still open is read literally. */
  end(out: RowEvent[]): void {
    while (this.#pending.length > 0) this.#abandonPending(out);
  }

  #invalidBytes(line: TextLine, out: RowEvent[]): void {
    out.push({
      kind: 'warning',
      line: line.no,
      warning: 'invalid_bytes',
      detail: 'bytes invalid for the encoding were replaced (U+FFFD)',
    });
  }

  #classify(line: TextLine, literal: boolean, out: RowEvent[]): void {
    if (line.replaced) this.#invalidBytes(line, out);
    const text = line.text;
    const no = line.no;
    const layout = this.#layout;
    const delimiter = this.#delimiter;
    if (no === layout.headerLine) {
      out.push({ kind: 'non_record', line: no, reason: 'header', text });
      return;
    }
    if (no <= this.#lastTitle && this.#titles.has(no)) {
      out.push({ kind: 'non_record', line: no, reason: 'title', text });
      return;
    }
    if (specialStart(text.charCodeAt(0), this.#delimiterFirst)) {
      if (delimiter !== null) {
        const reps = delimiterOnly(text, delimiter);
        if (reps > 0) {
          if (delimiter.length === 1 || reps === this.#expectedDelims) {
            out.push({ kind: 'record', line: no, endLine: no, fields: padTo([], layout.columns) });
          } else {
            out.push({ kind: 'non_record', line: no, reason: 'separator', text });
          }
          return;
        }
      }
      const trimmed = text.trim();
      if (trimmed.length === 0) {
        out.push({ kind: 'non_record', line: no, reason: 'blank', text });
        return;
      }
      if (isComment(trimmed)) {
        out.push({ kind: 'non_record', line: no, reason: 'comment', text });
        return;
      }
      if (SEPARATOR.test(trimmed)) {
        out.push({ kind: 'non_record', line: no, reason: 'separator', text });
        return;
      }
    }
    let fields: string[];
    if (delimiter === null) fields = [text];
    else if (!this.#quoting || literal || text.indexOf('"') === -1) fields = splitPlain(text, delimiter);
    else {
      const r = splitQuoted(text, delimiter);
      if (r.openQuote) {
        this.#pending = [line];
        return;
      }
      if (r.strayAfterQuote) this.#stray(no, out);
      fields = r.fields;
    }
    this.#emitRecord(fields, no, no, out);
  }

  #stray(line: number, out: RowEvent[]): void {
    out.push({
      kind: 'warning',
      line,
      warning: 'text_after_quote',
      detail: 'text after a closing quote was kept in the field',
    });
  }

  #emitRecord(fields: string[], first: number, last: number, out: RowEvent[]): void {
    const layout = this.#layout;
    if (
      this.#headerKey !== null &&
      (fields[0] ?? '').trim() === this.#headerFirst &&
      norm(fields) === this.#headerKey
    ) {
      out.push({
        kind: 'non_record',
        line: first,
        reason: 'repeated_header',
        text: fields.join(this.#delimiter ?? ''),
      });
      return;
    }
    const n = layout.columns;
    if (fields.length === n) {
      out.push({ kind: 'record', line: first, endLine: last, fields });
      return;
    }
    let shaped: string[];
    let warning: 'field_count' | 'extra_delimiters_joined' = 'field_count';
    if (fields.length < n) shaped = padTo(fields, n);
    else if (layout.delimiter !== null && layout.delimiter.length > 1) {
      // Credential dumps: a password may contain the delimiter; the extra parts belong to the last field.
      shaped = fields.slice(0, n - 1);
      shaped.push(fields.slice(n - 1).join(layout.delimiter));
      warning = 'extra_delimiters_joined';
    } else shaped = fields;
    out.push({
      kind: 'warning',
      line: first,
      warning,
      detail: `${fields.length} fields where the item has ${n}`,
    });
    out.push({ kind: 'record', line: first, endLine: last, fields: shaped });
  }

  #continuePending(line: TextLine, out: RowEvent[]): void {
    const pending = this.#pending;
    pending.push(line);
    if (line.replaced) this.#invalidBytes(line, out);
    const joined = pending.map((l) => l.text).join('\n');
    const r = splitQuoted(joined, this.#delimiter!);
    if (!r.openQuote) {
      const first = pending[0]!.no;
      this.#pending = [];
      if (r.strayAfterQuote) this.#stray(first, out);
      this.#emitRecord(r.fields, first, line.no, out);
      return;
    }
    if (pending.length >= this.#maxQuoted || joined.length > this.#maxLineChars) this.#abandonPending(out);
  }

  /** The opening quote never closed: read its line with the quote as a literal character, re-read the rest. */
  #abandonPending(out: RowEvent[]): void {
    const [first, ...rest] = this.#pending;
    this.#pending = [];
    if (!first) return;
    out.push({
      kind: 'warning',
      line: first.no,
      warning: 'unbalanced_quote',
      detail: `a quote opened on line ${first.no} did not close within ${rest.length + 1} lines; read literally`,
    });
    this.#classify(first, true, out);
    // The lines after it are read again, in order (each may open a quote of its own).
    for (const l of rest) {
      if (this.#pending.length > 0) this.#continuePending(l, out);
      else this.#classify(l, false, out);
    }
  }
}

function makePass(
  path: string,
  displayPath: string,
  layout: ItemLayout,
  opts: DelimitedOptions,
  maxLineChars: number,
  meter: ReadMeter,
  part?: { readonly range: ByteRange; readonly last: boolean; readonly state: { inQuote: boolean } },
): () => AsyncGenerator<RowEvent[]> {
  return async function* batches() {
    const encoding = layout.encoding;
    if (encoding === null) throw new IngestError(`${displayPath}: no text encoding decided`);
    const cls = new RowClassifier(layout, opts.maxQuotedLines ?? 64, maxLineChars);
    const lineOpts = { maxLineChars, ...(part ? { range: part.range } : {}) };
    try {
      for await (const lines of readTextLineBatches(path, displayPath, encoding, lineOpts, meter)) {
        const out: RowEvent[] = [];
        cls.push(lines, out);
        if (out.length > 0) yield out;
      }
      if (part && !part.last) {
        // A record continuing into the next range: the caller reads the item in one pass instead.
        part.state.inQuote = cls.inQuote;
        return;
      }
      const out: RowEvent[] = [];
      cls.end(out);
      if (out.length > 0) yield out;
    } catch (e) {
      if (e instanceof IngestError) throw e;
      throw new IngestError(`${displayPath}: ${(e as Error).message}`, { cause: e });
    }
  };
}

/** Encodings in which a 0x0A byte is always a line feed, so that a file can be split at LF bytes. */
const SPLITTABLE: ReadonlySet<string> = new Set(['utf-8', 'utf-8-bom', 'gb18030', 'big5']);
