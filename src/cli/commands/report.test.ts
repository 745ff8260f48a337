/**
 * Through the command line, on an evidence folder unlike the demo (a workbook, a JSON export, a SQL dump, a ZIP
 * archive with a CSV inside; two holders with stated facts): analyze writes all four documents, `sample` draws
 * (re-reading an archive member), `sample import` takes the verified workbook, `report` re-renders; every document
 * has every section, every item hash, and no unmasked identifier; bad command lines are refused.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { gb11643CheckChar } from '../../detect/validators/gb11643.js';
import { docxText, htmlText, pdfText } from '../../report/read-back.js';
import { writeZip } from '../../report/zip.js';
import {
  fillWorkbook,
  inputIdentifiers,
  leaks,
  SECTION_TITLES,
  xlsxText,
} from '../../services/report.fixtures.js';
import type { Summary } from '../../services/summary.js';
import { runCli as run } from '../run.fixtures.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const AREAS = ['110101', '310104', '440106', '510107', '330102'];

function person(i: number) {
  const body = `${AREAS[i % AREAS.length]}${1960 + (i % 40)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(100 + (i % 900)).padStart(3, '0')}`;
  return {
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i % 3 === 0 ? GIVEN[(i * 3) % GIVEN.length] : ''}`,
    id: `${body}${gb11643CheckChar(body)}`,
    mobile: `1${['38', '39', '86', '58', '77'][i % 5]}${String(10_000_000 + i * 7919).slice(-8)}`,
    address: `${['北京市东城区', '上海市徐汇区', '广州市海珠区', '成都市武侯区', '杭州市上城区'][i % 5]}人民路${i + 1}号`,
  };
}

async function buildEvidence(root: string): Promise<void> {
  await mkdir(join(root, '张某'), { recursive: true });
  await mkdir(join(root, '李某'), { recursive: true });
  // A workbook with a title row above the header.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户');
  ws.addRow(['2023年客户资料（内部）']);
  ws.addRow(['姓名', '身份证号', '手机号', '住址']);
  for (let i = 0; i < 60; i++) {
    const p = person(i);
    ws.addRow([p.name, p.id, p.mobile, p.address]);
  }
  await wb.xlsx.writeFile(join(root, '张某', '客户.xlsx'));
  // A JSON export of orders.
  const orders = Array.from({ length: 40 }, (_, k) => {
    const p = person(100 + k);
    return {
      收件人: p.name,
      电话: p.mobile,
      收货地址: p.address,
      订单号: `DD${20230000 + k}`,
      金额: `${(k * 13.5).toFixed(2)}`,
    };
  });
  await writeFile(join(root, '张某', '订单.json'), JSON.stringify(orders, null, 1));
  // A mysqldump.
  const tuples = Array.from({ length: 50 }, (_, k) => {
    const p = person(200 + k);
    return `(${k + 1},'${p.name}','${p.id}','${p.mobile}')`;
  });
  await writeFile(
    join(root, '李某', 'users.sql'),
    [
      'CREATE TABLE `users` (`uid` int, `realname` varchar(20), `idcard` varchar(18), `mobile` varchar(11));',
      `INSERT INTO \`users\` VALUES ${tuples.join(',')};`,
      '',
    ].join('\n'),
  );
  // A ZIP archive with a hotel register inside.
  const hotel = [
    '姓名,身份证号,手机号,入住时间,酒店名称,房间号',
    ...Array.from({ length: 30 }, (_, k) => {
      const p = person(300 + k);
      return `${p.name},${p.id},${p.mobile},2022-05-${String((k % 28) + 1).padStart(2, '0')} 20:15,如家酒店,${800 + k}`;
    }),
    '',
  ].join('\n');
  await writeFile(
    join(root, '李某', 'archive.zip'),
    writeZip([{ name: '入住/hotel.csv', data: Buffer.from(hotel, 'utf8') }], '2024-01-01T00:00:00Z'),
  );
  await writeFile(
    join(root, 'case.yaml'),
    [
      'case: 陌生检材测试案',
      'examiner: 测试鉴定所',
      'holders:',
      '  - name: 张某',
      '    paths: ["张某/**"]',
      '    illegal_gain_yuan: 1200',
      '    sold_or_provided: true',
      '  - name: 李某',
      '    paths: ["李某/**"]',
      '    illegal_gain_yuan: 300',
      '',
    ].join('\n'),
  );
}

describe('xinjian analyze → sample → sample import → report, on an unseen evidence folder', () => {
  let dir = '';
  let evidence = '';
  let out = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-unseen-'));
    evidence = join(dir, 'evidence');
    out = join(dir, 'out');
    await buildEvidence(evidence);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the whole workflow writes four complete, masked documents', async () => {
    const a = await run(['analyze', evidence, '--out', out, '--analysis-date', '2026-01-01', '--quiet']);
    assert.equal(a.code, 0, a.err + a.out);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as Summary;
    assert.equal(summary.totals.failed_items, 0, JSON.stringify(summary.items.map((i) => i.error)));
    assert.ok(
      summary.items.some((i) => i.path.includes('!/')),
      'an archive member is an item',
    );
    for (const f of ['report.docx', 'report.pdf', 'appendix.xlsx', 'report.html']) {
      assert.ok((await readFile(join(out, f))).length > 1000, `${f} written by analyze`);
    }

    const s = await run(['sample', '--out', out, '--seed', 'unseen-1', '--full-tiers', '1', '--quiet']);
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /seed unseen-1; \d+ record\(s\) drawn/);
    const design = JSON.parse(await readFile(join(out, 'sample.json'), 'utf8'));
    assert.ok(
      design.rows.some((r: { item: string }) => r.item.includes('!/')),
      'an archive member was sampled',
    );
    await fillWorkbook(join(out, 'verification.xlsx'), join(dir, 'filled.xlsx'), (_id, i) =>
      i % 9 === 4 ? '无法核实' : '真实',
    );
    const imp = await run(['sample', 'import', '--out', out, join(dir, 'filled.xlsx'), '--quiet']);
    assert.equal(imp.code, 0, imp.err);
    assert.match(imp.out, /保守数 \d+ \/ 查获数 \d+/);
    const rep = await run(['report', '--out', out, '--quiet']);
    assert.equal(rep.code, 0, rep.err);
    assert.equal(rep.out.trim().split('\n').length, 4);

    const found = await inputIdentifiers(evidence);
    assert.ok(found.ids.size >= 100, `IDs in the input: ${found.ids.size}`);
    const texts: Record<string, string> = {
      docx: docxText(await readFile(join(out, 'report.docx'))),
      pdf: pdfText(join(out, 'report.pdf')),
      html: htmlText(await readFile(join(out, 'report.html'), 'utf8')),
      xlsx: await xlsxText(await readFile(join(out, 'appendix.xlsx'))),
    };
    for (const [f, text] of Object.entries(texts)) {
      assert.deepEqual(leaks(text, found), [], `${f}: unmasked identifiers`);
      const flat = text.replace(/\s+/g, '');
      for (const it of summary.items) assert.ok(flat.includes(it.sha256!), `${f}: hash of ${it.path}`);
      if (f !== 'xlsx') {
        for (const t of SECTION_TITLES) assert.ok(text.includes(t), `${f}: ${t}`);
        assert.ok(
          text.includes('陌生检材测试案') && text.includes('抽样核实保守数'),
          `${f}: case and sample results`,
        );
      }
    }
    assert.ok(leaks(await xlsxText(await readFile(join(out, 'verification.xlsx'))), found).length > 0);
  });

  test('bad command lines are refused with exit code 2', async () => {
    assert.equal((await run(['report'])).code, 2);
    assert.equal((await run(['report', '--out', out, '--formats', 'docx,odt'])).code, 2);
    assert.equal((await run(['sample', '--out', out, '--confidence', '95'])).code, 2);
    assert.equal((await run(['sample', '--out', out, '--full-tiers', '4'])).code, 2);
    assert.equal((await run(['sample', 'import', '--out', out])).code, 2);
    assert.equal((await run(['sample', 'import', '--out', out, join(dir, 'nope.xlsx')])).code, 2);
  });
});
