/**
 * @module report/verification-workbook
 * The verification workbook (核实表) of a sample: the drawn records with their full values and source positions,
 * columns for the verifier (核实结果 真实 / 不真实 / 无法核实, 核实方法, 核实人, 备注), and the sample design
 * (seed, parameters, design checksum) so that an import can refuse a workbook of another sample. The only
 * document with unmasked values: it is case work product, kept like the evidence.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ForensicError } from '../core/errors.js';
import { fixCoreDates, normalizeZip } from './zip.js';

export const RECORDS_SHEET = '核实记录';
export const DESIGN_SHEET = '抽样设计';
export const GUIDE_SHEET = '填写说明';
/** Rows per records sheet (Excel's limit is 1,048,576 including the header). */
export const ROWS_PER_SHEET = 1_000_000;

export const RESULT_HEADER = '核实结果';
export const METHOD_HEADER = '核实方法';
export const VERIFIER_HEADER = '核实人';
export const NOTE_HEADER = '备注';
export const RESULT_VALUES = ['真实', '不真实', '无法核实'] as const;
export const METHOD_SUGGESTIONS = ['电话核实', '人口信息系统比对', '被害人陈述', '其他'] as const;

export interface WorkbookRow {
  readonly no: number;
  readonly id: string;
  readonly stratum: string;
  readonly holder: string;
  readonly category: string;
  readonly item: string;
  readonly line: number;
  readonly order_key: string;
  /** Full values of the main identifiers (first of each type in the record). */
  readonly resident_id: string;
  readonly mobile: string;
  readonly name: string;
  /** The whole record, `header：value；…`. */
  readonly record: string;
}

export interface WorkbookDesign {
  readonly caseName: string;
  readonly seed: string;
  readonly designSha256: string;
  readonly summarySha256: string;
  /** Key–value lines shown in the design sheet (parameters, procedure). */
  readonly fields: readonly (readonly [string, string])[];
  /** Tables shown below (domains, strata). */
  readonly tables: readonly {
    readonly title: string;
    readonly header: readonly string[];
    readonly rows: readonly (readonly (string | number)[])[];
  }[];
  /** The analysis time: the workbook's only timestamp. */
  readonly time: string;
}

const RECORD_COLUMNS: readonly { header: string; key: keyof WorkbookRow | null; width: number }[] = [
  { header: '序号', key: 'no', width: 7 },
  { header: '抽样编号', key: 'id', width: 10 },
  { header: '层', key: 'stratum', width: 6 },
  { header: '持有人', key: 'holder', width: 10 },
  { header: '类别', key: 'category', width: 16 },
  { header: '检材', key: 'item', width: 36 },
  { header: '行号', key: 'line', width: 8 },
  { header: '排序键', key: 'order_key', width: 20 },
  { header: '公民身份号码', key: 'resident_id', width: 21 },
  { header: '手机号码', key: 'mobile', width: 14 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '记录全文', key: 'record', width: 80 },
  { header: RESULT_HEADER, key: null, width: 10 },
  { header: METHOD_HEADER, key: null, width: 16 },
  { header: VERIFIER_HEADER, key: null, width: 10 },
  { header: NOTE_HEADER, key: null, width: 30 },
];

const SEED_LABEL = '种子';
const DESIGN_LABEL = '设计校验值';

function colLetter(i: number): string {
  let s = '';
  let n = i + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Writes the workbook (streaming, any number of rows), deterministic for the same input. */
export async function writeVerificationWorkbook(
  design: WorkbookDesign,
  rows: readonly WorkbookRow[],
): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: true,
  });
  const when = new Date(design.time);
  wb.creator = 'xinjian';
  wb.lastModifiedBy = 'xinjian';
  wb.created = when;
  wb.modified = when;

  const sheets = Math.max(1, Math.ceil(rows.length / ROWS_PER_SHEET));
  const resultCol = RECORD_COLUMNS.findIndex((c) => c.header === RESULT_HEADER);
  const methodCol = RECORD_COLUMNS.findIndex((c) => c.header === METHOD_HEADER);
  for (let s = 0; s < sheets; s++) {
    const part = rows.slice(s * ROWS_PER_SHEET, (s + 1) * ROWS_PER_SHEET);
    const ws = wb.addWorksheet(s === 0 ? RECORDS_SHEET : `${RECORDS_SHEET}${s + 1}`, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    });
    ws.columns = RECORD_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    if (part.length > 0) {
      const last = part.length + 1;
      // The streaming sheet has dataValidations at run time; exceljs's typings only declare it on Worksheet.
      const dv = (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations;
      dv.add(`${colLetter(resultCol)}2:${colLetter(resultCol)}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${RESULT_VALUES.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '核实结果',
        error: `只能填写：${RESULT_VALUES.join('、')}`,
      });
      dv.add(`${colLetter(methodCol)}2:${colLetter(methodCol)}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${METHOD_SUGGESTIONS.join(',')}"`],
        showErrorMessage: false,
      });
    }
    for (const r of part) {
      // Every value is written as text (identifiers must never become numbers), except the row number and line.
      ws.addRow(
        RECORD_COLUMNS.map((c) =>
          c.key === null ? null : c.key === 'no' || c.key === 'line' ? r[c.key] : String(r[c.key]),
        ),
      ).commit();
    }
    ws.commit();
  }

  const ds = wb.addWorksheet(DESIGN_SHEET);
  ds.columns = [
    { header: '项目', width: 24 },
    { header: '内容', width: 100 },
  ];
  ds.getRow(1).font = { bold: true };
  ds.addRow(['案件', design.caseName]).commit();
  ds.addRow([SEED_LABEL, design.seed]).commit();
  ds.addRow([DESIGN_LABEL, design.designSha256]).commit();
  ds.addRow(['summary.json SHA-256', design.summarySha256]).commit();
  for (const [k, v] of design.fields) ds.addRow([k, v]).commit();
  for (const t of design.tables) {
    ds.addRow([]).commit();
    ds.addRow([t.title]).commit();
    ds.addRow([...t.header]).commit();
    for (const r of t.rows) ds.addRow([...r]).commit();
  }
  ds.commit();

  const gs = wb.addWorksheet(GUIDE_SHEET);
  gs.columns = [{ header: '填写说明', width: 120 }];
  gs.getRow(1).font = { bold: true };
  for (const line of [
    `1. 在“${RECORDS_SHEET}”表的“${RESULT_HEADER}”列逐行填写：${RESULT_VALUES.join(' / ')}（不得留空）。`,
    `2. “${METHOD_HEADER}”填写所用方法（如 ${METHOD_SUGGESTIONS.join('、')}），“${VERIFIER_HEADER}”填写核实人，“${NOTE_HEADER}”可写说明。`,
    '3. 不要增删行，不要修改序号、抽样编号、检材、行号、排序键与“抽样设计”表；可以排序或筛选。',
    '4. 填好后运行：xinjian sample import --out <输出目录> <本文件>。种子、设计校验值或任何一行与抽样不符的文件将被拒绝。',
    '5. “无法核实”在统计时按“不真实”计（有利于被告人）。',
    '6. 本表含完整的公民个人信息，须按证据材料保管，不得外传。',
  ])
    gs.addRow([line]).commit();
  gs.commit();

  await wb.commit();
  await done;
  return normalizeZip(Buffer.concat(chunks), design.time, (name, data) =>
    name === 'docProps/core.xml'
      ? Buffer.from(fixCoreDates(data.toString('utf8'), design.time), 'utf8')
      : data,
  );
}

export interface FilledRow {
  /** Row in its sheet (for messages). */
  readonly sheet: string;
  readonly row: number;
  readonly no: string;
  readonly id: string;
  readonly item: string;
  readonly line: string;
  readonly order_key: string;
  readonly result: string;
  readonly method: string;
  readonly verifier: string;
}

export interface FilledWorkbook {
  readonly seed: string | null;
  readonly designSha256: string | null;
  readonly rows: readonly FilledRow[];
}

function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return String(v.result ?? '').trim();
  }
  return String(c.text ?? '').trim();
}

/** Reads a filled workbook (as saved by Excel, WPS or LibreOffice). */
export async function readVerificationWorkbook(buf: Buffer, name: string): Promise<FilledWorkbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new ForensicError('CONFIG', `${name}: not a readable XLSX workbook (${(e as Error).message})`);
  }
  const design = wb.getWorksheet(DESIGN_SHEET);
  let seed: string | null = null;
  let designSha256: string | null = null;
  design?.eachRow((row) => {
    const k = cellText(row.getCell(1));
    if (k === SEED_LABEL && seed === null) seed = cellText(row.getCell(2));
    if (k === DESIGN_LABEL && designSha256 === null) designSha256 = cellText(row.getCell(2));
  });
  const rows: FilledRow[] = [];
  const sheets = wb.worksheets.filter((w) => w.name === RECORDS_SHEET || /^核实记录\d+$/.test(w.name));
  if (sheets.length === 0) throw new ForensicError('CONFIG', `${name}: no sheet named ${RECORDS_SHEET}`);
  for (const ws of sheets) {
    const header = ws.getRow(1);
    const col = new Map<string, number>();
    header.eachCell((c, i) => col.set(cellText(c), i));
    for (const h of ['序号', '抽样编号', '检材', '行号', '排序键', RESULT_HEADER]) {
      if (!col.has(h)) throw new ForensicError('CONFIG', `${name}: sheet ${ws.name} has no column ${h}`);
    }
    const get = (row: ExcelJS.Row, h: string) => (col.has(h) ? cellText(row.getCell(col.get(h)!)) : '');
    ws.eachRow((row, i) => {
      if (i === 1) return;
      const r: FilledRow = {
        sheet: ws.name,
        row: i,
        no: get(row, '序号'),
        id: get(row, '抽样编号'),
        item: get(row, '检材'),
        line: get(row, '行号'),
        order_key: get(row, '排序键'),
        result: get(row, RESULT_HEADER),
        method: get(row, METHOD_HEADER),
        verifier: get(row, VERIFIER_HEADER),
      };
      if (r.no || r.id || r.item || r.line || r.order_key || r.result) rows.push(r);
    });
  }
  return { seed, designSha256, rows };
}
