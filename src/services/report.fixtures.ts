/**
 * @module services/report.fixtures
 * Helpers for the sampling and report tests: filling a verification workbook as a verifier would, collecting the
 * identifiers of an evidence folder, and finding unmasked ones in a document's text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openEvidence } from '../ingest/readers/index.js';
import { xlsxCells } from '../report/read-back.js';
import { LAYOUT_HINTS } from './analyze-item.js';
import { collectEvidence } from './collect.js';

export const SECTION_TITLES = [
  '一、基本情况',
  '二、检材',
  '三、检验过程',
  '四、分析说明',
  '五、鉴定意见',
  '六、附件',
];

/** Sets 核实结果/核实方法 of every row of a verification workbook. */
export async function fillWorkbook(
  src: string,
  dst: string,
  decide: (id: string, index: number) => string,
  method = '电话核实',
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  const ws = wb.getWorksheet('核实记录')!;
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((c, i) => cols.set(String(c.value), i));
  let i = 0;
  ws.eachRow((row, r) => {
    if (r === 1) return;
    row.getCell(cols.get('核实结果')!).value = decide(String(row.getCell(cols.get('抽样编号')!).value), i++);
    row.getCell(cols.get('核实方法')!).value = method;
  });
  await wb.xlsx.writeFile(dst);
}

/** Every 18-digit resident ID and 11-digit mobile number in any field of any record of the evidence. */
export async function inputIdentifiers(root: string): Promise<{ ids: Set<string>; mobiles: Set<string> }> {
  const ids = new Set<string>();
  const mobiles = new Set<string>();
  // Archive members too: extracted into a scratch folder, as the analysis does.
  const work = await mkdtemp(join(tmpdir(), 'xinjian-ids-'));
  try {
    for (const e of await collectEvidence(root, work, null)) {
      if (e.kind !== 'file' || /\.ya?ml$/.test(e.path)) continue;
      const opened = await openEvidence(e.absPath, e.path, LAYOUT_HINTS);
      for (const t of opened.tables) {
        for await (const ev of t.rows()) {
          if (ev.kind !== 'record') continue;
          for (const f of ev.fields) {
            for (const m of f.matchAll(/(?<!\d)\d{17}[\dXx](?![\dXx])/g)) ids.add(m[0].toUpperCase());
            for (const m of f.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)/g)) mobiles.add(m[0]);
          }
        }
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { ids, mobiles };
}

/** The identifiers of `found` that occur in `text`. */
export function leaks(text: string, found: { ids: Set<string>; mobiles: Set<string> }): string[] {
  const flat = text.replace(/\s+/g, '');
  return [...found.ids, ...found.mobiles].filter((v) => flat.includes(v));
}

/** Everything in an XLSX as one text. */
export async function xlsxText(buf: Buffer): Promise<string> {
  const { cells } = await xlsxCells(buf);
  return [...cells.entries()]
    .map(([name, rows]) => `${name}\n${rows.map((r) => r.join('\t')).join('\n')}`)
    .join('\n');
}
