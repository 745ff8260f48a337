/**
 * @module ingest/readers/json/walker
 * Finds the records in a stream of JSON tokens and flattens each one to named fields.
 *
 * Which values are records (the plan):
 * - `top`: every element of a top-level array is one record; a top-level object or scalar that is not inside an
 *   array is one record too (concatenated JSON, or NDJSON-like `.json`);
 * - `paths`: a single top-level object wraps the data (`{"code":0,"data":{"list":[…]}}`): every array reached
 *   through object keys only whose first element is an object or array is a record array (one item each, named by
 *   its dotted path); the rest of the object is wrapper text, not records;
 * - `whole`: a single top-level object with no record array is itself one record.
 *
 * Flattening: nested keys are joined with dots (`user.name`); array elements are indexed (`phones[0]`,
 * `orders[1].id`), so that two phone numbers stay two typed values; a scalar record has one column `value`;
 * JSON null is an empty field, true/false stay `true`/`false`, numbers keep the digits as written.
 * A key that repeats inside one record (or collides after flattening) gets a column `key#2`, with a warning.
 */
import type { JsonSink } from './tokenizer.js';

export type Plan = { kind: 'top' } | { kind: 'whole' } | { kind: 'paths'; paths: ReadonlySet<string> | null };

export interface RecordOut {
  /** Item key: the record array's path for `paths`, '' otherwise. */
  readonly item: string;
  readonly fields: Map<string, string>;
  readonly line: number;
  readonly endLine: number;
  readonly duplicates: readonly string[];
}

export interface WalkerEvents {
  record(r: RecordOut): void;
  /** A record array was entered (for `paths` discovery). */
  region?(path: string): void;
  /** Per line end: which items' regions touched the line, whether any token lay outside regions and records. */
  lineEnd?(line: number, info: LineInfo): void;
}

export interface LineInfo {
  /** Items whose records cover this line (a record starts on or spans it). */
  readonly covered: ReadonlySet<string>;
  /** Items whose record-array syntax (`[`, `,`, `]`) is on this line. */
  readonly region: ReadonlySet<string>;
  /** A token outside every record array is on this line. */
  readonly wrapper: boolean;
  /** The record array that is open at the end of this line (its blank lines belong to it). */
  readonly inside: string | null;
}

interface WFrame {
  readonly kind: 'object' | 'array';
  /** Dotted path (objects only reached through keys); null once an array is passed. */
  readonly path: string | null;
  /** This array holds records of this item key. */
  readonly records: string | null;
  /** Array element count so far. */
  count: number;
  key: string | null;
}

interface RFrame {
  readonly kind: 'object' | 'array';
  readonly name: string;
  index: number;
  key: string | null;
}

export class RecordWalker implements JsonSink {
  private readonly plan: Plan;
  private readonly ev: WalkerEvents;
  private readonly lineOf: () => number;
  private wstack: WFrame[] = [];
  private rstack: RFrame[] = [];
  private rec: { item: string; fields: Map<string, string>; line: number; dups: string[] } | null = null;
  /** Line-level marks (the last line reached by each kind of mark). */
  private covered = new Map<string, number>();
  private region = new Map<string, number>();
  private wrapperLine = 0;

  constructor(plan: Plan, ev: WalkerEvents, lineOf: () => number) {
    this.plan = plan;
    this.ev = ev;
    this.lineOf = lineOf;
  }

  /** Ends a record cut off by the end of a truncated text; false when none was open. */
  flushPending(): boolean {
    if (!this.rec) return false;
    this.finishRecord(this.lineOf());
    return true;
  }

  private markCovered(item: string, until: number) {
    if ((this.covered.get(item) ?? 0) < until) this.covered.set(item, until);
  }

  /** A token outside records: region syntax of the current record array, or wrapper text. */
  private markOutside(line: number): void {
    const f = this.wstack.at(-1);
    if (f?.records != null) this.region.set(f.records, line);
    else this.wrapperLine = line;
  }

  /** Called by the tokenizer driver for punctuation (`,` `:`) so that lines holding only those are accounted. */
  punct(line: number): void {
    if (this.rec) this.markCovered(this.rec.item, line);
    else this.markOutside(line);
  }

  /** Is a value starting here a record? Returns the item key, or null. */
  private recordItem(): string | null {
    const f = this.wstack.at(-1);
    if (!f) return this.plan.kind === 'paths' ? null : '';
    if (f.records !== null) return f.records;
    return null;
  }

  private fieldName(): string {
    const f = this.rstack.at(-1);
    if (!f) return 'value';
    if (f.kind === 'array') return `${f.name}[${f.index++}]`;
    return f.name === '' ? (f.key ?? '') : `${f.name}.${f.key ?? ''}`;
  }

  private set(name: string, value: string): void {
    const r = this.rec!;
    let n = name;
    if (r.fields.has(n)) {
      let k = 2;
      while (r.fields.has(`${name}#${k}`)) k++;
      n = `${name}#${k}`;
      r.dups.push(name);
    }
    r.fields.set(n, value);
  }

  private finishRecord(line: number): void {
    const r = this.rec!;
    this.rec = null;
    this.markCovered(r.item, line);
    this.ev.record({ item: r.item, fields: r.fields, line: r.line, endLine: line, duplicates: r.dups });
  }

  open(kind: 'object' | 'array', line: number): void {
    if (!this.rec) this.discoverBeforeOpen();
    if (this.rec) {
      const name = this.fieldName();
      this.rstack.push({ kind, name, index: 0, key: null });
      this.markCovered(this.rec.item, line);
      return;
    }
    const item = this.recordItem();
    if (item !== null) {
      // `top`: a top-level array holds records; it is not one.
      if (this.wstack.length === 0 && kind === 'array' && this.plan.kind === 'top') {
        this.wstack.push({ kind, path: null, records: '', count: 0, key: null });
        this.region.set('', line);
        return;
      }
      this.countElement();
      this.rec = { item, fields: new Map(), line, dups: [] };
      this.rstack = [{ kind, name: '', index: 0, key: null }];
      this.markCovered(item, line);
      return;
    }
    // Wrapper container.
    const parent = this.wstack.at(-1);
    let path: string | null = null;
    if (!parent) path = '';
    else if (parent.kind === 'object' && parent.path !== null)
      path = parent.path === '' ? (parent.key ?? '') : `${parent.path}.${parent.key ?? ''}`;
    if (parent) parent.count++;
    let records: string | null = null;
    if (kind === 'array' && path !== null && path !== '' && this.plan.kind === 'paths') {
      if (this.plan.paths?.has(path)) records = path;
    }
    this.wstack.push({ kind, path, records: null, count: 0, key: null });
    if (records !== null) this.setRecords(records, line);
    else this.markOutside(line);
  }

  private setRecords(path: string, line: number): void {
    const f = this.wstack.pop()!;
    this.wstack.push({ ...f, records: path });
    this.region.set(path, line);
    this.ev.region?.(path);
  }

  /** `paths` discovery: an array at a key path whose first element is an object/array becomes a record array. */
  private countElement(): void {
    const f = this.wstack.at(-1);
    if (f) f.count++;
  }

  close(kind: 'object' | 'array', line: number): void {
    if (this.rec) {
      this.rstack.pop();
      this.markCovered(this.rec.item, line);
      if (this.rstack.length === 0) this.finishRecord(line);
      return;
    }
    this.markOutside(line);
    this.wstack.pop();
    void kind;
  }

  key(name: string): void {
    if (this.rec) {
      this.rstack.at(-1)!.key = name;
      return;
    }
    const f = this.wstack.at(-1);
    if (f) f.key = name;
    this.markOutside(this.lineOf());
  }

  scalar(text: string | null, line: number): void {
    if (this.rec) {
      this.set(this.fieldName(), text ?? '');
      this.markCovered(this.rec.item, line);
      return;
    }
    const item = this.recordItem();
    if (item !== null) {
      this.countElement();
      this.rec = { item, fields: new Map(), line, dups: [] };
      this.rstack = [];
      this.set('value', text ?? '');
      this.finishRecord(line);
      return;
    }
    const f = this.wstack.at(-1);
    if (f) f.count++;
    this.markOutside(line);
  }

  /** Discovery helper: before a value opens inside a wrapper array, may turn that array into a record array. */
  discoverBeforeOpen(): void {
    if (this.rec || this.plan.kind !== 'paths' || this.plan.paths !== null) return;
    const f = this.wstack.at(-1);
    if (f?.kind !== 'array' || f.records !== null || f.count > 0) return;
    const parent = this.wstack.at(-2);
    if (parent?.kind !== 'object' || parent.path === null) return;
    const path = parent.path === '' ? (parent.key ?? '') : `${parent.path}.${parent.key ?? ''}`;
    this.setRecords(path, this.lineOf());
  }

  newline(line: number): void {
    if (!this.ev.lineEnd) return;
    const covered = new Set<string>();
    for (const [k, v] of this.covered) if (v >= line) covered.add(k);
    if (this.rec) covered.add(this.rec.item);
    const region = new Set<string>();
    for (const [k, v] of this.region) if (v >= line) region.add(k);
    const f = this.wstack.at(-1);
    const inside = f?.records ?? null;
    this.ev.lineEnd(line, { covered, region, wrapper: this.wrapperLine >= line, inside });
  }
}
