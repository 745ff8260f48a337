/**
 * Every writer on one hand-made model: each format renders, reads back with every block's text, and renders the
 * same bytes twice (PDF: the same text). A conformance suite in the Hono/Kysely manner: a new writer must pass it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chartSvg } from './charts.js';
import type { ReportModel } from './model.js';
import { docxText, htmlText, pdfText, xlsxCells } from './read-back.js';
import { REPORT_FORMATS, WRITERS } from './writers/index.js';
import { readZip } from './zip.js';

const HASH = 'ab'.repeat(32);

const MODEL: ReportModel = {
  title: '公民个人信息数据检验报告',
  caseName: '写入器测试案',
  analysisTime: '2026-01-01T00:00:00Z',
  hashes: [{ path: '酒店/入住.csv', sha256: HASH }],
  sections: [
    {
      id: 'basic',
      title: '一、基本情况',
      blocks: [
        { kind: 'fields', rows: [['案件名称', '写入器测试案']] },
        { kind: 'heading', level: 3, text: '检验要求' },
        { kind: 'paragraph', text: '统计条数，剔除无效与重复。', tone: 'note' },
        { kind: 'list', ordered: true, items: ['第一步：计算哈希', '第二步：读取'] },
      ],
    },
    {
      id: 'items',
      title: '二、检材',
      blocks: [
        {
          kind: 'table',
          table: {
            caption: '表 2-2 检材完整性校验值',
            columns: [
              { header: '检材', mono: true, weight: 2 },
              { header: 'SHA-256', mono: true, weight: 5 },
              { header: '记录', align: 'right' },
            ],
            rows: [['酒店/入住.csv', HASH, '1,234']],
            dense: true,
          },
        },
        {
          kind: 'chart',
          chart: {
            kind: 'bars',
            id: 'c1',
            title: '图 1 各类别',
            unit: '条',
            bars: [
              { label: '住宿信息', value: 1234 },
              { label: '其他', value: 0 },
            ],
          },
        },
        {
          kind: 'chart',
          chart: {
            kind: 'stacked',
            id: 'c2',
            title: '图 2 构成',
            series: ['有效', '无效'],
            rows: [{ label: '1. 酒店/入住.csv', values: [1200, 34] }],
          },
        },
        { kind: 'pre', text: '━━ 1. 张某 ━━\n结论：情节严重\n' },
      ],
    },
  ],
  sheets: [
    {
      name: '哈希清单',
      columns: [
        { header: '检材', width: 30 },
        { header: 'SHA-256', width: 68 },
        { header: '字节', width: 10 },
      ],
      rows: [['酒店/入住.csv', HASH, 2048]],
    },
  ],
};

const WORDS = [
  '一、基本情况',
  '二、检材',
  '写入器测试案',
  '检验要求',
  '第二步：读取',
  '表 2-2 检材完整性校验值',
  '1,234',
  '结论：情节严重',
];

describe('report writers (conformance)', () => {
  let dir = '';
  const out: Record<string, Buffer> = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-writers-'));
    for (const f of REPORT_FORMATS) out[f] = await WRITERS[f].write(MODEL);
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the registry lists each format once, with its file name', () => {
    assert.deepEqual(
      REPORT_FORMATS.map((f) => [WRITERS[f].format, WRITERS[f].file]),
      [
        ['docx', 'report.docx'],
        ['pdf', 'report.pdf'],
        ['xlsx', 'appendix.xlsx'],
        ['html', 'report.html'],
      ],
    );
  });

  test('DOCX, PDF and HTML read back with every block', async () => {
    const pdf = join(dir, 'r.pdf');
    await writeFile(pdf, out['pdf']!);
    const texts = {
      docx: docxText(out['docx']!),
      pdf: pdfText(pdf),
      html: htmlText(out['html']!.toString('utf8')),
    };
    for (const [f, t] of Object.entries(texts)) {
      for (const w of WORDS) assert.ok(t.includes(w), `${f}: ${w}`);
      assert.ok(t.replace(/\s+/g, '').includes(HASH), `${f}: hash`);
    }
    assert.ok(out['html']!.toString('utf8').includes('<svg'), 'charts inline in HTML');
    assert.equal(out['pdf']!.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('DOCX: explicit East Asian font, auto line rule (images are not clipped), charts as PNG', () => {
    const entries = readZip(out['docx']!);
    const styles = entries.find((e) => e.name === 'word/styles.xml')!.data.toString('utf8');
    assert.match(styles, /<w:pPrDefault><w:pPr><w:spacing w:line="300" w:lineRule="auto"\/>/);
    assert.match(styles, /w:eastAsia="Noto Sans CJK SC"/);
    assert.equal(
      entries.filter((e) => e.name.startsWith('word/media/') && e.name.endsWith('.png')).length,
      2,
    );
  });

  test('XLSX keeps numbers as numbers', async () => {
    const { sheets, cells } = await xlsxCells(out['xlsx']!);
    assert.deepEqual(sheets, ['哈希清单']);
    assert.deepEqual(cells.get('哈希清单'), [
      ['检材', 'SHA-256', '字节'],
      ['酒店/入住.csv', HASH, '2048'],
    ]);
  });

  test('the same model gives the same bytes (DOCX, XLSX, HTML) and the same PDF text', async () => {
    for (const f of ['docx', 'xlsx', 'html'] as const) {
      assert.ok((await WRITERS[f].write(MODEL)).equals(out[f]!), `${f} differs`);
    }
    const again = join(dir, 'again.pdf');
    await writeFile(again, await WRITERS.pdf.write(MODEL));
    const first = join(dir, 'first.pdf');
    await writeFile(first, out['pdf']!);
    assert.equal(pdfText(again), pdfText(first));
  });

  test('charts are SVG with their labels; zero bars are drawn empty', () => {
    const svg = chartSvg(MODEL.sections[1]!.blocks.find((b) => b.kind === 'chart')!.chart as never);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="680"/);
    assert.ok(svg.includes('住宿信息') && svg.includes('1,234'));
    assert.match(svg, /<rect x="230" y="\d+" width="0"/);
  });
});
