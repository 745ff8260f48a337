/**
 * @module ingest/readers/xlsx/workbook
 * Streaming XLSX parts: workbook (sheet names, 1904 date system), relationships, styles (which cells are dates),
 * shared strings (kept compactly as UTF-8), and worksheet rows read with the saxes streaming XML parser.
 *
 * Why not exceljs' streaming WorkbookReader (evaluated, 4.4.0): it drops all but the last run of inline rich text,
 * gives NaN row numbers (and crashes) on rows and cells without an `r` attribute, turns every number into a JS
 * float before we can see its stored digits, and inflates entries with no size limit. Here every part goes through
 * `zip.ts` (limits, CRC) and saxes (no DTD entity expansion: an undefined entity is an error).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { formatNumber, isDateFormat, serialToIso } from './cells.js';
import type { SheetRow } from './sheet-layout.js';
import { readZipDirectory, readZipEntry, type ZipEntry, ZipError } from './zip.js';

export interface SheetInfo {
  readonly name: string;
  readonly state: string;
  readonly entry: ZipEntry;
}

export interface Workbook {
  readonly sheets: readonly SheetInfo[];
  readonly skipped: readonly string[];
  readonly date1904: boolean;
  readonly strings: SharedStrings;
  /** Style index → true when the cell format shows a date. */
  readonly dateStyles: readonly boolean[];
}

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;
const SMALL_PART = 64 * 1024 ** 2;

/** Shared strings as one UTF-8 buffer with offsets: a million strings cost megabytes, not a million objects. */
export class SharedStrings {
  private buf = Buffer.alloc(1 << 16);
  private used = 0;
  private offsets = new Float64Array(1024);
  count = 0;

  push(s: string): void {
    const need = Buffer.byteLength(s);
    if (this.used + need > this.buf.length) {
      const next = Buffer.alloc(Math.max(this.buf.length * 2, this.used + need));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    this.buf.write(s, this.used);
    if (this.count + 2 > this.offsets.length) {
      const next = new Float64Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.offsets[this.count] = this.used;
    this.used += need;
    this.count++;
    this.offsets[this.count] = this.used;
  }

  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.buf.toString('utf8', this.offsets[i]!, this.offsets[i + 1]!);
  }
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const a = tag.attributes as Record<string, string>;
  if (a[name] !== undefined) return a[name];
  for (const k of Object.keys(a)) if (local(k) === name) return a[k];
  return undefined;
}

function newParser(): SaxesParser {
  return new SaxesParser({ position: true });
}

/** Feeds a part's bytes to a parser; `after` runs after each chunk (to hand on what was collected). */
async function* parsePart(path: string, entry: ZipEntry, parser: SaxesParser): AsyncGenerator<void> {
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of readZipEntry(path, entry)) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (error) throw new ZipError(`${entry.name}: XML error: ${(error as Error).message}`);
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  if (error) throw new ZipError(`${entry.name}: XML error: ${(error as Error).message}`);
  yield;
}

async function parseSmall(path: string, entry: ZipEntry, on: (p: SaxesParser) => void): Promise<void> {
  if (entry.size > SMALL_PART) throw new ZipError(`${entry.name} is ${entry.size} bytes: implausibly large`);
  const p = newParser();
  on(p);
  for await (const _ of parsePart(path, entry, p)) {
    // collected by the handlers
  }
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

async function readRels(
  path: string,
  entry: ZipEntry | undefined,
): Promise<{ id: string; type: string; target: string }[]> {
  if (!entry) return [];
  const out: { id: string; type: string; target: string }[] = [];
  await parseSmall(path, entry, (p) =>
    p.on('opentag', (t) => {
      if (local(t.name) === 'Relationship')
        out.push({ id: attr(t, 'Id') ?? '', type: attr(t, 'Type') ?? '', target: attr(t, 'Target') ?? '' });
    }),
  );
  return out;
}

/** Opens the workbook parts (everything except the sheet rows). */
export async function openWorkbook(path: string): Promise<Workbook> {
  const entries = await readZipDirectory(path);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const rootRels = await readRels(path, byName.get('_rels/.rels'));
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const wbPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const wbEntry = byName.get(wbPath);
  if (!wbEntry) throw new ZipError(`no workbook part (${wbPath}): not an XLSX workbook`);
  const relsPath = `${wbPath.split('/').slice(0, -1).join('/')}/_rels/${wbPath.split('/').pop()}.rels`;
  const rels = await readRels(path, byName.get(relsPath));
  const relById = new Map(rels.map((r) => [r.id, r]));

  const declared: { name: string; rid: string; state: string }[] = [];
  let date1904 = false;
  await parseSmall(path, wbEntry, (p) =>
    p.on('opentag', (t) => {
      const n = local(t.name);
      if (n === 'sheet')
        declared.push({
          name: attr(t, 'name') ?? '',
          rid: attr(t, 'id') ?? '',
          state: attr(t, 'state') ?? 'visible',
        });
      else if (n === 'workbookPr') {
        const v = attr(t, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    }),
  );
  const sheets: SheetInfo[] = [];
  const skipped: string[] = [];
  for (const d of declared) {
    const rel = relById.get(d.rid);
    const target = rel ? resolveTarget(wbPath, rel.target) : undefined;
    const entry = target ? byName.get(target) : undefined;
    if (!rel || !entry || !rel.type.endsWith('/worksheet')) {
      skipped.push(d.name);
      continue;
    }
    sheets.push({ name: d.name, state: d.state, entry });
  }

  const find = (type: string) => {
    const r = rels.find((x) => x.type.endsWith(type));
    return r ? byName.get(resolveTarget(wbPath, r.target)) : undefined;
  };
  const strings = new SharedStrings();
  const sst = find('/sharedStrings');
  if (sst) await readSharedStrings(path, sst, strings);
  const dateStyles: boolean[] = [];
  const styles = find('/styles');
  if (styles) {
    const custom = new Map<number, string>();
    let inXfs = false;
    await parseSmall(path, styles, (p) => {
      p.on('opentag', (t) => {
        const n = local(t.name);
        if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs) dateStyles.push(isDateFormat(Number(attr(t, 'numFmtId') ?? 0), custom));
      });
      p.on('closetag', (t) => {
        if (local(t.name) === 'cellXfs') inXfs = false;
      });
    });
  }
  return { sheets, skipped, date1904, strings, dateStyles };
}

async function readSharedStrings(path: string, entry: ZipEntry, out: SharedStrings): Promise<void> {
  const p = newParser();
  let text = '';
  let inT = false;
  let inPh = 0;
  p.on('opentag', (t) => {
    const n = local(t.name);
    if (n === 'si') text = '';
    else if (n === 't') inT = true;
    else if (n === 'rPh') inPh++;
  });
  p.on('text', (s) => {
    if (inT && inPh === 0) text += s;
  });
  p.on('closetag', (t) => {
    const n = local(t.name);
    if (n === 't') inT = false;
    else if (n === 'rPh') inPh--;
    else if (n === 'si') out.push(text);
  });
  for await (const _ of parsePart(path, entry, p)) {
    // strings are pushed by the handlers
  }
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

/**
 * Streams the rows of one worksheet (stored rows only, ascending). Throws ZipError (caller adds the item name) for
 * damaged XML, row numbers out of order or out of Excel's range.
 */
export async function* sheetRows(path: string, wb: Workbook, sheet: SheetInfo): AsyncGenerator<SheetRow> {
  const p = newParser();
  const ready: SheetRow[] = [];
  let inData = false;
  let rowNo = 0;
  let cells: string[] | null = null;
  let col = -1;
  let type = 'n';
  let style = 0;
  let v: string | null = null;
  let inline = '';
  let inV = false;
  let inIs = false;
  let inT = false;
  let inPh = 0;
  let problem: string | null = null;
  p.on('opentag', (t) => {
    const n = local(t.name);
    if (n === 'sheetData') inData = true;
    else if (!inData) return;
    else if (n === 'row') {
      const r = attr(t, 'r');
      const no = r === undefined ? rowNo + 1 : Number(r);
      if (!Number.isInteger(no) || no < 1 || no > MAX_ROWS)
        problem ??= `row number ${r} is outside 1–${MAX_ROWS}`;
      else if (no <= rowNo) problem ??= `row ${no} comes after row ${rowNo} (rows out of order)`;
      rowNo = no;
      cells = [];
      col = -1;
    } else if (n === 'c' && cells) {
      const ref = attr(t, 'r');
      const c = ref ? columnIndex(ref) : col + 1;
      if (c < 0 || c >= MAX_COLUMNS) problem ??= `cell ${ref} is outside Excel's columns`;
      else if (c <= col) problem ??= `cell ${ref} of row ${rowNo} comes after column ${col + 1}`;
      col = c;
      type = attr(t, 't') ?? 'n';
      style = Number(attr(t, 's') ?? 0);
      v = null;
      inline = '';
    } else if (n === 'v') {
      inV = true;
      v = '';
    } else if (n === 'is') inIs = true;
    else if (n === 't' && inIs) inT = true;
    else if (n === 'rPh') inPh++;
  });
  p.on('text', (s) => {
    if (inV) v += s;
    else if (inT && inPh === 0) inline += s;
  });
  p.on('closetag', (t) => {
    const n = local(t.name);
    if (n === 'sheetData') inData = false;
    if (!inData) return;
    if (n === 'v') inV = false;
    else if (n === 't') inT = false;
    else if (n === 'is') inIs = false;
    else if (n === 'rPh') inPh--;
    else if (n === 'c' && cells && col >= 0 && col < MAX_COLUMNS) {
      if (type === 's' && v !== null && wb.strings.get(Number(v)) === undefined)
        problem ??= `row ${rowNo}: shared string ${v} does not exist (damaged workbook)`;
      const text = cellText(wb, type, style, v, inline);
      if (text !== '') {
        while (cells.length < col) cells.push('');
        cells[col] = text;
      }
    } else if (n === 'row' && cells) {
      ready.push({ row: rowNo, cells });
      cells = null;
    }
  });
  for await (const _ of parsePart(path, sheet.entry, p)) {
    if (problem) throw new ZipError(problem);
    while (ready.length > 0) yield ready.shift()!;
  }
  if (problem) throw new ZipError(problem);
  while (ready.length > 0) yield ready.shift()!;
}

function cellText(wb: Workbook, type: string, style: number, v: string | null, inline: string): string {
  switch (type) {
    case 's': {
      if (v === null) return '';
      return wb.strings.get(Number(v)) ?? '';
    }
    case 'inlineStr':
      return inline;
    case 'str':
      return v ?? '';
    case 'b':
      return v === null ? '' : v.trim() === '1' || v.trim() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return v ?? '';
    case 'd':
      return v ?? '';
    default: {
      if (v === null || v.trim() === '') return '';
      if (wb.dateStyles[style]) {
        const x = Number(v);
        if (Number.isFinite(x)) return serialToIso(x, wb.date1904);
      }
      return formatNumber(v);
    }
  }
}
