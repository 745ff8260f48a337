import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as XLSX from '@e965/xlsx';
import { IngestError } from '../../../core/errors.js';
import type { OpenedItem, RowEvent } from '../../source.js';
import { parseInWorker, XLS_LIMITS, xlsReader } from './index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-xls-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WORDS = new Set(['姓名', '身份证号', '日期']);
const hints = { isHeaderWord: (c: string) => WORDS.has(c), looksLikeValue: (c: string) => /\d{6,}/.test(c) };

async function open(p: string, name: string): Promise<OpenedItem[]> {
  const b = await readFile(p);
  return xlsReader.open(
    p,
    { path: name, head: b.subarray(0, 65536), complete: b.length <= 65536 },
    hints,
    {},
  );
}

async function all(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

describe('XLS reader', () => {
  test('BIFF8 workbook: title row, header, numbers-as-text, truncated IDs, dates, hidden sheet', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['2020名单'],
      ['姓名', '身份证号', '日期'],
      ['张三', Number('110101199003077890'), new Date(Date.UTC(2020, 0, 2))],
      ['李四', '11010519491231002X', 43831.5],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '名单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), '隐藏');
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    const p = join(dir, 'a.xls');
    await writeFile(p, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }));
    const items = await open(p, 'a.xls');
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#名单', '#隐藏'],
    );
    const it = items[0]!;
    assert.equal(it.layout.format, 'xls');
    assert.equal(it.layout.encoding, null);
    assert.equal(it.layout.headerLine, 2);
    assert.deepEqual(it.layout.titleLines, [1]);
    assert.deepEqual(
      (await all(it)).map((e) =>
        e.kind === 'record' ? [e.line, ...e.fields] : [e.kind === 'non_record' ? e.reason : 'W', e.line],
      ),
      [
        ['title', 1],
        ['header', 2],
        [3, '张三', '1.10101E+17', '2020-01-02'],
        [4, '李四', '11010519491231002X', '43831.5'],
      ],
    );
    assert.match(items[1]!.layout.delimiterEvidence, /hidden/);
  });

  test('garbage behind the OLE2 magic fails cleanly; the worker time limit stops a slow parse', async () => {
    const p = join(dir, 'bad.xls');
    await writeFile(p, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 7)]));
    await assert.rejects(
      open(p, 'bad.xls'),
      (e: unknown) => e instanceof IngestError && /^bad\.xls: not a readable Excel workbook/.test(e.message),
    );
    await assert.rejects(
      parseInWorker(p, 'slow.xls', { ...XLS_LIMITS, timeoutMs: 1 }),
      /slow\.xls: parsing took longer than 0\.001 s/,
    );
  });

  test('an HTML table saved as .xls is read as a sheet', async () => {
    const p = join(dir, 'h.xls');
    await writeFile(
      p,
      '<html><body><table><tr><td>姓名</td><td>身份证号</td></tr><tr><td>张三</td><td>11010519491231002X</td></tr><tr><td>李四</td><td>110105194912310037</td></tr></table></body></html>',
    );
    const b = await readFile(p);
    assert.ok(xlsReader.sniff({ path: 'h.xls', head: b, complete: true }) >= 0.9);
    const [it] = await open(p, 'h.xls');
    assert.deepEqual(
      (await all(it!)).filter((e) => e.kind === 'record').map((e) => e.kind === 'record' && e.fields),
      [
        ['张三', '11010519491231002X'],
        ['李四', '110105194912310037'],
      ],
    );
  });
});
