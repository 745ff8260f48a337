/**
 * @module ingest/readers/delimited/reader
 * Reader for line-oriented dumps: CSV (RFC 4180), TSV, `|`, `----` and other delimiters, or one value per line.
 * It accounts for every physical line: a record, part of a quoted multi-line record, or a non-record line
 * (header, repeated header, title, blank, separator, comment) — counting-rules.md §1.
 */
import { IngestError } from '../../../core/errors.js';
import type { EncodingGuess } from '../../encoding/detect.js';
import { readTextLines, type TextLine } from '../../encoding/lines.js';
import type { ItemLayout, LayoutHints, OpenedItem, RowEvent } from '../../source.js';
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
  const rowsFn = () => iterateRows(path, displayPath, layout, opts, maxLineChars);
  const sample: string[][] = [];
  const sampleSize = opts.sampleRecords ?? 2000;
  for await (const ev of rowsFn()) {
    if (ev.kind === 'record') {
      sample.push(ev.fields);
      if (sample.length >= sampleSize) break;
    }
  }
  return { suffix: null, layout, sample, rows: rowsFn };
}

function padTo(cells: readonly string[], n: number): string[] {
  const out = cells.slice(0, n);
  while (out.length < n) out.push('');
  return out;
}

/** Brings a record to exactly `columns` fields; reports how it was done. */
function shape(
  fields: string[],
  layout: ItemLayout,
): { fields: string[]; warning?: 'field_count' | 'extra_delimiters_joined' } {
  const n = layout.columns;
  if (fields.length === n) return { fields };
  if (fields.length < n) return { fields: padTo(fields, n), warning: 'field_count' };
  if (layout.delimiter !== null && layout.delimiter.length > 1) {
    // Credential dumps: a password may contain the delimiter; the extra parts belong to the last field.
    const head = fields.slice(0, n - 1);
    head.push(fields.slice(n - 1).join(layout.delimiter));
    return { fields: head, warning: 'extra_delimiters_joined' };
  }
  return { fields, warning: 'field_count' };
}

async function* iterateRows(
  path: string,
  displayPath: string,
  layout: ItemLayout,
  opts: DelimitedOptions,
  maxLineChars: number,
): AsyncGenerator<RowEvent> {
  const delimiter = layout.delimiter;
  const encoding = layout.encoding;
  if (encoding === null) throw new IngestError(`${displayPath}: no text encoding decided`);
  const quoting = usesQuoting(delimiter);
  const maxQuoted = opts.maxQuotedLines ?? 64;
  const headerKey = layout.header ? norm(layout.header) : null;
  const titles = new Set(layout.titleLines);
  const expectedDelims = layout.columns - 1;
  let pending: TextLine[] = [];
  const queue: { line: TextLine; literal: boolean }[] = [];

  function* classify(line: TextLine, literal: boolean): Generator<RowEvent> {
    if (line.replaced) {
      yield {
        kind: 'warning',
        line: line.no,
        warning: 'invalid_bytes',
        detail: 'bytes invalid for the encoding were replaced (U+FFFD)',
      };
    }
    const text = line.text;
    if (line.no === layout.headerLine) {
      yield { kind: 'non_record', line: line.no, reason: 'header', text };
      return;
    }
    if (titles.has(line.no)) {
      yield { kind: 'non_record', line: line.no, reason: 'title', text };
      return;
    }
    if (delimiter !== null) {
      const reps = delimiterOnly(text, delimiter);
      if (reps > 0) {
        if (delimiter.length === 1 || reps === expectedDelims) {
          yield { kind: 'record', line: line.no, endLine: line.no, fields: padTo([], layout.columns) };
        } else {
          yield { kind: 'non_record', line: line.no, reason: 'separator', text };
        }
        return;
      }
    }
    const trimmed = text.trim();
    if (trimmed.length === 0) {
      yield { kind: 'non_record', line: line.no, reason: 'blank', text };
      return;
    }
    if (isComment(trimmed)) {
      yield { kind: 'non_record', line: line.no, reason: 'comment', text };
      return;
    }
    if (SEPARATOR.test(trimmed)) {
      yield { kind: 'non_record', line: line.no, reason: 'separator', text };
      return;
    }
    let fields: string[];
    if (delimiter === null) fields = [text];
    else if (!quoting || literal) fields = splitPlain(text, delimiter);
    else {
      const r = splitQuoted(text, delimiter);
      if (r.openQuote) {
        pending = [line];
        return;
      }
      if (r.strayAfterQuote) {
        yield {
          kind: 'warning',
          line: line.no,
          warning: 'text_after_quote',
          detail: 'text after a closing quote was kept in the field',
        };
      }
      fields = r.fields;
    }
    yield* emitRecord(fields, line.no, line.no);
  }

  function* emitRecord(fields: string[], first: number, last: number): Generator<RowEvent> {
    if (headerKey !== null && norm(fields) === headerKey) {
      yield {
        kind: 'non_record',
        line: first,
        reason: 'repeated_header',
        text: fields.join(delimiter ?? ''),
      };
      return;
    }
    const s = shape(fields, layout);
    if (s.warning) {
      yield {
        kind: 'warning',
        line: first,
        warning: s.warning,
        detail: `${fields.length} fields where the item has ${layout.columns}`,
      };
    }
    yield { kind: 'record', line: first, endLine: last, fields: s.fields };
  }

  function* continuePending(line: TextLine): Generator<RowEvent> {
    pending.push(line);
    if (line.replaced) {
      yield {
        kind: 'warning',
        line: line.no,
        warning: 'invalid_bytes',
        detail: 'bytes invalid for the encoding were replaced (U+FFFD)',
      };
    }
    const joined = pending.map((l) => l.text).join('\n');
    const r = splitQuoted(joined, delimiter!);
    if (!r.openQuote) {
      const first = pending[0]!.no;
      pending = [];
      if (r.strayAfterQuote) {
        yield {
          kind: 'warning',
          line: first,
          warning: 'text_after_quote',
          detail: 'text after a closing quote was kept in the field',
        };
      }
      yield* emitRecord(r.fields, first, line.no);
      return;
    }
    if (pending.length >= maxQuoted || joined.length > maxLineChars) {
      yield* abandonPending();
    }
  }

  /** The opening quote never closed: read its line with the quote as a literal character, re-read the rest. */
  function* abandonPending(): Generator<RowEvent> {
    const [first, ...rest] = pending;
    pending = [];
    if (!first) return;
    yield {
      kind: 'warning',
      line: first.no,
      warning: 'unbalanced_quote',
      detail: `a quote opened on line ${first.no} did not close within ${rest.length + 1} lines; read literally`,
    };
    queue.push({ line: first, literal: true }, ...rest.map((l) => ({ line: l, literal: false })));
  }

  function* drain(): Generator<RowEvent> {
    while (queue.length > 0) {
      const q = queue.shift()!;
      if (pending.length > 0) yield* continuePending(q.line);
      else yield* classify(q.line, q.literal);
    }
  }

  try {
    for await (const line of readTextLines(path, displayPath, encoding, { maxLineChars })) {
      queue.push({ line, literal: false });
      yield* drain();
    }
    while (pending.length > 0) {
      yield* abandonPending();
      yield* drain();
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`${displayPath}: ${(e as Error).message}`, { cause: e });
  }
}
