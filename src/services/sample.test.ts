/**
 * The sampling service on a real analysis: frame = legal counts, Cochran sizes and allocation, reproducibility by
 * seed, census tiers, refusal of foreign or tampered workbooks and of changed evidence, and the result figures.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { CATEGORIES } from '../core/categories.js';
import { clopperPearson, cochranSampleSize, zeroFailureUpperBound } from '../core/stats/index.js';
import { generateDemo } from '../demo/generate.js';
import { analyzeCase } from './analyze.js';
import { fillWorkbook } from './report.fixtures.js';
import { drawSample, importVerification, type SampleDesign } from './sample.js';
import type { Summary } from './summary.js';

describe('authenticity sampling', () => {
  let dir = '';
  let out = '';
  let evidence = '';
  let summary: Summary;
  let first: SampleDesign;
  let firstWorkbook: Buffer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-sample-'));
    const truth = await generateDemo(join(dir, 'demo'), { records: 600, seed: 5 });
    evidence = join(dir, 'demo', 'evidence');
    out = join(dir, 'out');
    summary = (
      await analyzeCase({ evidenceRoot: evidence, outDir: out, analysisDate: truth.generator.analysis_date })
    ).summary;
    first = (await drawSample({ outDir: out, seed: 'alpha' })).design;
    firstWorkbook = await readFile(join(out, 'verification.xlsx'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('the frame of each holder/category is its legal count; n by Cochran with FPC; strata sum to n', () => {
    assert.ok(first.domains.length >= 4);
    for (const d of first.domains) {
      const fig = summary.holders[d.holder]!.categories[d.category];
      assert.equal(d.population, fig.count, `${d.category}: frame = legal count`);
      assert.equal(d.unit, CATEGORIES[d.category].countedBy);
      assert.equal(d.design, 'sample');
      assert.equal(d.n, cochranSampleSize({ confidence: 0.95, margin: 0.05, population: d.population }).n);
      assert.equal(
        d.strata.reduce((a, s) => a + s.size, 0),
        d.population,
      );
      assert.equal(
        d.strata.reduce((a, s) => a + s.n, 0),
        d.n,
      );
      for (const s of d.strata) assert.ok(s.n <= s.size && Math.abs(s.n - (d.n * s.size) / d.population) < 1);
    }
    assert.equal(
      first.rows.length,
      first.domains.reduce((a, d) => a + d.n, 0),
    );
    // Within a stratum, the rows are the smallest order keys in rank order.
    const s1 = first.rows.filter((r) => r.stratum === first.rows[0]!.stratum);
    assert.deepEqual(
      s1.map((r) => r.order_key),
      [...s1.map((r) => r.order_key)].sort(),
    );
    assert.deepEqual(
      s1.map((r) => r.rank),
      s1.map((_r, i) => i + 1),
    );
  });

  test('the same seed draws the identical sample and workbook; another seed draws another', async () => {
    const again = (await drawSample({ outDir: out, seed: 'alpha' })).design;
    assert.deepEqual(again.rows, first.rows);
    assert.equal(again.design_sha256, first.design_sha256);
    assert.ok((await readFile(join(out, 'verification.xlsx'))).equals(firstWorkbook), 'workbook bytes');
    const other = (await drawSample({ outDir: out, seed: 'beta' })).design;
    assert.notDeepEqual(
      other.rows.map((r) => [r.item, r.line]),
      first.rows.map((r) => [r.item, r.line]),
    );
    assert.deepEqual(
      other.domains.map((d) => d.n),
      first.domains.map((d) => d.n),
    );
    const dflt = (await drawSample({ outDir: out })).design;
    assert.equal(dflt.seed_source, 'summary_sha256');
    assert.equal(dflt.seed, dflt.summary_sha256.slice(0, 16));
  });

  test('full tiers are exported for itemised verification (census)', async () => {
    const d = (await drawSample({ outDir: out, seed: 'alpha', fullTiers: [1, 2] })).design;
    for (const x of d.domains) {
      if (x.tier <= 2) {
        assert.equal(x.design, 'census');
        assert.equal(x.n, x.population);
      } else assert.equal(x.design, 'sample');
    }
    assert.ok(d.procedure.some((p) => p.includes('逐一认定')));
  });

  test('import: rates, exact intervals and conservative counts; the refusals', async () => {
    const wb = join(out, 'verification.xlsx');
    // A workbook of another draw (seed delta), filled; then the sample to verify (seed gamma).
    await drawSample({ outDir: out, seed: 'delta', fullTiers: [1] });
    const foreign = join(dir, 'foreign.xlsx');
    await fillWorkbook(wb, foreign, () => '真实');
    const design = (await drawSample({ outDir: out, seed: 'gamma', fullTiers: [1] })).design;
    const census = design.domains.find((d) => d.design === 'census')!;
    const sampled = design.domains.find((d) => d.design === 'sample')!;
    const allTrue = design.domains.find((d) => d.design === 'sample' && d !== sampled)!;
    const inDomain = (id: string, d: SampleDesign['domains'][number]) => {
      const row = design.rows.find((r) => r.id === id)!;
      return d.strata.some((s) => s.id === row.stratum);
    };
    const decide = (id: string, i: number) =>
      inDomain(id, allTrue) ? '真实' : i % 10 === 0 ? '不真实' : i % 17 === 0 ? '无法核实' : '真实';
    const filled = join(dir, 'filled.xlsx');
    await fillWorkbook(wb, filled, decide);
    await assert.rejects(
      importVerification({ outDir: out, workbook: foreign }),
      /seed 'delta' is not the seed/,
    );

    const edit = async (name: string, f: (ws: ExcelJS.Worksheet) => void) => {
      const w = new ExcelJS.Workbook();
      await w.xlsx.readFile(filled);
      f(w.getWorksheet('核实记录')!);
      const p = join(dir, name);
      await w.xlsx.writeFile(p);
      return p;
    };
    const tampered = await edit('tampered.xlsx', (ws) => {
      ws.getRow(3).getCell(7).value = 999_999;
    });
    await assert.rejects(
      importVerification({ outDir: out, workbook: tampered }),
      /row 3: 抽样编号 A0+2 should be/,
    );
    const blank = await edit('blank.xlsx', (ws) => {
      ws.getRow(5).getCell(13).value = null;
    });
    await assert.rejects(importVerification({ outDir: out, workbook: blank }), /1 row\(s\) have no 核实结果/);
    const wrong = await edit('wrong.xlsx', (ws) => {
      ws.getRow(4).getCell(13).value = '是';
    });
    await assert.rejects(importVerification({ outDir: out, workbook: wrong }), /核实结果 '是' is not one of/);
    const dropped = await edit('dropped.xlsx', (ws) => {
      ws.spliceRows(2, 1);
    });
    await assert.rejects(
      importVerification({ outDir: out, workbook: dropped }),
      /1 drawn row\(s\) are missing/,
    );

    // A re-sorted workbook is accepted (rows are matched by 抽样编号).
    const sorted = await edit('sorted.xlsx', (ws) => {
      const values = [];
      for (let i = 2; i <= ws.rowCount; i++) values.push((ws.getRow(i).values as unknown[]).slice(1));
      values.reverse();
      values.forEach((v, i) => {
        ws.getRow(i + 2).values = v as ExcelJS.CellValue[];
      });
    });
    const { results } = await importVerification({ outDir: out, workbook: sorted });
    const { results: straight } = await importVerification({ outDir: out, workbook: filled });
    assert.deepEqual(results.domains, straight.domains);

    for (const d of results.domains) {
      const rows = design.rows.filter((r) =>
        inDomain(r.id, design.domains.find((x) => x.category === d.category)!),
      );
      const k = rows.filter((r) => results.rows.find((x) => x.id === r.id)!.result === '真实').length;
      assert.equal(d.verified_true, k);
      assert.equal(d.n, rows.length);
      assert.equal(d.verified_true + d.not_true + d.unverifiable, d.n);
      const ci = clopperPearson(k, d.n, 0.95);
      assert.equal(d.lower, ci.lower);
      if (d.design === 'census') assert.equal(d.conservative, k);
      else assert.equal(d.conservative, Math.max(k, Math.floor(ci.lower * d.population)));
      assert.ok(d.conservative <= d.population);
    }
    const c = results.domains.find((d) => d.category === census.category)!;
    assert.equal(c.design, 'census');
    const t = results.domains.find((d) => d.category === allTrue.category)!;
    assert.equal(t.verified_true, t.n);
    assert.equal(t.zero_failure_upper, zeroFailureUpperBound(t.n, 0.95));
    assert.equal(t.lower, 0.025 ** (1 / t.n));
    const s = results.domains.find((d) => d.category === sampled.category)!;
    assert.ok(s.not_true + s.unverifiable > 0 && s.zero_failure_upper === null);
    // Per-stratum figures add up to the domain's.
    const strata = results.strata.filter((x) => sampled.strata.some((y) => y.id === x.stratum));
    assert.equal(
      strata.reduce((a, x) => a + x.verified_true, 0),
      s.verified_true,
    );
    assert.equal(results.methods['电话核实'], design.rows.length);
  });

  test('evidence changed since the analysis: the draw refuses', async () => {
    const victim = summary.items.find((it) => it.category !== null && it.valid > 0)!;
    await appendFile(join(evidence, victim.path), '\n');
    await assert.rejects(drawSample({ outDir: out, seed: 'alpha' }), (e: Error) => {
      assert.match(e.message, /has changed since the analysis/);
      assert.equal((e as { code?: string }).code, 'INTEGRITY');
      return true;
    });
  });
});
