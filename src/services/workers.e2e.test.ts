/**
 * Worker threads change nothing: an evidence folder with multi-table files (a workbook of several sheets, a
 * SQLite database of several tables), a SQL dump, NDJSON and CSV gives the same summary.json, byte for byte,
 * read in one thread and by two worker threads (which re-open each file and read the table they are given).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import initSqlJs from 'sql.js';
import { gb11643CheckChar } from '../detect/validators/gb11643.js';
import { type AnalyzeResult, analyzeCase } from './analyze.js';

const DATE = '2026-01-01';
let dir = '';
const runs: AnalyzeResult[] = [];

function person(i: number): [string, string, string] {
  const id17 = `110105${1950 + (i % 50)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '欧阳明'];
  return [
    names[i % names.length]!,
    id17 + gb11643CheckChar(id17),
    `138${String(10_000_000 + i * 7).slice(-8)}`,
  ];
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-workers-'));
  const ev = join(dir, 'evidence');
  await mkdir(ev, { recursive: true });
  const wb = new ExcelJS.Workbook();
  for (const sheet of ['一月', '二月', '三月']) {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(['姓名', '身份证号', '手机号']);
    for (let i = 0; i < 300; i++) ws.addRow(person(i + sheet.charCodeAt(0)));
    ws.addRow(person(5)); // a duplicate across sheets
  }
  await wb.xlsx.writeFile(join(ev, '名单.xlsx'));
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(
    'CREATE TABLE users (name TEXT, idno TEXT, phone TEXT); CREATE TABLE orders (name TEXT, phone TEXT, addr TEXT);',
  );
  for (let i = 0; i < 400; i++) {
    const [n, id, m] = person(i + 1000);
    db.run('INSERT INTO users VALUES (?, ?, ?)', [n, id, m]);
    db.run('INSERT INTO orders VALUES (?, ?, ?)', [n, m, `北京市朝阳区建国路${i + 1}号`]);
  }
  await writeFile(join(ev, 'app.sqlite'), db.export());
  db.close();
  const sql = ['CREATE TABLE `t` (`xm` varchar(20), `sfzh` varchar(18));'];
  for (let i = 0; i < 200; i++) {
    const [n, id] = person(i + 3000);
    sql.push(`INSERT INTO \`t\` VALUES ('${n}','${id}'),('${n}','${id}');`);
  }
  await writeFile(join(ev, 'dump.sql'), `${sql.join('\n')}\n`);
  const nd: string[] = [];
  for (let i = 0; i < 300; i++) {
    const [n, , m] = person(i + 5000);
    nd.push(JSON.stringify({ user: { name: n, mobile: m } }));
  }
  await writeFile(join(ev, 'export.ndjson'), `${nd.join('\n')}\n`);
  const csv = ['姓名,身份证号'];
  for (let i = 0; i < 2000; i++)
    csv.push(
      person(i % 1500)
        .slice(0, 2)
        .join(','),
    );
  await writeFile(join(ev, 'list.csv'), `${csv.join('\n')}\n`);
  for (const workers of [0, 2]) {
    runs.push(
      await analyzeCase({
        evidenceRoot: ev,
        outDir: join(dir, `out-${workers}`),
        analysisDate: DATE,
        workers,
      }),
    );
  }
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('every table of every file is an item, read without errors', () => {
  const paths = runs[0]!.summary.items.map((i) => i.path);
  for (const p of [
    '名单.xlsx#一月',
    '名单.xlsx#二月',
    '名单.xlsx#三月',
    'app.sqlite#users',
    'app.sqlite#orders',
  ]) {
    assert.ok(paths.includes(p), `${p} in ${paths.join(' | ')}`);
  }
  assert.equal(runs[0]!.failedItems, 0);
  assert.equal(runs[0]!.summary.totals.records, 3 * 301 + 800 + 400 + 300 + 2000);
});

test('two worker threads give a byte-identical summary.json', async () => {
  assert.equal(runs[1]!.failedItems, 0);
  assert.equal(await readFile(runs[1]!.summaryPath, 'utf8'), await readFile(runs[0]!.summaryPath, 'utf8'));
});
