/**
 * Reading large text files in parts (byte ranges split at line starts, one task per range, analyses merged) gives
 * exactly what one pass gives: the same summary.json, byte for byte, with parts of a few hundred bytes over files
 * with headers repeated mid-file, blank and comment lines, quoted fields spanning lines (one across a split:
 * the parts are then thrown away and the file read in one pass), invalid bytes, GB18030 and UTF-8 multi-byte text,
 * a `----` dump and a UTF-16 file (never split).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mulberry32 } from '../core/prng.js';
import { encodeGb18030 } from '../demo/gb18030.js';
import { gb11643CheckChar } from '../detect/validators/gb11643.js';
import { type AnalyzeResult, analyzeCase } from './analyze.js';
import { readCustodyLog } from './custody.js';

const DATE = '2026-01-01';
let dir = '';
const runs = new Map<string, AnalyzeResult>();

function id(i: number, bad = false): string {
  const id17 = `44030${(i % 9) + 1}19${String(60 + (i % 40))}0${(i % 9) + 1}2${i % 8}${String(i % 997).padStart(3, '0')}`;
  const c = gb11643CheckChar(id17);
  return id17 + (bad ? (c === '1' ? '2' : '1') : c);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-parts-'));
  const ev = join(dir, 'evidence');
  await mkdir(ev, { recursive: true });
  const rand = mulberry32(20261123);
  const names = ['张伟', '王芳', '欧阳娜娜', '李强', '陈静', '𠀀明'];
  // CSV (UTF-8): quotes, a quoted field over three lines, repeated headers, blanks, comments, invalid records
  const csv: string[] = ['客户名单', '姓名,身份证号,手机号,备注'];
  for (let i = 0; i < 3000; i++) {
    const r = rand();
    if (i % 500 === 250) csv.push('姓名,身份证号,手机号,备注');
    else if (r < 0.02) csv.push('');
    else if (r < 0.03) csv.push('# comment');
    else if (i === 1700) csv.push(`${names[0]},${id(i)},13800138000,"第一行`, '第二行', '第三行"');
    else if (r < 0.06) csv.push(`${names[i % 6]},${id(i, true)},12000000000,无效`);
    else if (r < 0.2 && i > 10)
      csv.push(csv[csv.length - 3]!); // a duplicate (or a copy of a non-record line)
    else
      csv.push(
        `"${names[i % 6]}",${id(i)},1${39 + (i % 3)}${String(i * 7919)
          .padStart(8, '0')
          .slice(-8)},"说明, 含逗号"`,
      );
  }
  await writeFile(join(ev, 'a.csv'), `${csv.join('\r\n')}\r\n`);
  // GB18030 TSV with a few invalid bytes
  const tsv: Buffer[] = [encodeGb18030('xm\tsfzh\tdz\n')];
  for (let i = 0; i < 2000; i++) {
    tsv.push(encodeGb18030(`${names[i % 5]}\t${id(i + 5000)}\t广东省深圳市南山区科技园${i}号\n`));
    if (i % 333 === 0) tsv.push(Buffer.from([0x81, 0x0a]));
  }
  await writeFile(join(ev, 'b.tsv'), Buffer.concat(tsv));
  // ---- dump, no header, no final newline
  const dump: string[] = [];
  for (let i = 0; i < 2500; i++)
    dump.push(`${i % 11 === 0 ? `user${i % 50}` : `1${38}${String(i).padStart(8, '0')}`}----pass${i % 97}`);
  await writeFile(join(ev, 'c.txt'), dump.join('\n'));
  // UTF-16LE with BOM: never split
  const u16 = ['姓名,手机号'];
  for (let i = 0; i < 800; i++) u16.push(`${names[i % 5]},1390000${String(i).padStart(4, '0')}`);
  await writeFile(
    join(ev, 'd.csv'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${u16.join('\n')}\n`, 'utf16le')]),
  );
  // a quote that opens near the end of a part and closes in the next one
  const q: string[] = ['姓名,身份证号,备注'];
  for (let i = 0; i < 400; i++)
    q.push(i % 40 === 39 ? `${names[1]},${id(i + 9000)},"跨\n行"` : `${names[2]},${id(i + 9000)},x`);
  await writeFile(join(ev, 'e.csv'), `${q.join('\n')}\n`);

  const cases: [string, { workers: number; partBytes?: number }][] = [
    ['one-pass', { workers: 0 }],
    ['parts-300', { workers: 2, partBytes: 300 }],
    ['parts-4k', { workers: 2, partBytes: 4096 }],
  ];
  for (const [name, o] of cases) {
    runs.set(
      name,
      await analyzeCase({ evidenceRoot: ev, outDir: join(dir, name), analysisDate: DATE, ...o }),
    );
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the one-pass run reads every item', () => {
  const r = runs.get('one-pass')!;
  assert.equal(r.failedItems, 0);
  assert.ok(r.summary.totals.records > 8000);
  const a = r.summary.items.find((i) => i.path === 'a.csv')!;
  assert.ok(a.non_record_lines > 10);
});

for (const name of ['parts-300', 'parts-4k']) {
  test(`${name}: summary.json byte-identical to one pass; the staging was really split`, async () => {
    const r = runs.get(name)!;
    assert.equal(r.failedItems, 0);
    assert.equal(
      await readFile(r.summaryPath, 'utf8'),
      await readFile(runs.get('one-pass')!.summaryPath, 'utf8'),
    );
    // a.csv, b.tsv and c.txt are read in parts; d.csv (UTF-16) and e.csv (quote across a split) in one pass
    const log = await readCustodyLog(r.custodyPath);
    const parts = new Map(
      log.entries
        .filter((e) => e.action === 'item_read')
        .map((e) => [e.item, Number(e.details?.['parts'] ?? 1)] as const),
    );
    for (const p of ['a.csv', 'b.tsv', 'c.txt']) assert.ok(parts.get(p)! > 2, `${p}: ${parts.get(p)} parts`);
    assert.equal(parts.get('d.csv'), 1, 'UTF-16 is read in one pass');
    assert.equal(parts.get('e.csv'), 1, 'a quote across a split makes the file be read in one pass');
  });
}

test('the custody chain is intact in the split runs', async () => {
  for (const name of ['parts-300', 'parts-4k']) {
    const log = await readCustodyLog(runs.get(name)!.custodyPath);
    assert.equal(log.check.ok, true, log.check.reason);
  }
});
