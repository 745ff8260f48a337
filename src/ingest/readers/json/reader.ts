/**
 * @module ingest/readers/json/reader
 * JSON (`.json`) and NDJSON (`.ndjson`, `.jsonl`) items, streamed (see tokenizer.ts and walker.ts).
 *
 * `open` makes one full pass to find the records and the union of their keys, so that no key is dropped even when
 * it first appears after the sample (columns in first-seen order; beyond MAX_COLUMNS distinct keys the rest go
 * into one `_other` column as `key=value` text, with a `field_count` warning on the record).
 *
 * JSON line accounting (per item): lines a record starts on or spans are covered by it; lines holding only the
 * record array's syntax (`[`, `,`, `]`, `"data": [`) are `separator`; blank lines `blank`; wrapper lines around
 * the record arrays (`{"code": 0,`) are `comment` lines of the first item. A syntax error fails the item with its
 * line and column; a text that ends inside a value (truncated file) keeps the records before it, counts the cut
 * record with an `unbalanced_quote` warning.
 *
 * NDJSON: one line = one JSON value = one record; blank lines `blank`; a line that is not JSON cannot be a record
 * of known fields: it is a `comment` non-record line with a `field_count` warning that quotes the parse error
 * (never counted as a record, never silently dropped).
 */
import { IngestError } from '../../../core/errors.js';
import type { EncodingGuess } from '../../encoding/detect.js';
import { readTextLines } from '../../encoding/lines.js';
import type { ItemLayout, OpenedItem, RowEvent } from '../../source.js';
import { readTextChunks } from '../sql/text-stream.js';
import { JsonSyntaxError, JsonTokenizer } from './tokenizer.js';
import { type LineInfo, type Plan, type RecordOut, RecordWalker } from './walker.js';

export const MAX_COLUMNS = 2000;
export const OTHER_COLUMN = '_other';

export interface JsonOptions {
  readonly sampleRecords?: number;
  readonly chunkBytes?: number;
}

class Columns {
  readonly index = new Map<string, number>();
  overflow = false;
  add(name: string): void {
    if (this.index.has(name)) return;
    if (this.index.size >= MAX_COLUMNS) this.overflow = true;
    else this.index.set(name, this.index.size);
  }
  names(): string[] {
    const n = [...this.index.keys()];
    if (this.overflow) n.push(OTHER_COLUMN);
    return n;
  }
}

interface ItemStats {
  readonly columns: Columns;
  records: number;
  readonly sample: Map<string, string>[];
}

/** Places a record's fields in the item's columns. */
function place(
  index: ReadonlyMap<string, number>,
  width: number,
  fields: ReadonlyMap<string, string>,
): { out: string[]; extra: string[] } {
  const out = new Array<string>(width).fill('');
  const extra: string[] = [];
  for (const [k, v] of fields) {
    const i = index.get(k);
    if (i !== undefined) out[i] = v;
    else extra.push(`${k}=${v}`);
  }
  if (extra.length > 0 && index.size < width) out[width - 1] = extra.join('; ');
  return { out, extra };
}

function recordWarnings(r: RecordOut, extra: readonly string[], line: number): RowEvent[] {
  const w: RowEvent[] = [];
  for (const d of r.duplicates) {
    w.push({
      kind: 'warning',
      line,
      warning: 'field_count',
      detail: `key ${d} repeats in this record; the later value is kept in column ${d}#2 (or #3…)`,
    });
  }
  if (extra.length > 0) {
    w.push({
      kind: 'warning',
      line,
      warning: 'field_count',
      detail: `${extra.length} keys beyond the ${MAX_COLUMNS}-column limit are kept as text in column ${OTHER_COLUMN}`,
    });
  }
  return w;
}

function firstChar(head: string): string {
  const m = /[^\s\uFEFF]/.exec(head);
  return m ? m[0] : '';
}

interface PassHooks {
  record(r: RecordOut): void;
  lineEnd?(line: number, info: LineInfo): void;
  truncated?(line: number, detail: string): void;
}

/**
 * One pass of the tokenizer and walker over the file; yields after each chunk. Returns the number of top-level
 * values and the record-array paths met.
 */
async function* pass(
  path: string,
  display: string,
  guess: EncodingGuess,
  plan: Plan,
  hooks: PassHooks,
  opts: JsonOptions,
  result: { topValues: number; paths: string[] },
): AsyncGenerator<void> {
  let tok: JsonTokenizer | null = null;
  const walker = new RecordWalker(
    plan,
    {
      record: (r) => hooks.record(r),
      region: (p) => {
        if (!result.paths.includes(p)) result.paths.push(p);
      },
      ...(hooks.lineEnd ? { lineEnd: hooks.lineEnd } : {}),
    },
    () => tok!.line,
  );
  tok = new JsonTokenizer(walker);
  let tail = false;
  try {
    for await (const chunk of readTextChunks(
      path,
      guess,
      opts.chunkBytes ? { chunkBytes: opts.chunkBytes } : {},
    )) {
      if (chunk.text.length === 0) continue;
      tok.feed(chunk.text);
      tail = !chunk.text.endsWith('\n');
      yield;
    }
    try {
      tok.end();
    } catch (e) {
      if (!(e instanceof JsonSyntaxError) || !e.truncated) throw e;
      hooks.truncated?.(tok.line, `the file ends inside a value (truncated?): ${e.message}`);
      walker.flushPending();
    }
    if (tail) walker.newline(tok.line);
    result.topValues = tok.topValues;
  } catch (e) {
    if (e instanceof IngestError) throw e;
    if (e instanceof JsonSyntaxError)
      throw new IngestError(`${display}: not valid JSON at ${e.message}`, { cause: e });
    throw new IngestError(`${display}: ${(e as Error).message}`, { cause: e });
  }
}

async function drain(g: AsyncGenerator<void>): Promise<void> {
  for await (const _ of g) {
    // hooks collect
  }
}

/** Opens a `.json` file: one item per record array (or one item). */
export async function openJson(
  path: string,
  display: string,
  guess: EncodingGuess,
  head: string,
  opts: JsonOptions = {},
): Promise<OpenedItem[]> {
  const sampleSize = opts.sampleRecords ?? 2000;
  let plan: Plan = firstChar(head) === '{' ? { kind: 'paths', paths: null } : { kind: 'top' };
  const discover = async (p: Plan) => {
    const stats = new Map<string, ItemStats>();
    const result = { topValues: 0, paths: [] as string[] };
    const statsOf = (item: string) => {
      let s = stats.get(item);
      if (!s) {
        s = { columns: new Columns(), records: 0, sample: [] };
        stats.set(item, s);
      }
      return s;
    };
    await drain(
      pass(
        path,
        display,
        guess,
        p,
        {
          record(r) {
            const s = statsOf(r.item);
            s.records++;
            for (const k of r.fields.keys()) s.columns.add(k);
            if (s.sample.length < sampleSize) s.sample.push(r.fields);
          },
        },
        opts,
        result,
      ),
    );
    return { stats, result };
  };
  let found = await discover(plan);
  if (plan.kind === 'paths') {
    if (found.result.topValues > 1) plan = { kind: 'top' };
    else if (found.result.paths.length === 0) plan = { kind: 'whole' };
    else plan = { kind: 'paths', paths: new Set(found.result.paths) };
    if (plan.kind !== 'paths') found = await discover(plan);
  }
  const keys = plan.kind === 'paths' ? found.result.paths : [''];
  const owner = keys[0]!;
  return keys.map((key) => {
    const st = found.stats.get(key) ?? { columns: new Columns(), records: 0, sample: [] };
    const names = st.columns.names();
    const width = Math.max(1, names.length);
    const index = st.columns.index;
    const layout: ItemLayout = {
      format: 'json',
      encoding: guess,
      delimiter: null,
      delimiterEvidence:
        plan.kind === 'paths'
          ? `JSON: records are the elements of the array at ${key}`
          : plan.kind === 'top'
            ? 'JSON: records are the elements of the top-level array (or the top-level values)'
            : 'JSON: the single top-level object is one record',
      header: names.length > 0 ? names : null,
      headerLine: null,
      titleLines: [],
      columns: width,
      headerEvidence:
        names.length > 0
          ? `column names are the keys of all ${st.records} records, in first-seen order (nested keys joined with dots)`
          : 'no keys',
    };
    const sample = st.sample.map((f) => place(index, width, f).out);
    const finalPlan = plan;
    return {
      suffix: plan.kind === 'paths' ? `#${key}` : null,
      layout,
      sample,
      rows: () => jsonRows(path, display, guess, finalPlan, key, key === owner, index, width, opts),
    };
  });
}

async function* jsonRows(
  path: string,
  display: string,
  guess: EncodingGuess,
  plan: Plan,
  item: string,
  ownsWrapper: boolean,
  index: ReadonlyMap<string, number>,
  width: number,
  opts: JsonOptions,
): AsyncGenerator<RowEvent> {
  let out: RowEvent[] = [];
  const wrapperReason = plan.kind === 'paths' ? 'comment' : 'separator';
  const hooks: PassHooks = {
    record(r) {
      if (r.item !== item) return;
      const p = place(index, width, r.fields);
      for (const v of r.fields.values()) {
        if (v.includes('\uFFFD')) {
          out.push({
            kind: 'warning',
            line: r.line,
            warning: 'invalid_bytes',
            detail: 'bytes invalid for the encoding were replaced (U+FFFD) in this record',
          });
          break;
        }
      }
      out.push(...recordWarnings(r, p.extra, r.line));
      out.push({ kind: 'record', line: r.line, endLine: r.endLine, fields: p.out });
    },
    lineEnd(line, info) {
      if (info.covered.has(item)) return;
      if (info.region.has(item)) {
        out.push({ kind: 'non_record', line, reason: 'separator', text: '' });
        return;
      }
      if (info.covered.size > 0 || info.region.size > 0) return;
      if (info.inside !== null ? info.inside === item : ownsWrapper)
        out.push({ kind: 'non_record', line, reason: info.wrapper ? wrapperReason : 'blank', text: '' });
    },
    truncated(line, detail) {
      out.push({ kind: 'warning', line, warning: 'unbalanced_quote', detail });
    },
  };
  const g = pass(path, display, guess, plan, hooks, opts, { topValues: 0, paths: [] });
  for await (const _ of g) {
    if (out.length > 0) {
      const b = out;
      out = [];
      yield* b;
    }
  }
  yield* out;
}

// ------------------------------------------------------------------ NDJSON

function parseLine(text: string): { records: RecordOut[]; error: string | null } {
  const records: RecordOut[] = [];
  let tok: JsonTokenizer | null = null;
  const w = new RecordWalker({ kind: 'whole' }, { record: (r) => records.push(r) }, () => tok!.line);
  tok = new JsonTokenizer(w);
  try {
    tok.feed(text);
    tok.end();
    return { records, error: null };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { records: [], error: e.message.replace(/^line 1, /, '') };
    throw e;
  }
}

/** Opens an NDJSON file (one item). */
export async function openNdjson(
  path: string,
  display: string,
  guess: EncodingGuess,
  opts: JsonOptions = {},
): Promise<OpenedItem> {
  const sampleSize = opts.sampleRecords ?? 2000;
  const columns = new Columns();
  const sampleFields: Map<string, string>[] = [];
  let records = 0;
  try {
    for await (const l of readTextLines(path, display, guess)) {
      if (l.text.trim() === '') continue;
      const r = parseLine(l.text);
      for (const rec of r.records) {
        records++;
        for (const k of rec.fields.keys()) columns.add(k);
        if (sampleFields.length < sampleSize) sampleFields.push(rec.fields);
      }
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`${display}: ${(e as Error).message}`, { cause: e });
  }
  const names = columns.names();
  const width = Math.max(1, names.length);
  const layout: ItemLayout = {
    format: 'ndjson',
    encoding: guess,
    delimiter: null,
    delimiterEvidence: 'NDJSON: one JSON value per line',
    header: names.length > 0 ? names : null,
    headerLine: null,
    titleLines: [],
    columns: width,
    headerEvidence:
      names.length > 0
        ? `column names are the keys of all ${records} records, in first-seen order (nested keys joined with dots)`
        : 'no keys',
  };
  const sample = sampleFields.map((f) => place(columns.index, width, f).out);
  return { suffix: null, layout, sample, rows: () => ndjsonRows(path, display, guess, columns.index, width) };
}

async function* ndjsonRows(
  path: string,
  display: string,
  guess: EncodingGuess,
  index: ReadonlyMap<string, number>,
  width: number,
): AsyncGenerator<RowEvent> {
  for await (const l of readTextLines(path, display, guess)) {
    if (l.replaced) {
      yield {
        kind: 'warning',
        line: l.no,
        warning: 'invalid_bytes',
        detail: 'bytes invalid for the encoding were replaced (U+FFFD)',
      };
    }
    if (l.text.trim() === '') {
      yield { kind: 'non_record', line: l.no, reason: 'blank', text: l.text };
      continue;
    }
    const r = parseLine(l.text);
    if (r.error !== null) {
      yield {
        kind: 'warning',
        line: l.no,
        warning: 'field_count',
        detail: `not JSON (${r.error}); not a record`,
      };
      yield { kind: 'non_record', line: l.no, reason: 'comment', text: l.text.slice(0, 256) };
      continue;
    }
    for (const rec of r.records) {
      const p = place(index, width, rec.fields);
      yield* recordWarnings(rec, p.extra, l.no);
      yield { kind: 'record', line: l.no, endLine: l.no, fields: p.out };
    }
  }
}
