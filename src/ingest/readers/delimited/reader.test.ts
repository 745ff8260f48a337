import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { detectEncoding } from '../../encoding/detect.js';
import type { LayoutHints, RowEvent } from '../../source.js';
import { openDelimited } from './reader.js';

const WORDS = new Set(['姓名', '身份证号', '手机号', '住址', '密码', '备注', '入住时间']);
const hints: LayoutHints = {
  isHeaderWord: (c) => WORDS.has(c.trim()),
  looksLikeValue: (c) => /\d{6,}/.test(c) || /[省市区路号]/.test(c),
};

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-reader-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(name: string, bytes: Uint8Array | string, opts = {}) {
  const p = join(dir, name);
  await writeFile(p, bytes);
  const buf = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const enc = detectEncoding(buf, true);
  return openDelimited(p, name, enc, hints, opts);
}

async function collect(rows: AsyncIterable<RowEvent>) {
  const out: RowEvent[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('openDelimited', () => {
  test('title row, header, repeated header, blank, separator and delimiter-only lines', async () => {
    const text = [
      '某酒店2020年入住登记表,,,',
      '姓名,身份证号,手机号,住址',
      '张三,11010519491231002X,13800138000,北京市东城区1号',
      '',
      ',,,',
      '------',
      '姓名,身份证号,手机号,住址',
      '李四,110105194912310037,13900139000,"上海市,徐汇区2号"',
      '# exported by tool',
      '',
    ].join('\r\n');
    const item = await open('hotel.csv', text);
    assert.equal(item.layout.delimiter, ',');
    assert.equal(item.layout.format, 'csv');
    assert.equal(item.layout.headerLine, 2);
    assert.deepEqual(item.layout.titleLines, [1]);
    assert.equal(item.layout.columns, 4);
    const rows = await collect(item.rows());
    const kinds = rows.map((r) =>
      r.kind === 'record' ? `R${r.line}` : r.kind === 'non_record' ? `${r.reason}${r.line}` : `W${r.line}`,
    );
    assert.deepEqual(kinds, [
      'title1',
      'header2',
      'R3',
      'blank4',
      'R5',
      'separator6',
      'repeated_header7',
      'R8',
      'comment9',
    ]);
    const r8 = rows.find((r) => r.kind === 'record' && r.line === 8);
    assert.deepEqual(r8?.kind === 'record' && r8.fields, [
      '李四',
      '110105194912310037',
      '13900139000',
      '上海市,徐汇区2号',
    ]);
    const r5 = rows.find((r) => r.kind === 'record' && r.line === 5);
    assert.deepEqual(r5?.kind === 'record' && r5.fields, ['', '', '', '']);
    assert.equal(item.sample.length, 3);
  });

  test('a quoted field spanning two physical lines is one record with both line numbers', async () => {
    const item = await open(
      'multi.csv',
      '姓名,手机号,备注\n张三,13800138000,"第一行\n第二行"\n李四,13900139000,x\n',
    );
    const recs = (await collect(item.rows())).filter((r) => r.kind === 'record');
    assert.equal(recs.length, 2);
    assert.deepEqual(
      recs.map((r) => r.kind === 'record' && [r.line, r.endLine]),
      [
        [2, 3],
        [4, 4],
      ],
    );
  });

  test('an unbalanced quote is read literally after the limit and does not swallow the file', async () => {
    const lines = ['姓名,手机号,备注', '张三,13800138000,"oops'];
    for (let i = 0; i < 10; i++) lines.push(`人${i},1390013900${i},ok`);
    const item = await open('broken.csv', `${lines.join('\n')}\n`, { maxQuotedLines: 4 });
    const rows = await collect(item.rows());
    const recs = rows.filter((r) => r.kind === 'record');
    assert.equal(recs.length, 11);
    assert.ok(rows.some((r) => r.kind === 'warning' && r.warning === 'unbalanced_quote' && r.line === 2));
    const first = recs[0];
    assert.deepEqual(first?.kind === 'record' && first.fields, ['张三', '13800138000', '"oops']);
  });

  test('headerless ---- dump: extra delimiters belong to the password; ---- alone is an empty record', async () => {
    const item = await open(
      'dump.txt',
      '13800138000----abc\n13900139000----pa----ss\n----\n--------\n13700137000----x\n',
    );
    assert.equal(item.layout.delimiter, '----');
    assert.equal(item.layout.header, null);
    assert.equal(item.layout.columns, 2);
    const rows = await collect(item.rows());
    const recs = rows.filter((r) => r.kind === 'record');
    assert.deepEqual(
      recs.map((r) => r.kind === 'record' && r.fields),
      [
        ['13800138000', 'abc'],
        ['13900139000', 'pa----ss'],
        ['', ''],
        ['13700137000', 'x'],
      ],
    );
    assert.ok(rows.some((r) => r.kind === 'non_record' && r.reason === 'separator' && r.line === 4));
    assert.ok(
      rows.some((r) => r.kind === 'warning' && r.warning === 'extra_delimiters_joined' && r.line === 2),
    );
  });

  test('UTF-16LE with BOM, tab-delimited', async () => {
    const body = Buffer.from('姓名\t手机号\r\n张三\t13800138000\r\n李四\t13900139000\r\n', 'utf16le');
    const item = await open('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    assert.equal(item.layout.encoding?.encoding, 'utf-16le');
    assert.equal(item.layout.format, 'tsv');
    assert.deepEqual(item.layout.header, ['姓名', '手机号']);
    assert.deepEqual(item.sample, [
      ['张三', '13800138000'],
      ['李四', '13900139000'],
    ]);
  });

  test('invalid bytes for the encoding are reported per line', async () => {
    const good = Buffer.from('姓名,手机号\n张三,13800138000\n李四,13900139000\n王五,13700137000\n', 'utf8');
    const bad = Buffer.concat([good, Buffer.from([0xe5, 0x28, 0x2c, 0x31, 0x0a])]);
    const p = join(dir, 'bad.csv');
    await writeFile(p, bad);
    const item = await openDelimited(
      p,
      'bad.csv',
      { encoding: 'utf-8', confidence: 1, bomLength: 0, evidence: 't' },
      hints,
    );
    const rows = await collect(item.rows());
    assert.ok(rows.some((r) => r.kind === 'warning' && r.warning === 'invalid_bytes' && r.line === 5));
    assert.equal(rows.filter((r) => r.kind === 'record').length, 4);
  });

  test('an over-long line fails the item with the line number', async () => {
    const p = join(dir, 'long.txt');
    await writeFile(p, `a,b\n${'x'.repeat(5000)}\n`);
    const item = openDelimited(
      p,
      'long.txt',
      { encoding: 'utf-8', confidence: 1, bomLength: 0, evidence: 't' },
      hints,
      {
        maxLineChars: 1000,
      },
    );
    await assert.rejects(item, /long\.txt: line 2 is longer than 1000 characters/);
  });

  test('one value per line, with a header word', async () => {
    const item = await open('list.txt', '手机号\n13800138000\n13900139000\n');
    assert.equal(item.layout.delimiter, null);
    assert.equal(item.layout.headerLine, 1);
    assert.equal(item.sample.length, 2);
  });
});
