import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { IngestError } from '../../../core/errors.js';
import type { LayoutHints, OpenedItem, RowEvent } from '../../source.js';
import { excelScientific, formatNumber, isDateFormatCode, serialToIso } from './cells.js';
import { xlsxReader } from './index.js';
import { readZipDirectory, readZipEntry } from './zip.js';

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-xlsx-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const WORDS = new Set(['姓名', '身份证号', '手机号', '入住时间', '备注']);
const hints: LayoutHints = {
  isHeaderWord: (c) => WORDS.has(c.trim()),
  looksLikeValue: (c) => /\d{6,}/.test(c),
};

async function openPath(p: string, name = 'book.xlsx'): Promise<OpenedItem[]> {
  const bytes = await readFile(p);
  return xlsxReader.open(
    p,
    { path: name, head: bytes.subarray(0, 65536), complete: bytes.length <= 65536 },
    hints,
    {},
  );
}

async function all(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

interface ZipPart {
  readonly name: string;
  readonly data: Buffer;
  readonly store?: boolean;
  /** Declared uncompressed size, when it should lie. */
  readonly declared?: number;
  readonly badCrc?: boolean;
}

/** A minimal ZIP writer for hand-made (and hostile) workbooks. */
function makeZip(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const body = p.store ? p.data : deflateRawSync(p.data);
    const crc = (crc32(p.data) ^ (p.badCrc ? 1 : 0)) >>> 0;
    const size = p.declared ?? p.data.length;
    const loc = Buffer.alloc(30);
    loc.writeUInt32LE(0x04034b50, 0);
    loc.writeUInt16LE(20, 4);
    loc.writeUInt16LE(0x800, 6);
    loc.writeUInt16LE(p.store ? 0 : 8, 8);
    loc.writeUInt32LE(crc, 14);
    loc.writeUInt32LE(body.length, 18);
    loc.writeUInt32LE(size, 22);
    loc.writeUInt16LE(name.length, 26);
    locals.push(loc, name, body);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(p.store ? 0 : 8, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(body.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function handmade(
  sheetXml: string,
  extra: { sst?: string; styles?: string; date1904?: boolean } = {},
): ZipPart[] {
  const rels = [
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>',
  ];
  if (extra.sst)
    rels.push(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>',
    );
  if (extra.styles)
    rels.push(
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    );
  const parts: ZipPart[] = [
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0"?><workbook ${NS} ${RNS}>${extra.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml) },
  ];
  if (extra.sst) parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(extra.sst) });
  if (extra.styles) parts.push({ name: 'xl/styles.xml', data: Buffer.from(extra.styles) });
  return parts;
}

async function writeZip(parts: readonly ZipPart[]): Promise<string> {
  const p = join(dir, `h${n++}.xlsx`);
  await writeFile(p, makeZip(parts));
  return p;
}

describe('cell texts', () => {
  test('numbers: exact below 10^15, Excel scientific display from 16 digits on, 15 significant digits', () => {
    assert.equal(formatNumber('13800138000'), '13800138000');
    assert.equal(formatNumber('110105491231002'), '110105491231002');
    assert.equal(formatNumber('110101199003077890'), '1.10101E+17');
    assert.equal(formatNumber('1.10101199003077E+17'), '1.10101E+17');
    assert.equal(formatNumber(Number('6222021234567890123')), '6.22202E+18');
    assert.equal(formatNumber('0.30000000000000004'), '0.3');
    assert.equal(formatNumber('116.397128'), '116.397128');
    assert.equal(formatNumber('-12'), '-12');
    assert.equal(formatNumber('1E-7'), '1E-07');
    assert.equal(excelScientific(1e15), '1E+15');
  });

  test('dates: 1900 system with its leap-year bug, 1904 system, times', () => {
    assert.equal(serialToIso(1, false), '1900-01-01');
    assert.equal(serialToIso(61, false), '1900-03-01');
    assert.equal(serialToIso(43831, false), '2020-01-01');
    assert.equal(serialToIso(43831.5, false), '2020-01-01T12:00:00');
    assert.equal(serialToIso(0, true), '1904-01-01');
    assert.equal(serialToIso(0.25, false), '06:00:00');
    assert.ok(isDateFormatCode('yyyy"年"m"月"d"日"'));
    assert.ok(isDateFormatCode('[$-804]yyyy/m/d h:mm'));
    assert.ok(!isDateFormatCode('0.00'));
    assert.ok(!isDateFormatCode('0"元"'));
    assert.ok(!isDateFormatCode('General'));
  });
});

describe('XLSX reader', () => {
  test('exceljs workbook: merged title, header, repeated header, blank row, dates, formula, rich text, IDs as numbers', async () => {
    const p = join(dir, 'ex.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['2020年某酒店入住名单']);
    ws.mergeCells('A1:E1');
    ws.addRow(['姓名', '身份证号', '手机号', '入住时间', '备注']);
    ws.addRow([
      '张三',
      '11010519491231002X',
      '13800138000',
      new Date(Date.UTC(2020, 2, 1, 8, 30)),
      { richText: [{ text: '富' }, { font: { bold: true }, text: '文本' }] },
    ]);
    ws.addRow([]);
    ws.addRow([
      '李四',
      Number('110105194912310037'),
      13900139000,
      new Date(Date.UTC(2021, 0, 2)),
      { formula: '1+1', result: 2 },
    ]);
    ws.addRow(['姓名', '身份证号', '手机号', '入住时间', '备注']);
    ws.addRow(['王五', '0012', 0.1 + 0.2, true, { text: '链接', hyperlink: 'http://example.invalid' }]);
    ws.getCell('D3').numFmt = 'yyyy-mm-dd hh:mm';
    ws.getCell('D5').numFmt = 'yyyy"年"m"月"d"日"';
    wb.addWorksheet('空表');
    await wb.xlsx.writeFile(p);
    const items = await openPath(p);
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#名单', '#空表'],
    );
    const it = items[0]!;
    assert.equal(it.layout.format, 'xlsx');
    assert.equal(it.layout.encoding, null);
    assert.equal(it.layout.headerLine, 2);
    assert.deepEqual(it.layout.titleLines, [1]);
    assert.deepEqual(it.layout.header, ['姓名', '身份证号', '手机号', '入住时间', '备注']);
    const ev = await all(it);
    assert.deepEqual(
      ev.map((e) =>
        e.kind === 'record' ? ['R', e.line, ...e.fields] : [e.kind === 'non_record' ? e.reason : 'W', e.line],
      ),
      [
        ['title', 1],
        ['header', 2],
        ['R', 3, '张三', '11010519491231002X', '13800138000', '2020-03-01T08:30:00', '富文本'],
        ['blank', 4],
        ['R', 5, '李四', '1.10105E+17', '13900139000', '2021-01-02', '2'],
        ['repeated_header', 6],
        ['R', 7, '王五', '0012', '0.3', 'TRUE', '链接'],
      ],
    );
    assert.deepEqual(await all(items[1]!), []);
  });

  test('hand-made sheet: rows and cells without r, gaps, inline rich text with phonetics, prefixes, 1904 dates', async () => {
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:t>入住时间</x:t></x:is></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">三 </x:t></x:r><x:rPh><x:t>ちょう</x:t></x:rPh></x:is></x:c><x:c><x:v>13800138000</x:v></x:c><x:c s="1"><x:v>0</x:v></x:c></x:row>
<x:row r="5"><x:c r="B5" t="b"><x:v>0</x:v></x:c><x:c r="C5" t="e"><x:v>#N/A</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;
    const sst = `<?xml version="1.0"?><sst ${NS}><si><r><t>手机</t></r><r><t>号</t></r></si></sst>`;
    const styles = `<?xml version="1.0"?><styleSheet ${NS}><numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/></cellXfs></styleSheet>`;
    const p = await writeZip(handmade(sheet, { sst, styles, date1904: true }));
    const [it] = await openPath(p);
    assert.deepEqual(it!.layout.header, ['姓名', '手机号', '入住时间']);
    const ev = await all(it!);
    assert.deepEqual(
      ev.map((e) =>
        e.kind === 'record' ? [e.line, ...e.fields] : [e.kind === 'non_record' ? e.reason : 'W', e.line],
      ),
      [
        ['header', 1],
        [2, '张三 ', '13800138000', '1904-01-01'],
        ['blank', 3],
        ['blank', 4],
        [5, '', 'FALSE', '#N/A'],
      ],
    );
  });

  test('XML entity expansion (billion laughs) fails the item with a clear error', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet ${NS}><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const p = await writeZip(handmade(bomb));
    await assert.rejects(openPath(p, 'lol.xlsx'), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.match(e.message, /^lol\.xlsx#名单: .*XML error/);
      return true;
    });
  });

  test('zip bomb: an entry that inflates far beyond its compressed size is refused', async () => {
    const huge = Buffer.alloc(80 * 1024 * 1024, 0x20);
    const sheet = Buffer.concat([
      Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`),
      huge,
      Buffer.from('</sheetData></worksheet>'),
    ]);
    const parts = handmade('');
    parts[3] = { name: 'xl/worksheets/sheet1.xml', data: sheet };
    const p = await writeZip(parts);
    await assert.rejects(openPath(p, 'bomb.xlsx'), /^IngestError|bomb\.xlsx#名单: .*zip bomb/);
  });

  test('an entry that inflates past its declared size, or fails its CRC, is refused', async () => {
    const ok = `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`;
    const lie = handmade(ok);
    lie[3] = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(ok), declared: 10 };
    await assert.rejects(openPath(await writeZip(lie), 'lie.xlsx'), /lie\.xlsx#名单: .*declared size/);
    const crc = handmade(ok);
    crc[3] = { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(ok), badCrc: true };
    await assert.rejects(openPath(await writeZip(crc), 'crc.xlsx'), /crc\.xlsx#名单: .*CRC-32/);
  });

  test('a truncated workbook fails with a clear error naming the file', async () => {
    const p = join(dir, 't.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['a', 'b']);
    await wb.xlsx.writeFile(p);
    const bytes = await readFile(p);
    const q = join(dir, 'cut.xlsx');
    await writeFile(q, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(
      openPath(q, 'cut.xlsx'),
      /^IngestError|cut\.xlsx: no ZIP end-of-central-directory record/,
    );
  });

  test('rows out of order and row numbers beyond Excel are refused', async () => {
    const bad = `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="3"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row></sheetData></worksheet>`;
    await assert.rejects(
      openPath(await writeZip(handmade(bad)), 'o.xlsx'),
      /o\.xlsx#名单: row 2 comes after row 3/,
    );
    const far = `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="99999999"><c><v>1</v></c></row></sheetData></worksheet>`;
    await assert.rejects(
      openPath(await writeZip(handmade(far)), 'f.xlsx'),
      /f\.xlsx#名单: row number 99999999 is outside/,
    );
  });

  test('zip directory: entries listed, stored entries read', async () => {
    const p = join(dir, 'z.zip');
    await writeFile(p, makeZip([{ name: 'a.txt', data: Buffer.from('hello'), store: true }]));
    const entries = await readZipDirectory(p);
    assert.deepEqual(
      entries.map((e) => [e.name, e.size]),
      [['a.txt', 5]],
    );
    const chunks: Buffer[] = [];
    for await (const c of readZipEntry(p, entries[0]!)) chunks.push(c);
    assert.equal(Buffer.concat(chunks).toString(), 'hello');
  });
});
