/**
 * @module ingest/readers/sql/scanner
 * A resumable scanner for SQL dumps (mysqldump / MariaDB extended INSERTs, pg_dump COPY blocks and INSERTs,
 * SQLite `.dump`, SQL Server scripts). It never builds an AST: it splits the text into elements — white space,
 * statement text (with the table it names), comments, one element per VALUES tuple or COPY data line — each
 * covering a range of the buffer. A caller feeds text, asks for the next element, and gets `null` when the
 * buffer ends inside an element (then it appends more text and asks again: the scanner state only changes when
 * an element is returned, so a partial element is simply re-read).
 */
import { IngestError } from '../../../core/errors.js';

/** mysql: backslash escapes in '…' and "…"; pg: only E'…' has escapes; standard (SQLite, SQL Server): none. */
export type Dialect = 'mysql' | 'pg' | 'standard';

/** What a piece of statement text is: part of a data statement (INSERT/COPY), DDL, or another statement. */
export type StmtKind = 'data' | 'ddl' | 'other';

export interface Elem {
  readonly t: 'ws' | 'text' | 'tuple';
  readonly end: number;
  /** Table named by the statement this element belongs to (null: none, or top-level text such as comments). */
  readonly table: string | null;
  /** 'free' = a comment or white space between statements. */
  readonly kind: StmtKind | 'free';
  /** First element of a statement. */
  readonly stmtStart?: boolean;
  /** Column names declared by a CREATE TABLE (on its element). */
  readonly created?: readonly string[];
  /** Tuple: values in order, and the column list of its INSERT/COPY (null = positional). */
  readonly fields?: string[];
  readonly columns?: readonly string[] | null;
  /** A problem to report at the element's first line. */
  readonly warn?: {
    readonly kind: 'unbalanced_quote' | 'field_count' | 'unparsed_statement';
    readonly detail: string;
  };
}

export interface ScannerState {
  mode: 'top' | 'expect_tuple' | 'after_tuple' | 'rest' | 'copy' | 'copy_start';
  table: string | null;
  kind: StmtKind;
  columns: readonly string[] | null;
  delimiter: string;
}

export interface ScannerLimits {
  /** Longest tuple / COPY line / statement head, in UTF-16 code units. */
  readonly maxElementChars: number;
}

export const DEFAULT_MAX_ELEMENT_CHARS = 64 * 1024 * 1024;

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 0x80
  );
}

type Tok =
  | { k: 'word'; v: string; up: string; s: number; e: number }
  | { k: 'ident'; v: string; s: number; e: number }
  | { k: 'punct'; v: string; s: number; e: number }
  | { k: 'str'; s: number; e: number }
  | { k: 'eof'; s: number; e: number };

/** Thrown internally when the buffer ends inside what is being read. */
class NeedMore {}
const NEED_MORE = new NeedMore();

export class SqlScanner {
  buf = '';
  final = false;
  readonly dialect: Dialect;
  readonly state: ScannerState;
  private readonly maxChars: number;

  constructor(dialect: Dialect, state?: Partial<ScannerState>, limits?: Partial<ScannerLimits>) {
    this.dialect = dialect;
    this.state = { mode: 'top', table: null, kind: 'other', columns: null, delimiter: ';', ...state };
    this.maxChars = limits?.maxElementChars ?? DEFAULT_MAX_ELEMENT_CHARS;
  }

  /**
   * Reads the element at `pos`, or returns null when more text is needed (never when `final`).
   * @throws IngestError (without the file name: the caller adds it and the line) for an over-long element
   */
  next(pos: number): Elem | null {
    if (pos >= this.buf.length) return null;
    try {
      switch (this.state.mode) {
        case 'top':
          return this.top(pos);
        case 'expect_tuple':
        case 'after_tuple':
          return this.values(pos);
        case 'rest':
          return this.rest(pos);
        case 'copy_start':
          return this.copyStart(pos);
        case 'copy':
          return this.copyLine(pos);
      }
    } catch (e) {
      if (e === NEED_MORE) {
        if (this.final) throw new Error('internal: scanner asked for more text at the end of the file');
        return null;
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- helpers

  private need(): never {
    throw NEED_MORE;
  }

  private checkSize(start: number, at: number, what: string): void {
    if (at - start > this.maxChars) {
      throw new IngestError(
        `${what} longer than ${this.maxChars} characters; refusing to read it as one record`,
      );
    }
  }

  private wsEnd(i: number): number {
    const b = this.buf;
    while (i < b.length && isWs(b.charCodeAt(i))) i++;
    return i;
  }

  /** End of a comment starting at i, -1 if none starts there. */
  private commentEnd(i: number, inValues: boolean): number {
    const b = this.buf;
    const c = b.charCodeAt(i);
    if (c === 45 && b.charCodeAt(i + 1) === 45 && !inValues) return this.lineCommentEnd(i);
    if (c === 35 && this.dialect === 'mysql' && !inValues) return this.lineCommentEnd(i);
    if (c === 47 && b.charCodeAt(i + 1) === 42) {
      const e = b.indexOf('*/', i + 2);
      if (e === -1) {
        if (!this.final) this.need();
        return b.length;
      }
      return e + 2;
    }
    if (i + 1 >= b.length && (c === 45 || c === 47) && !this.final) this.need();
    return -1;
  }

  private lineCommentEnd(i: number): number {
    const e = this.buf.indexOf('\n', i);
    if (e === -1) {
      if (!this.final) this.need();
      return this.buf.length;
    }
    return e;
  }

  /** Skips white space and comments; returns the next significant index. */
  private skipNoise(i: number, inValues = false): number {
    for (;;) {
      i = this.wsEnd(i);
      if (i >= this.buf.length) {
        if (!this.final) this.need();
        return i;
      }
      const e = this.commentEnd(i, inValues);
      if (e < 0) return i;
      i = e;
    }
  }

  /** End of a quoted string/identifier starting at i (the quote char at i). */
  private quotedEnd(i: number, backslash: boolean): number {
    const b = this.buf;
    const qs = b[i]!;
    const q = b.charCodeAt(i);
    let j = i + 1;
    for (;;) {
      const k = b.indexOf(qs, j);
      const bs = backslash ? backslashBefore(b, j, k) : -1;
      if (bs !== -1 && (k === -1 || bs < k)) {
        j = bs + 2;
        if (j > b.length) {
          if (!this.final) this.need();
          return b.length;
        }
        continue;
      }
      if (k === -1) {
        this.checkSize(i, b.length, 'a quoted string');
        if (!this.final) this.need();
        return b.length;
      }
      if (k + 1 >= b.length && !this.final) this.need();
      // A doubled quote stands for itself.
      if (b.charCodeAt(k + 1) === q) {
        j = k + 2;
        continue;
      }
      return k + 1;
    }
  }

  private dollarEnd(i: number): number {
    const b = this.buf;
    const m = /^\$[A-Za-z_0-9]*\$/.exec(b.slice(i, i + 64));
    if (!m) return -1;
    const tag = m[0];
    const e = b.indexOf(tag, i + tag.length);
    if (e === -1) {
      this.checkSize(i, b.length, 'a dollar-quoted string');
      if (!this.final) this.need();
      return b.length;
    }
    return e + tag.length;
  }

  private tok(i: number): Tok {
    const b = this.buf;
    i = this.skipNoise(i);
    if (i >= b.length) return { k: 'eof', s: i, e: i };
    const c = b.charCodeAt(i);
    if (c === 96 || c === 34 || c === 91) {
      const close = c === 91 ? ']' : b[i]!;
      let j = i + 1;
      let v = '';
      for (;;) {
        const k = b.indexOf(close, j);
        if (k === -1) {
          if (!this.final) this.need();
          return { k: 'ident', v: v + b.slice(j), s: i, e: b.length };
        }
        v += b.slice(j, k);
        if (b[k + 1] === close && c !== 91) {
          v += close;
          j = k + 2;
          continue;
        }
        if (k + 1 >= b.length && !this.final) this.need();
        return { k: 'ident', v, s: i, e: k + 1 };
      }
    }
    if (c === 39) return { k: 'str', s: i, e: this.quotedEnd(i, this.dialect === 'mysql') };
    if (isWordChar(c)) {
      let j = i + 1;
      while (j < b.length && isWordChar(b.charCodeAt(j))) j++;
      if (j >= b.length && !this.final) this.need();
      const v = b.slice(i, j);
      return { k: 'word', v, up: v.toUpperCase(), s: i, e: j };
    }
    return { k: 'punct', v: b[i]!, s: i, e: i + 1 };
  }

  /** Reads a possibly qualified name (`db`.`t`, public.t, [dbo].[t]). */
  private name(i: number): { name: string; e: number } | null {
    const parts: string[] = [];
    let t = this.tok(i);
    if (t.k !== 'word' && t.k !== 'ident') return null;
    parts.push(t.v);
    let e = t.e;
    for (;;) {
      const b = this.buf;
      if (e >= b.length && !this.final) this.need();
      if (b.charCodeAt(e) !== 46) break;
      t = this.tok(e + 1);
      if (t.k !== 'word' && t.k !== 'ident') break;
      parts.push(t.v);
      e = t.e;
    }
    return { name: parts.join('.'), e };
  }

  /** `( a, b, … )` of names starting at the `(` token. */
  private nameList(i: number): { names: string[]; e: number } | null {
    let t = this.tok(i);
    if (t.k !== 'punct' || t.v !== '(') return null;
    const names: string[] = [];
    for (;;) {
      t = this.tok(t.e);
      if (t.k === 'word' || t.k === 'ident') names.push(t.v);
      else return null;
      t = this.tok(t.e);
      if (t.k === 'punct' && t.v === ',') continue;
      if (t.k === 'punct' && t.v === ')') return { names, e: t.e };
      return null;
    }
  }

  private delimiterAt(i: number): boolean {
    const d = this.state.delimiter;
    if (d === ';') return this.buf.charCodeAt(i) === 59;
    if (i + d.length > this.buf.length && !this.final) this.need();
    return this.buf.startsWith(d, i);
  }

  // ---------------------------------------------------------------- modes

  private top(pos: number): Elem {
    const b = this.buf;
    const w = this.wsEnd(pos);
    if (w > pos) return { t: 'ws', end: w, table: null, kind: 'free' };
    const ce = this.commentEnd(pos, false);
    if (ce >= 0) {
      const warn =
        ce === b.length && this.final && b.startsWith('/*', pos) && !b.endsWith('*/')
          ? ({
              kind: 'unbalanced_quote',
              detail: 'a /* comment is not closed before the end of the file',
            } as const)
          : undefined;
      return { t: 'text', end: ce, table: null, kind: 'free', ...(warn ? { warn } : {}) };
    }
    if (this.delimiterAt(pos)) {
      return {
        t: 'text',
        end: pos + this.state.delimiter.length,
        table: null,
        kind: 'other',
        stmtStart: true,
      };
    }
    return this.statement(pos);
  }

  /** Starts a statement at `pos` (its first significant character). */
  private statement(pos: number): Elem {
    const b = this.buf;
    const first = this.tok(pos);
    this.checkSize(pos, b.length, 'a statement head');
    if (first.k !== 'word') return this.startRest(pos, null, 'other');
    const kw = first.up;
    if (kw === 'DELIMITER' && this.dialect === 'mysql') {
      const e = this.lineCommentEnd(pos);
      const d = b.slice(first.e, e).trim();
      if (d.length > 0) this.state.delimiter = d;
      return { t: 'text', end: e, table: null, kind: 'other', stmtStart: true };
    }
    if (kw === 'GO') {
      const e = this.lineCommentEnd(pos);
      if (b.slice(first.e, e).trim() === '')
        return { t: 'text', end: e, table: null, kind: 'other', stmtStart: true };
    }
    if (kw === 'INSERT' || kw === 'REPLACE') return this.insertHead(pos, first.e);
    if (kw === 'COPY') return this.copyHead(pos, first.e);
    if (kw === 'CREATE') return this.createHead(pos, first.e);
    if (kw === 'DROP' || kw === 'ALTER' || kw === 'TRUNCATE' || kw === 'LOCK') {
      let t = this.tok(first.e);
      if (t.k === 'word' && (t.up === 'TABLE' || t.up === 'TABLES')) t = this.tok(t.e);
      else if (kw !== 'TRUNCATE') return this.startRest(pos, null, 'ddl');
      while (t.k === 'word' && (t.up === 'IF' || t.up === 'EXISTS' || t.up === 'ONLY')) t = this.tok(t.e);
      const n = t.k === 'word' || t.k === 'ident' ? this.name(t.s) : null;
      return this.startRest(pos, n?.name ?? null, 'ddl');
    }
    return this.startRest(pos, null, 'other');
  }

  /** The statement goes on to its delimiter as plain text. */
  private startRest(pos: number, table: string | null, kind: StmtKind): Elem {
    const st = this.state;
    const saved = { mode: st.mode, table: st.table, kind: st.kind };
    st.mode = 'rest';
    st.table = table;
    st.kind = kind;
    try {
      const e = this.rest(pos);
      return { ...e, stmtStart: true };
    } catch (err) {
      Object.assign(st, saved);
      throw err;
    }
  }

  /**
   * An INSERT/REPLACE whose rows are not literal VALUES tuples (MySQL `INSERT … SET col = …`, `INSERT … SELECT`,
   * `DEFAULT VALUES`, or a head the scanner cannot read): its text is a non-record line as before, but it carries
   * an `unparsed_statement` warning, so that the rows it may insert do not go uncounted without a trace.
   */
  private unparsedInsert(pos: number, after: number, table: string | null, form: string | null): Elem {
    const e = this.startRest(pos, table, table === null ? 'other' : 'ddl');
    const kw = this.buf.slice(pos, after).toUpperCase();
    const on = table === null ? '' : ` into ${table}`;
    const detail =
      form === 'SET'
        ? `${kw} … SET statement${on}: its column = value pairs are not read as a record; the row it inserts is not counted`
        : form === 'SELECT'
          ? `${kw} … SELECT statement${on}: it copies rows from a query, not literal values; those rows are not counted`
          : `${kw} statement${on} without a VALUES list the reader understands: any rows it inserts are not counted`;
    return { ...e, warn: { kind: 'unparsed_statement', detail } };
  }

  private insertHead(pos: number, after: number): Elem {
    let t = this.tok(after);
    while (
      t.k === 'word' &&
      (t.up === 'LOW_PRIORITY' ||
        t.up === 'DELAYED' ||
        t.up === 'HIGH_PRIORITY' ||
        t.up === 'IGNORE' ||
        t.up === 'OR')
    ) {
      t = this.tok(t.e);
      if (
        t.k === 'word' &&
        (t.up === 'IGNORE' || t.up === 'REPLACE' || t.up === 'ROLLBACK' || t.up === 'ABORT')
      )
        t = this.tok(t.e);
    }
    if (t.k === 'word' && t.up === 'INTO') t = this.tok(t.e);
    if (t.k !== 'word' && t.k !== 'ident') return this.unparsedInsert(pos, after, null, null);
    const n = this.name(t.s);
    if (!n) return this.unparsedInsert(pos, after, null, null);
    let e = n.e;
    let columns: string[] | null = null;
    t = this.tok(e);
    if (t.k === 'punct' && t.v === '(') {
      const l = this.nameList(t.s);
      if (!l) return this.unparsedInsert(pos, after, n.name, null);
      columns = l.names;
      e = l.e;
      t = this.tok(e);
    }
    // Skip words such as `OVERRIDING SYSTEM VALUE` up to VALUES.
    let guard = 0;
    while (
      t.k === 'word' &&
      t.up !== 'VALUES' &&
      t.up !== 'VALUE' &&
      t.up !== 'SELECT' &&
      t.up !== 'SET' &&
      guard++ < 8
    )
      t = this.tok(t.e);
    if (t.k === 'word' && (t.up === 'VALUES' || t.up === 'VALUE')) {
      const st = this.state;
      st.mode = 'expect_tuple';
      st.table = n.name;
      st.kind = 'data';
      st.columns = columns;
      return { t: 'text', end: t.e, table: n.name, kind: 'data', stmtStart: true };
    }
    // INSERT … SELECT / SET / DEFAULT VALUES: no literal tuples to count.
    return this.unparsedInsert(pos, after, n.name, t.k === 'word' ? t.up : null);
  }

  private copyHead(pos: number, after: number): Elem {
    const t = this.tok(after);
    if (t.k !== 'word' && t.k !== 'ident') return this.startRest(pos, null, 'other');
    const n = this.name(t.s);
    if (!n) return this.startRest(pos, null, 'other');
    let columns: string[] | null = null;
    let u = this.tok(n.e);
    if (u.k === 'punct' && u.v === '(') {
      const l = this.nameList(u.s);
      if (!l) return this.startRest(pos, n.name, 'ddl');
      columns = l.names;
      u = this.tok(l.e);
    }
    if (!(u.k === 'word' && u.up === 'FROM')) return this.startRest(pos, n.name, 'ddl');
    const s = this.tok(u.e);
    if (!(s.k === 'word' && s.up === 'STDIN')) return this.startRest(pos, n.name, 'ddl');
    // The statement ends at `;`; data lines start on the next line.
    const semi = this.buf.indexOf(';', s.e);
    if (semi === -1) {
      if (!this.final) this.need();
      return this.startRest(pos, n.name, 'ddl');
    }
    const st = this.state;
    st.mode = 'copy_start';
    st.table = n.name;
    st.kind = 'data';
    st.columns = columns;
    return { t: 'text', end: semi + 1, table: n.name, kind: 'data', stmtStart: true };
  }

  private createHead(pos: number, after: number): Elem {
    let t = this.tok(after);
    let guard = 0;
    while (t.k === 'word' && t.up !== 'TABLE' && guard++ < 6) {
      if (!['OR', 'REPLACE', 'GLOBAL', 'LOCAL', 'TEMPORARY', 'TEMP', 'UNLOGGED'].includes(t.up))
        return this.startRest(pos, null, 'ddl');
      t = this.tok(t.e);
    }
    if (!(t.k === 'word' && t.up === 'TABLE')) return this.startRest(pos, null, 'ddl');
    t = this.tok(t.e);
    if (t.k === 'word' && t.up === 'IF') {
      t = this.tok(t.e);
      if (t.k === 'word' && t.up === 'NOT') t = this.tok(t.e);
      if (t.k === 'word' && t.up === 'EXISTS') t = this.tok(t.e);
    }
    if (t.k !== 'word' && t.k !== 'ident') return this.startRest(pos, null, 'ddl');
    const n = this.name(t.s);
    if (!n) return this.startRest(pos, null, 'ddl');
    const open = this.tok(n.e);
    if (!(open.k === 'punct' && open.v === '(')) return this.startRest(pos, n.name, 'ddl');
    const body = this.columnDefs(open.e);
    if (body === null) return this.startRest(pos, n.name, 'ddl');
    const st = this.state;
    const saved = { mode: st.mode, table: st.table, kind: st.kind };
    st.mode = 'rest';
    st.table = n.name;
    st.kind = 'ddl';
    try {
      const r = this.rest(body.e);
      return { ...r, stmtStart: true, created: body.names };
    } catch (err) {
      Object.assign(st, saved);
      throw err;
    }
  }

  /** Column names of a CREATE TABLE body; `i` is just after its `(`. */
  private columnDefs(i: number): { names: string[]; e: number } | null {
    const names: string[] = [];
    const CONSTRAINT = new Set([
      'PRIMARY',
      'KEY',
      'UNIQUE',
      'INDEX',
      'CONSTRAINT',
      'FOREIGN',
      'CHECK',
      'FULLTEXT',
      'SPATIAL',
      'EXCLUDE',
      'LIKE',
      'PERIOD',
    ]);
    let expectName = true;
    let depth = 0;
    let j = i;
    for (;;) {
      this.checkSize(i, j, 'a CREATE TABLE statement');
      const t = this.tok(j);
      if (t.k === 'eof') return null;
      j = t.e;
      if (expectName) {
        expectName = false;
        if (t.k === 'ident') names.push(t.v);
        else if (t.k === 'word' && !CONSTRAINT.has(t.up)) names.push(t.v);
        else if (t.k === 'punct' && t.v === ')') return { names, e: t.e };
        if (t.k === 'punct' && t.v === '(') depth++;
        continue;
      }
      if (t.k === 'punct') {
        if (t.v === '(') depth++;
        else if (t.v === ')') {
          if (depth === 0) return { names, e: t.e };
          depth--;
        } else if (t.v === ',' && depth === 0) expectName = true;
        else if (t.v === ';') return null;
      }
    }
  }

  /** Statement text up to and including its delimiter (pieces end before a token the buffer does not hold). */
  private rest(pos: number): Elem {
    const b = this.buf;
    const st = this.state;
    const backslash = this.dialect === 'mysql';
    let i = pos;
    let committed = pos;
    const piece = (end: number, close: boolean): Elem => {
      const e: Elem = { t: 'text', end, table: st.table, kind: st.kind };
      if (close) this.closeStatement();
      return e;
    };
    try {
      while (i < b.length) {
        const c = b.charCodeAt(i);
        if (c === 39 || (c === 34 && this.dialect !== 'pg')) {
          i = this.quotedEnd(i, backslash || (c === 39 && this.isEString(i)));
        } else if (c === 34 || c === 96) {
          i = this.quotedEnd(i, false);
        } else if (c === 36 && this.dialect === 'pg') {
          const e = this.dollarEnd(i);
          i = e < 0 ? i + 1 : e;
        } else if ((c === 45 && b.charCodeAt(i + 1) === 45) || (c === 35 && backslash)) {
          i = this.lineCommentEnd(i);
        } else if (c === 47 && b.charCodeAt(i + 1) === 42) {
          i = this.commentEnd(i, false);
        } else if (this.delimiterAt(i)) {
          return piece(i + st.delimiter.length, true);
        } else if (c === 10 && this.goLineAfter(i + 1)) {
          return piece(i, true);
        } else i++;
        committed = i;
      }
    } catch (e) {
      if (e !== NEED_MORE) throw e;
      if (committed > pos) return piece(committed, false);
      throw e;
    }
    if (this.final) return piece(b.length, true);
    if (committed > pos) return piece(committed, false);
    return this.need();
  }

  private isEString(i: number): boolean {
    if (this.dialect !== 'pg' || i === 0) return false;
    const p = this.buf.charCodeAt(i - 1);
    return (p === 69 || p === 101) && (i < 2 || !isWordChar(this.buf.charCodeAt(i - 2)));
  }

  /** A line holding only `GO` (SQL Server batch separator) ends a statement that has no `;`. */
  private goLineAfter(i: number): boolean {
    const b = this.buf;
    let j = i;
    while (j < b.length && (b.charCodeAt(j) === 32 || b.charCodeAt(j) === 9)) j++;
    if (j + 2 > b.length) {
      if (!this.final) this.need();
      return false;
    }
    if ((b[j] === 'G' || b[j] === 'g') && (b[j + 1] === 'O' || b[j + 1] === 'o')) {
      let k = j + 2;
      while (k < b.length && (b.charCodeAt(k) === 32 || b.charCodeAt(k) === 9 || b.charCodeAt(k) === 13)) k++;
      if (k >= b.length && !this.final) this.need();
      return k >= b.length || b.charCodeAt(k) === 10;
    }
    return false;
  }

  private closeStatement(): void {
    const st = this.state;
    st.mode = 'top';
    st.table = null;
    st.kind = 'other';
    st.columns = null;
  }

  private values(pos: number): Elem {
    const b = this.buf;
    const st = this.state;
    const w = this.wsEnd(pos);
    if (w >= b.length && !this.final) this.need();
    if (w > pos) return { t: 'ws', end: w, table: st.table, kind: 'data' };
    const ce = this.commentEnd(pos, false);
    if (ce >= 0) return { t: 'text', end: ce, table: st.table, kind: 'data' };
    const c = b.charCodeAt(pos);
    if (st.mode === 'expect_tuple') {
      if (c === 40) return this.tuple(pos);
    } else {
      if (c === 44) {
        st.mode = 'expect_tuple';
        return { t: 'text', end: pos + 1, table: st.table, kind: 'data' };
      }
      if (this.delimiterAt(pos)) {
        const table = st.table;
        this.closeStatement();
        return { t: 'text', end: pos + st.delimiter.length, table, kind: 'data' };
      }
      const t = this.tok(pos);
      if (t.k === 'word' && (t.up === 'ON' || t.up === 'RETURNING' || t.up === 'AS')) {
        st.mode = 'rest';
        try {
          return this.rest(pos);
        } catch (err) {
          st.mode = 'after_tuple';
          throw err;
        }
      }
    }
    // Anything else ends the statement without a delimiter (SQL Server scripts, or a damaged dump).
    const table = st.table;
    this.closeStatement();
    return { t: 'text', end: pos, table, kind: 'data' };
  }

  /** One VALUES tuple starting at its `(`. */
  private tuple(pos: number): Elem {
    const b = this.buf;
    const st = this.state;
    const fields: string[] = [];
    let i = pos + 1;
    let warn: Elem['warn'];
    const cut = (): Elem => {
      warn = { kind: 'unbalanced_quote', detail: 'the tuple is cut off by the end of the file' };
      st.mode = 'after_tuple';
      return { t: 'tuple', end: b.length, table: st.table, kind: 'data', fields, columns: st.columns, warn };
    };
    for (;;) {
      this.checkSize(pos, i, 'a VALUES tuple');
      i = this.skipNoise(i, true);
      if (i >= b.length) return cut();
      const c = b.charCodeAt(i);
      if (c === 41 && fields.length === 0) {
        st.mode = 'after_tuple';
        return { t: 'tuple', end: i + 1, table: st.table, kind: 'data', fields, columns: st.columns };
      }
      const v = this.value(i);
      fields.push(v.value);
      i = this.skipNoise(v.e, true);
      if (i >= b.length || v.cut) return cut();
      const d = b.charCodeAt(i);
      if (d === 44) {
        i++;
        continue;
      }
      if (d === 41) {
        st.mode = 'after_tuple';
        return { t: 'tuple', end: i + 1, table: st.table, kind: 'data', fields, columns: st.columns };
      }
      // Unexpected text after a value: keep it in the value's raw form up to the next , or ).
      const r = this.rawValue(i);
      if (r.e === i) {
        // A character that cannot continue a tuple (`;` inside it): keep it in the value and go on.
        fields[fields.length - 1] += b[i]!;
        i++;
      } else {
        fields[fields.length - 1] += ` ${r.value}`;
        i = r.e;
      }
      if (i >= b.length) return cut();
    }
  }

  /** One value of a tuple: a string (with introducer/prefix), a hex/bit literal, NULL, a number or an expression. */
  private value(i: number): { value: string; e: number; cut?: boolean } {
    const b = this.buf;
    let c = b.charCodeAt(i);
    // Character-set introducer (`_binary '…'`, `_utf8mb4'…'`) or N'…' / E'…' prefixes.
    if (c === 95) {
      const m = /^_[A-Za-z0-9]+\s*(?=')/.exec(b.slice(i, i + 40));
      if (m) {
        i += m[0].length;
        c = 39;
      }
    }
    const up = c | 0x20;
    if ((up === 110 || up === 101) && b.charCodeAt(i + 1) === 39) {
      const r = this.stringValue(i + 1, up === 101 || this.dialect === 'mysql');
      return r;
    }
    if ((up === 120 || up === 98) && b.charCodeAt(i + 1) === 39) {
      const e = this.quotedEnd(i + 1, false);
      const inner = b.slice(i + 2, e - 1);
      return { value: up === 120 ? hexText(inner, `X'${inner}'`) : `b'${inner}'`, e };
    }
    if (c === 48 && (b.charCodeAt(i + 1) | 0x20) === 120) {
      let j = i + 2;
      while (j < b.length && /[0-9a-fA-F]/.test(b[j]!)) j++;
      if (j >= b.length && !this.final) this.need();
      const raw = b.slice(i, j);
      return { value: hexText(raw.slice(2), raw), e: j };
    }
    if (c === 39 || (c === 34 && this.dialect !== 'pg')) {
      return this.stringValue(i, this.dialect === 'mysql');
    }
    const r = this.rawValue(i);
    return { value: r.value.toUpperCase() === 'NULL' ? '' : r.value, e: r.e };
  }

  /** A quoted string value, unescaped. */
  private stringValue(i: number, backslash: boolean): { value: string; e: number; cut?: boolean } {
    const b = this.buf;
    const qs = b[i]!;
    let out = '';
    let j = i + 1;
    for (;;) {
      const k = b.indexOf(qs, j);
      const bs = backslash ? backslashBefore(b, j, k) : -1;
      if (bs !== -1 && (k === -1 || bs < k)) {
        out += b.slice(j, bs);
        if (bs + 1 >= b.length) {
          if (!this.final) this.need();
          return { value: out, e: b.length, cut: true };
        }
        out += unescapeMysql(b[bs + 1]!);
        j = bs + 2;
        continue;
      }
      if (k === -1) {
        this.checkSize(i, b.length, 'a quoted string');
        if (!this.final) this.need();
        return { value: out + b.slice(j), e: b.length, cut: true };
      }
      out += b.slice(j, k);
      if (k + 1 >= b.length && !this.final) this.need();
      if (b[k + 1] === qs) {
        out += qs;
        j = k + 2;
        continue;
      }
      return { value: out, e: k + 1 };
    }
  }

  /** Unquoted value text up to `,` or `)` at depth 0 (numbers, NULL, function calls). */
  private rawValue(i: number): { value: string; e: number } {
    const b = this.buf;
    let depth = 0;
    let j = i;
    while (j < b.length) {
      const c = b.charCodeAt(j);
      if (c === 39 || c === 34) {
        j = this.quotedEnd(j, this.dialect === 'mysql');
        continue;
      }
      if (c === 40) depth++;
      else if (c === 41) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) break;
      else if (c === 59 && depth === 0 && this.state.delimiter === ';') break;
      j++;
    }
    if (j >= b.length && !this.final) this.need();
    return { value: b.slice(i, j).trim(), e: j };
  }

  /** After `COPY … FROM stdin;`: the rest of that line, then data lines. */
  private copyStart(pos: number): Elem {
    const b = this.buf;
    const st = this.state;
    const nl = b.indexOf('\n', pos);
    if (nl === -1 && !this.final) this.need();
    const end = nl === -1 ? b.length : nl + 1;
    st.mode = 'copy';
    return { t: b.slice(pos, end).trim() === '' ? 'ws' : 'text', end, table: st.table, kind: 'data' };
  }

  /** One COPY data line (without its line feed), or the `\.` end marker. */
  private copyLine(pos: number): Elem {
    const b = this.buf;
    const st = this.state;
    if (b.charCodeAt(pos) === 10) return { t: 'ws', end: pos + 1, table: st.table, kind: 'data' };
    let nl = b.indexOf('\n', pos);
    if (nl === -1) {
      this.checkSize(pos, b.length, 'a COPY data line');
      if (!this.final) this.need();
      nl = b.length;
    }
    let line = b.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '\\.') {
      const table = st.table;
      this.closeStatement();
      return { t: 'text', end: nl, table, kind: 'data' };
    }
    const fields = line.split('\t').map(unescapeCopy);
    return { t: 'tuple', end: nl, table: st.table, kind: 'data', fields, columns: st.columns };
  }
}

/**
 * First backslash in b[from, to) (to = -1: to the end), or -1. Bounded by the closing quote so that every string
 * does not scan the rest of a megabyte buffer.
 */
function backslashBefore(b: string, from: number, to: number): number {
  const end = to === -1 ? b.length : to;
  for (let i = from; i < end; i++) if (b.charCodeAt(i) === 92) return i;
  return -1;
}

function unescapeMysql(c: string): string {
  switch (c) {
    case '0':
      return '\u0000';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
      return '\b';
    case 'Z':
      return '\u001a';
    case '%':
      return '\\%';
    case '_':
      return '\\_';
    default:
      return c;
  }
}

const COPY_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** PostgreSQL COPY text format: `\N` is NULL; backslash escapes. */
function unescapeCopy(f: string): string {
  if (f === '\\N') return '';
  if (!f.includes('\\')) return f;
  return f.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/gs, (_m, oct, hex, ch: string | undefined) => {
    if (oct !== undefined) return String.fromCharCode(Number.parseInt(oct, 8));
    if (hex !== undefined) return String.fromCharCode(Number.parseInt(hex, 16));
    return COPY_ESCAPES[ch!] ?? ch!;
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A hex literal as text when its bytes are strict UTF-8 without control characters (a text column dumped as
 * hex, e.g. `mysqldump --hex-blob`); otherwise the literal itself, so that nothing is invented.
 */
export function hexText(hex: string, literal: string): string {
  if (hex.length === 0 || hex.length % 2 !== 0) return literal;
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length * 2 !== hex.length) return literal;
  try {
    const s = STRICT_UTF8.decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f\u007f]/.test(s) ? literal : s;
  } catch {
    return literal;
  }
}
