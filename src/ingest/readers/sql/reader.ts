/**
 * @module ingest/readers/sql/reader
 * SQL dumps: one item per table (`dump.sql#users`), one record per VALUES tuple or COPY data line.
 *
 * `openSqlDump` makes one full pass (the tables of a dump are only known at its end): it finds the tables, their
 * column names (CREATE TABLE, or the column lists of INSERT/COPY), a record sample, and which lines belong to
 * which table. `rows()` of a table then seeks to that table's parts of the file (a byte offset recorded at a line
 * start where no statement, string or comment was open) instead of re-reading the whole dump once per table.
 *
 * Line accounting (every physical line exactly once per item that it belongs to):
 * - a line on which a tuple of the table starts, or that a multi-line tuple spans, is covered by that record
 *   (`line`..`endLine`); several tuples on one line are several records with the same `line`;
 * - any other line holding text of one of the table's statements is a non-record line: `separator` for the syntax
 *   of data statements (`INSERT INTO t VALUES` alone, `);`, `COPY … FROM stdin;`, `\.`), `comment` for DDL
 *   (`CREATE TABLE`, `DROP TABLE`, `LOCK TABLES`, `ALTER TABLE`);
 * - a line that belongs to no table (comments, `SET`, `USE`, `UNLOCK TABLES`, blank lines, statements about tables
 *   with no CREATE TABLE/INSERT/COPY) is given to the table whose statements come before it (lines above the first
 *   table's statements go to the first table): `comment`, or `blank` when it is empty;
 * - a line shared by statements of two tables (hand-written dumps) is accounted in both items.
 */
import { IngestError } from '../../../core/errors.js';
import type { EncodingGuess } from '../../encoding/detect.js';
import type { ItemLayout, OpenedItem, RowEvent } from '../../source.js';
import { type Dialect, type Elem, SqlScanner } from './scanner.js';
import { LineTracker, readTextChunks } from './text-stream.js';

export interface SqlOptions {
  readonly sampleRecords?: number;
  readonly maxElementChars?: number;
  readonly chunkBytes?: number;
}

interface Checkpoint {
  readonly line: number;
  readonly byte: number;
  readonly delimiter: string;
}

interface Entry {
  readonly table: string;
  readonly startLine: number;
  endLine: number;
  readonly seek: Checkpoint;
}

interface TableInfo {
  readonly name: string;
  created: string[] | null;
  createdLine: number | null;
  listNames: string[];
  listLine: number | null;
  maxPositional: number;
  maxExtra: number;
  records: number;
  isItem: boolean;
  sample: { fields: string[]; columns: readonly string[] | null }[];
}

interface Segment {
  readonly from: number;
  readonly to: number;
  readonly seek: Checkpoint;
}

interface ItemPlan {
  readonly table: string | null;
  readonly names: readonly string[];
  readonly width: number;
  readonly index: ReadonlyMap<string, number>;
  readonly segments: readonly Segment[];
}

const TEXT_PREVIEW = 256;
const REPLACEMENT = '\uFFFD';
const invalidBytes = (line: number): RowEvent => ({
  kind: 'warning',
  line,
  warning: 'invalid_bytes',
  detail: 'bytes invalid for the encoding were replaced (U+FFFD) in this record',
});

/** Dialect from the head of the dump (see scanner.ts). */
export function detectDialect(head: string): Dialect {
  if (/PostgreSQL database dump|standard_conforming_strings|\bFROM\s+stdin\s*;|pg_catalog\./i.test(head))
    return 'pg';
  if (/^\s*(PRAGMA\s|BEGIN TRANSACTION;|SET ANSI_NULLS|SET QUOTED_IDENTIFIER|GO\s*$)/im.test(head))
    return 'standard';
  if (/\[dbo\]\./i.test(head)) return 'standard';
  return 'mysql';
}

interface DriveHandler {
  elem(e: Elem, first: number, last: number): void;
  lineEnd(line: number, preview: string): void;
  clean?(cp: Checkpoint): void;
  /** Called after each line end; return true to stop this run. */
  stopAfter?(line: number): boolean;
}

/**
 * Runs the scanner over the file from a checkpoint, reporting elements with the lines they touch and every line
 * end. Yields after each chunk so that the caller can hand on what the handler collected.
 */
async function* drive(
  path: string,
  display: string,
  guess: EncodingGuess,
  dialect: Dialect,
  from: Checkpoint,
  handler: DriveHandler,
  opts: SqlOptions,
): AsyncGenerator<void> {
  const sc = new SqlScanner(
    dialect,
    { delimiter: from.delimiter },
    opts.maxElementChars !== undefined ? { maxElementChars: opts.maxElementChars } : {},
  );
  const tracker = new LineTracker(from.line, from.byte);
  let pos = 0;
  let lineStartPos = 0;
  let linePrefix = '';
  let want = 0;
  let stalls = 0;
  let stopped = false;

  // The text of the line being read, up to TEXT_PREVIEW characters: from `lineStartPos` in the buffer, or, once the
  // buffer has dropped the line's start (lineStartPos -1), `linePrefix` followed by the buffer's start.
  const preview = (nl: number): string => {
    if (lineStartPos >= 0) return sc.buf.slice(lineStartPos, Math.min(nl, lineStartPos + TEXT_PREVIEW));
    if (linePrefix.length >= TEXT_PREVIEW) return linePrefix;
    return linePrefix + sc.buf.slice(0, Math.min(nl, TEXT_PREVIEW - linePrefix.length));
  };

  // Position of the next line feed at or after `pos` (-1: none up to `searchedTo`), so that the many tuples of a
  // long line do not each search to its end.
  let nlPos = -1;
  let searchedTo = 0;
  const nextNl = (from: number): number => {
    const b = sc.buf;
    if (nlPos >= from) return nlPos;
    if (nlPos !== -1 || searchedTo <= from) nlPos = b.indexOf('\n', from);
    else nlPos = b.indexOf('\n', searchedTo);
    searchedTo = b.length;
    return nlPos;
  };
  const nls: number[] = [];

  /** Processes one element; returns true when the run must stop. */
  const commit = (e: Elem): boolean => {
    const b = sc.buf;
    nls.length = 0;
    let k = nextNl(pos);
    while (k !== -1 && k < e.end) {
      nls.push(k);
      k = b.indexOf('\n', k + 1);
    }
    if (nls.length > 0) {
      nlPos = k;
      searchedTo = b.length;
    }
    const first = tracker.line;
    const endsWithNl = e.end > pos && b.charCodeAt(e.end - 1) === 10;
    const last = first + nls.length - (endsWithNl && e.t !== 'tuple' ? 1 : 0);
    if (e.end > pos) handler.elem(e, first, Math.max(first, last));
    const clean = e.t === 'ws' && e.kind === 'free';
    for (const n of nls) {
      let text = preview(n);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      handler.lineEnd(tracker.line, text);
      const done = tracker.line;
      tracker.newline();
      lineStartPos = n + 1;
      if (clean)
        handler.clean?.({ line: tracker.line, byte: tracker.lineStart, delimiter: sc.state.delimiter });
      if (handler.stopAfter?.(done)) return true;
    }
    pos = e.end;
    return false;
  };

  const step = (): boolean => {
    for (;;) {
      let e: Elem | null;
      try {
        e = sc.next(pos);
      } catch (err) {
        if (err instanceof IngestError) {
          throw new IngestError(`${display}: line ${tracker.line}: ${err.message}`, {
            cause: err,
            details: { line: tracker.line },
          });
        }
        throw err;
      }
      if (e === null) {
        want = Math.max(1 << 16, (sc.buf.length - pos) * 2);
        return false;
      }
      want = 0;
      if (e.end <= pos && ++stalls > 4) throw new Error('internal: the SQL scanner made no progress');
      if (e.end > pos) stalls = 0;
      if (commit(e)) return true;
    }
  };

  try {
    for await (const chunk of readTextChunks(path, guess, {
      start: from.byte,
      trackLines: handler.clean !== undefined,
      ...(opts.chunkBytes !== undefined ? { chunkBytes: opts.chunkBytes } : {}),
    })) {
      tracker.feedLineStarts(chunk.lineStarts);
      if (pos > 0) {
        if (lineStartPos >= 0 && lineStartPos < pos) {
          linePrefix = sc.buf.slice(lineStartPos, Math.min(pos, lineStartPos + TEXT_PREVIEW));
          lineStartPos = -1;
        } else if (lineStartPos < 0) {
          // The line began in an earlier buffer: what is dropped now continues its text.
          if (linePrefix.length < TEXT_PREVIEW) {
            linePrefix += sc.buf.slice(0, Math.min(pos, TEXT_PREVIEW - linePrefix.length));
          }
        } else lineStartPos -= pos;
        sc.buf = sc.buf.slice(pos) + chunk.text;
        if (nlPos >= pos) nlPos -= pos;
        else if (nlPos !== -1) {
          nlPos = -1;
          searchedTo = pos;
        }
        searchedTo = Math.max(0, searchedTo - pos);
        pos = 0;
      } else sc.buf += chunk.text;
      if (sc.buf.length - pos < want) continue;
      if (step()) {
        stopped = true;
        break;
      }
      yield;
    }
    if (!stopped) {
      sc.final = true;
      if (!step()) {
        if (pos < sc.buf.length)
          throw new Error('internal: the SQL scanner stopped before the end of the file');
        // Text after the last line feed is one more line.
        const hasTail = lineStartPos >= 0 ? lineStartPos < sc.buf.length : true;
        if (hasTail) {
          let text = preview(sc.buf.length);
          if (text.endsWith('\r')) text = text.slice(0, -1);
          handler.lineEnd(tracker.line, text);
        }
      }
    }
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`${display}: line ${tracker.line}: ${(e as Error).message}`, { cause: e });
  }
}

function tableInfo(map: Map<string, TableInfo>, name: string): TableInfo {
  let t = map.get(name);
  if (!t) {
    t = {
      name,
      created: null,
      createdLine: null,
      listNames: [],
      listLine: null,
      maxPositional: 0,
      maxExtra: 0,
      records: 0,
      isItem: false,
      sample: [],
    };
    map.set(name, t);
  }
  return t;
}

/** Places a tuple's values in the item's columns. */
function mapFields(
  plan: ItemPlan,
  fields: string[],
  columns: readonly string[] | null,
): { out: string[]; problem: string | null } {
  const out = new Array<string>(plan.width).fill('');
  if (columns === null) {
    for (let i = 0; i < fields.length && i < plan.width; i++) out[i] = fields[i]!;
    const declared = plan.names.length;
    const problem =
      declared > 0 && fields.length !== declared
        ? `${fields.length} values where the table has ${declared} columns`
        : null;
    return { out, problem };
  }
  for (let i = 0; i < fields.length; i++) {
    const idx = i < columns.length ? plan.index.get(columns[i]!) : plan.names.length + (i - columns.length);
    if (idx !== undefined && idx < plan.width) out[idx] = fields[i]!;
  }
  const problem =
    fields.length !== columns.length
      ? `${fields.length} values where the INSERT names ${columns.length} columns`
      : null;
  return { out, problem };
}

/**
 * Opens a SQL dump: one pass to find its tables, columns, samples and line ownership.
 * @throws IngestError naming the file and line
 */
export async function openSqlDump(
  path: string,
  display: string,
  guess: EncodingGuess,
  head: string,
  opts: SqlOptions = {},
): Promise<OpenedItem[]> {
  const dialect = detectDialect(head);
  const sampleSize = opts.sampleRecords ?? 2000;
  const tables = new Map<string, TableInfo>();
  const entries: Entry[] = [];
  const start: Checkpoint = { line: 1, byte: guess.bomLength, delimiter: ';' };
  let lastClean = start;
  let totalLines = 0;

  const discover = drive(
    path,
    display,
    guess,
    dialect,
    start,
    {
      clean(cp) {
        lastClean = cp;
      },
      lineEnd(line) {
        totalLines = line;
      },
      elem(e, first, last) {
        if (e.table === null) return;
        const t = tableInfo(tables, e.table);
        const prev = entries[entries.length - 1];
        if (prev && prev.table === e.table) prev.endLine = Math.max(prev.endLine, last);
        else entries.push({ table: e.table, startLine: first, endLine: last, seek: lastClean });
        if (e.stmtStart && e.kind === 'data') t.isItem = true;
        if (e.created) {
          t.isItem = true;
          if (t.created === null) {
            t.created = [...e.created];
            t.createdLine = first;
          }
        }
        if (e.t !== 'tuple') return;
        const f = e.fields!;
        t.records++;
        if (e.columns) {
          if (t.listLine === null) t.listLine = first;
          for (const c of e.columns) if (!t.listNames.includes(c)) t.listNames.push(c);
          t.maxExtra = Math.max(t.maxExtra, f.length - e.columns.length);
        } else t.maxPositional = Math.max(t.maxPositional, f.length);
        if (t.sample.length < sampleSize) t.sample.push({ fields: f, columns: e.columns ?? null });
      },
    },
    opts,
  );
  for await (const _ of discover) {
    // the handler collects everything
  }

  const itemTables = [...tables.values()].filter((t) => t.isItem);
  const isItem = new Set(itemTables.map((t) => t.name));
  const kept: Entry[] = [];
  for (const e of entries) {
    if (!isItem.has(e.table)) continue;
    const prev = kept[kept.length - 1];
    if (prev && prev.table === e.table) prev.endLine = Math.max(prev.endLine, e.endLine);
    else kept.push({ ...e });
  }
  const segmentsOf = new Map<string | null, Segment[]>();
  kept.forEach((e, k) => {
    const next = kept[k + 1];
    const seg: Segment = {
      from: k === 0 ? 1 : e.startLine,
      to: next ? Math.max(e.endLine, next.startLine - 1) : Math.max(e.endLine, totalLines),
      seek: k === 0 ? start : e.seek,
    };
    const list = segmentsOf.get(e.table) ?? [];
    list.push(seg);
    segmentsOf.set(e.table, list);
  });

  const evidence = `SQL dump (${dialect === 'mysql' ? 'MySQL/MariaDB' : dialect === 'pg' ? 'PostgreSQL' : 'standard SQL'} syntax)`;
  const makeItem = (t: TableInfo | null): OpenedItem => {
    const names = t ? [...(t.created ?? [])] : [];
    if (t) for (const n of t.listNames) if (!names.includes(n)) names.push(n);
    const width = t ? Math.max(names.length + t.maxExtra, t.maxPositional, 1) : 1;
    const index = new Map<string, number>();
    names.forEach((n, i) => {
      if (!index.has(n)) index.set(n, i);
    });
    const plan: ItemPlan = {
      table: t?.name ?? null,
      names,
      width,
      index,
      segments: segmentsOf.get(t?.name ?? null) ?? [{ from: 1, to: Math.max(totalLines, 0), seek: start }],
    };
    const header = names.length > 0 ? [...names, ...new Array<string>(width - names.length).fill('')] : null;
    const headerLine = t ? (t.createdLine ?? t.listLine) : null;
    const layout: ItemLayout = {
      format: 'sql',
      encoding: guess,
      delimiter: null,
      delimiterEvidence: evidence,
      header,
      headerLine,
      titleLines: [],
      columns: width,
      headerEvidence: !t
        ? 'no table with CREATE TABLE, INSERT or COPY in the dump'
        : t.createdLine !== null
          ? `column names from CREATE TABLE ${t.name} at line ${t.createdLine}`
          : t.listLine !== null
            ? `column names from the INSERT/COPY column list at line ${t.listLine}`
            : 'no CREATE TABLE and no column list: columns are numbered',
    };
    const sample = (t?.sample ?? []).map((s) => mapFields(plan, s.fields, s.columns).out);
    return {
      suffix: t ? `#${t.name}` : null,
      layout,
      sample,
      rows: () => tableRows(path, display, guess, dialect, plan, isItem, opts),
    };
  };
  if (itemTables.length === 0) return [makeItem(null)];
  return itemTables.map((t) => makeItem(t));
}

async function* tableRows(
  path: string,
  display: string,
  guess: EncodingGuess,
  dialect: Dialect,
  plan: ItemPlan,
  items: ReadonlySet<string>,
  opts: SqlOptions,
): AsyncGenerator<RowEvent> {
  const segs = plan.segments;
  if (segs.length === 0 || segs[0]!.to < segs[0]!.from) return;
  const T = plan.table;
  let out: RowEvent[] = [];
  let segIdx = 0;
  // Marks on lines: each holds the last line that a mark reaches (a mark always starts on the line being read).
  let startLine = 0;
  let coverUntil = 0;
  let contentUntil = 0;
  let ddlUntil = 0;
  let otherUntil = 0;
  let freeUntil = 0;
  let segPtr = 0;
  const inSeg = (line: number): boolean => {
    while (segPtr < segs.length && segs[segPtr]!.to < line) segPtr++;
    const s = segs[segPtr];
    return s !== undefined && s.from <= line;
  };

  const handler: DriveHandler = {
    elem(e, first, last) {
      if (e.t === 'ws') return;
      const owner = e.table !== null && items.has(e.table) ? e.table : null;
      if (owner !== null && owner === T) {
        if (e.warn) out.push({ kind: 'warning', line: first, warning: e.warn.kind, detail: e.warn.detail });
        if (e.t === 'tuple') {
          const m = mapFields(plan, e.fields!, e.columns ?? null);
          if (m.problem)
            out.push({ kind: 'warning', line: first, warning: 'field_count', detail: m.problem });
          if (e.fields!.some((f) => f.includes(REPLACEMENT))) out.push(invalidBytes(first));
          out.push({ kind: 'record', line: first, endLine: last, fields: m.out });
          startLine = first;
          if (last > coverUntil) coverUntil = last;
        } else {
          if (last > contentUntil) contentUntil = last;
          if (e.kind !== 'data' && last > ddlUntil) ddlUntil = last;
        }
      } else if (owner !== null) {
        if (last > otherUntil) otherUntil = last;
      } else {
        if (last > freeUntil) freeUntil = last;
        if (e.warn && inSeg(first))
          out.push({ kind: 'warning', line: first, warning: e.warn.kind, detail: e.warn.detail });
      }
    },
    lineEnd(line, text) {
      if (line === startLine || line <= coverUntil) return;
      if (line <= contentUntil) {
        if (inSeg(line))
          out.push({ kind: 'non_record', line, reason: line <= ddlUntil ? 'comment' : 'separator', text });
        return;
      }
      if (line <= otherUntil) return;
      if (inSeg(line))
        out.push({ kind: 'non_record', line, reason: line <= freeUntil ? 'comment' : 'blank', text });
    },
    stopAfter(line) {
      while (segIdx < segs.length && segs[segIdx]!.to <= line) segIdx++;
      if (segIdx >= segs.length) return true;
      // Jump ahead when this table's next part starts further on.
      return segs[segIdx]!.seek.line > line + 1;
    },
  };
  let from = segs[0]!.seek;
  for (;;) {
    for await (const _ of drive(path, display, guess, dialect, from, handler, opts)) {
      if (out.length > 0) {
        const batch = out;
        out = [];
        yield* batch;
      }
    }
    if (out.length > 0) {
      const batch = out;
      out = [];
      yield* batch;
    }
    if (segIdx >= segs.length) return;
    const next = segs[segIdx]!.seek;
    if (next.line <= from.line) return;
    from = next;
  }
}
