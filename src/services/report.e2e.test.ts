/**
 * End to end: a generated case → analyze → sample → filled verification workbook → import → reports. Every format
 * is read back (DOCX paragraphs, PDF text via pdftotext, XLSX cells, HTML text) and checked for every required
 * section, every item hash, the sampling figures, no unmasked identifier of the input, and byte-identical
 * re-rendering of DOCX, XLSX and HTML.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDemo } from '../demo/generate.js';
import { docxText, htmlText, pdfText, xlsxCells } from '../report/read-back.js';
import { analyzeCase } from './analyze.js';
import { fillWorkbook, inputIdentifiers, leaks, SECTION_TITLES, xlsxText } from './report.fixtures.js';
import { writeReports } from './report.js';
import { drawSample, importVerification, type SampleDesign, type SampleResults } from './sample.js';
import type { Summary } from './summary.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('reports of a sampled and verified case (all four formats)', () => {
  let dir = '';
  let out = '';
  let evidence = '';
  let summary: Summary;
  let design: SampleDesign;
  let results: SampleResults;
  const docs: Record<string, string> = {};
  const bytes: Record<string, Buffer> = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-report-'));
    const truth = await generateDemo(join(dir, 'demo'), { records: 1200, seed: 11 });
    evidence = join(dir, 'demo', 'evidence');
    await writeFile(
      join(evidence, 'case.yaml'),
      [
        'case: 测试侵犯公民个人信息案',
        'examiner: 某司法鉴定所 王某',
        'holders:',
        '  - name: 张某',
        '    paths: ["酒店/**", "定位/**", "银行/**"]',
        '    illegal_gain_yuan: 3000',
        '    sold_or_provided: true',
        '  - name: 李某',
        '    paths: ["快递/**", "通讯录/**"]',
        '',
      ].join('\n'),
    );
    out = join(dir, 'out');
    const r = await analyzeCase({
      evidenceRoot: evidence,
      outDir: out,
      analysisDate: truth.generator.analysis_date,
    });
    summary = r.summary;
    design = (await drawSample({ outDir: out, seed: 'e2e-seed-1', fullTiers: [1] })).design;
    await fillWorkbook(join(out, 'verification.xlsx'), join(dir, 'filled.xlsx'), (_id, i) =>
      i % 40 === 7 ? '不真实' : i % 55 === 3 ? '无法核实' : '真实',
    );
    results = (await importVerification({ outDir: out, workbook: join(dir, 'filled.xlsx') })).results;
    const rep = await writeReports({ outDir: out });
    assert.deepEqual(rep.skipped, []);
    for (const f of ['report.docx', 'report.pdf', 'appendix.xlsx', 'report.html'])
      bytes[f] = await readFile(join(out, f));
    docs['docx'] = docxText(bytes['report.docx']!);
    docs['pdf'] = pdfText(join(out, 'report.pdf'));
    docs['xlsx'] = await xlsxText(bytes['appendix.xlsx']!);
    docs['html'] = htmlText(bytes['report.html']!.toString('utf8'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('DOCX, PDF and HTML carry every section of a 检验报告, every item hash and the case', () => {
    for (const f of ['docx', 'pdf', 'html']) {
      const text = docs[f]!;
      for (const t of SECTION_TITLES) assert.ok(text.includes(t), `${f}: section ${t}`);
      const flat = text.replace(/\s+/g, '');
      for (const it of summary.items) assert.ok(flat.includes(it.sha256!), `${f}: hash of ${it.path}`);
      for (const s of [
        '测试侵犯公民个人信息案',
        '某司法鉴定所',
        '检验要求',
        '复现方法',
        '抽样设计',
        'Clopper–Pearson',
        '张某',
      ]) {
        assert.ok(text.includes(s), `${f}: ${s}`);
      }
      assert.ok(text.includes(`--seed ${design.seed}`), `${f}: how to reproduce the sample`);
    }
  });

  test('the XLSX appendix has the required sheets and cells', async () => {
    const { sheets, cells } = await xlsxCells(bytes['appendix.xlsx']!);
    for (const s of [
      '检材',
      '列识别',
      '无效记录示例',
      '重复记录示例',
      '类别计数',
      '抽样层',
      '抽样记录',
      '哈希清单',
    ]) {
      assert.ok(sheets.includes(s), `sheet ${s}`);
    }
    const hashes = cells.get('哈希清单')!;
    assert.deepEqual(hashes[0], ['序号', '检材', '字节', 'SHA-256']);
    assert.deepEqual(
      hashes.slice(1).map((r) => [r[1], r[3]]),
      summary.items.map((it) => [it.path, it.sha256]),
    );
    const items = cells.get('检材')!;
    assert.equal(items.length, summary.items.length + 1);
    assert.equal(Number(items[1]![11]), summary.items[0]!.records);
    const sampleRows = cells.get('抽样记录')!;
    assert.equal(sampleRows.length, design.rows.length + 1);
    assert.equal(sampleRows[1]![1], design.rows[0]!.id);
    assert.ok(['真实', '不真实', '无法核实'].includes(sampleRows[1]![10]!));
  });

  test('the verification results and conservative counts are in every document and in the assessment', () => {
    assert.ok(results.domains.length > 0);
    for (const d of results.domains) {
      const formatted = d.conservative.toLocaleString('en-US');
      for (const f of ['docx', 'pdf', 'html'])
        assert.ok(docs[f]!.includes(formatted), `${f}: conservative ${d.category}`);
      if (d.design === 'sample')
        assert.ok(docs['html']!.includes(d.conservative_working), 'working of the conservative count');
    }
    assert.ok(results.assessment_conservative, 'a second assessment at the conservative counts');
    assert.ok(docs['html']!.includes('以下为按抽样核实保守数'));
    assert.ok(docs['docx']!.includes('以下为按查获数'));
  });

  test('no resident ID or mobile number of the input appears unmasked in any document; the workbook has them', async () => {
    const found = await inputIdentifiers(evidence);
    assert.ok(
      found.ids.size > 100 && found.mobiles.size > 100,
      `input has ${found.ids.size} IDs, ${found.mobiles.size} mobiles`,
    );
    for (const [f, text] of Object.entries(docs)) assert.deepEqual(leaks(text, found), [], `${f} leaks`);
    // Masked forms are there instead (e.g. 110101********123X, 138****5678).
    assert.match(docs['html']!, /\d{6}\*{8}\d{3}[\dX]/);
    assert.match(docs['html']!, /1[3-9]\d\*{4}\d{4}/);
    const workbook = await xlsxText(await readFile(join(out, 'verification.xlsx')));
    assert.ok(
      leaks(workbook, found).length >= design.rows.length / 2,
      'the verification workbook holds the full values',
    );
  });

  test('DOCX, XLSX and HTML are byte-identical when rendered again; PDF text is the same', async () => {
    const again = await writeReports({ outDir: out });
    for (const w of again.written) {
      const name = w.path.slice(out.length + 1);
      if (name === 'report.pdf') {
        assert.equal(pdfText(w.path), docs['pdf']);
        continue;
      }
      assert.equal(w.sha256, sha(bytes[name]!), `${name} differs on re-rendering`);
    }
    assert.equal(again.written.length, 4);
  });

  test('the PDF embeds the CJK font and renders to an image', async () => {
    const fonts = spawnSync('pdffonts', [join(out, 'report.pdf')], { encoding: 'utf8' });
    assert.equal(fonts.status, 0, fonts.stderr);
    assert.match(fonts.stdout, /NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes\s+yes/);
    const png = join(dir, 'page');
    const r = spawnSync('pdftoppm', [
      '-r',
      '40',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(out, 'report.pdf'),
      png,
    ]);
    assert.equal(r.status, 0);
    const img = await readFile(`${png}.png`);
    assert.equal(img.subarray(1, 4).toString('latin1'), 'PNG');
  });

  test('the DOCX names an explicit East Asian font and embeds the charts as PNG', async () => {
    const { readZip } = await import('../report/zip.js');
    const entries = readZip(bytes['report.docx']!);
    const xml = entries.find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    assert.match(xml, /w:eastAsia="Noto Sans CJK SC"/);
    const media = entries.filter((e) => e.name.startsWith('word/media/'));
    assert.ok(media.length >= 3, `charts: ${media.length}`);
    for (const m of media) assert.equal(m.data.subarray(1, 4).toString('latin1'), 'PNG');
    const core = entries.find((e) => e.name === 'docProps/core.xml')!.data.toString('utf8');
    assert.match(core, new RegExp(`${summary.analysis_date}T00:00:00Z`));
  });
});

describe('a writer that cannot run here is skipped, the others are written', () => {
  test('without a CJK font, DOCX and PDF are skipped with the reason; XLSX and HTML are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xinjian-nofont-'));
    const saved = process.env['XINJIAN_CJK_FONT'];
    try {
      const truth = await generateDemo(join(dir, 'demo'), { records: 200, seed: 2 });
      const out = join(dir, 'out');
      process.env['XINJIAN_CJK_FONT'] = join(dir, 'no-such-font.ttf');
      const lines: string[] = [];
      await analyzeCase({
        evidenceRoot: join(dir, 'demo', 'evidence'),
        outDir: out,
        analysisDate: truth.generator.analysis_date,
        onProgress: (m) => lines.push(m),
      });
      assert.ok(
        lines.some((l) =>
          /^report\.docx: SKIPPED — XINJIAN_CJK_FONT: .*no-such-font\.ttf does not exist/.test(l),
        ),
      );
      assert.ok(lines.some((l) => /^report\.pdf: SKIPPED/.test(l)));
      const r = await writeReports({ outDir: out });
      assert.deepEqual(
        r.skipped.map((s) => s.format),
        ['docx', 'pdf'],
      );
      assert.deepEqual(
        r.written.map((w) => w.format),
        ['xlsx', 'html'],
      );
      await assert.rejects(readFile(join(out, 'report.pdf')), /ENOENT/);
      delete process.env['XINJIAN_CJK_FONT'];
      const ok = await writeReports({ outDir: out, formats: ['pdf'] });
      assert.deepEqual(ok.skipped, []);
    } finally {
      if (saved === undefined) delete process.env['XINJIAN_CJK_FONT'];
      else process.env['XINJIAN_CJK_FONT'] = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
