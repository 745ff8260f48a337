/**
 * End to end: generate demo cases of several seeds, analyse them with the real pipeline (real files, real
 * encodings, real DuckDB) and require every figure to equal the generator's independent ground truth.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateDemo } from '../demo/generate.js';
import { analyzeCase } from './analyze.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-e2e-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CASES = [
  { seed: 1, records: 1500 },
  { seed: 7, records: 3000 },
  { seed: 20261123, records: 800 },
];

describe('analyze equals the demo truth', () => {
  for (const c of CASES) {
    test(`seed ${c.seed}, ${c.records} records`, async () => {
      const caseDir = join(dir, `case-${c.seed}`);
      const truth = await generateDemo(caseDir, c);
      const out = join(dir, `out-${c.seed}`);
      const r = await analyzeCase({
        evidenceRoot: join(caseDir, 'evidence'),
        outDir: out,
        analysisDate: truth.generator.analysis_date,
      });
      const s = r.summary;
      assert.equal(r.failedItems, 0);
      assert.deepEqual(
        s.items.map((i) => i.path),
        truth.items.map((i) => i.path),
      );
      for (const t of truth.items) {
        const it = s.items.find((i) => i.path === t.path)!;
        assert.deepEqual(
          {
            path: it.path,
            format: it.format,
            encoding: it.encoding,
            category: it.category,
            records: it.records,
            non_record_lines: it.non_record_lines,
            invalid: it.invalid,
          },
          {
            path: t.path,
            format: t.format,
            encoding: t.encoding,
            category: t.category,
            records: t.records,
            non_record_lines: t.non_record_lines,
            invalid: t.invalid,
          },
          `item ${t.path}`,
        );
      }
      const tot = s.totals;
      assert.equal(tot.records, truth.totals.records, 'records');
      assert.equal(tot.valid, truth.totals.valid, 'valid');
      assert.deepEqual(tot.invalid, truth.totals.invalid, 'invalid');
      assert.equal(tot.exact_duplicates, truth.totals.exact_duplicates, 'exact_duplicates');
      for (const [id, f] of Object.entries(truth.totals.categories)) {
        const got = tot.categories[id as keyof typeof tot.categories];
        assert.deepEqual(
          { tier: got.tier, records: got.records, subjects: got.subjects, count: got.count },
          f,
          `category ${id}`,
        );
      }
      // The single default holder equals the totals.
      assert.deepEqual(Object.keys(s.holders), ['case']);
      assert.equal(s.holders['case']!.exact_duplicates, tot.exact_duplicates);
      // The written summary is the returned one, and the report names every item hash.
      assert.deepEqual(JSON.parse(await readFile(r.summaryPath, 'utf8')), JSON.parse(JSON.stringify(s)));
      const html = await readFile(r.reportPath, 'utf8');
      for (const it of s.items) assert.ok(html.includes(it.sha256!), `report lists the hash of ${it.path}`);
    });
  }
});

describe('malformed items never change the counts of the others', () => {
  test('binary junk named .csv, broken quotes and invalid bytes', async () => {
    const caseDir = join(dir, 'malformed');
    const truth = await generateDemo(caseDir, { seed: 3, records: 600 });
    const clean = await analyzeCase({
      evidenceRoot: join(caseDir, 'evidence'),
      outDir: join(dir, 'malformed-out-clean'),
      analysisDate: truth.generator.analysis_date,
    });
    const dirty = join(dir, 'malformed-dirty');
    await mkdir(dirty, { recursive: true });
    for (const it of truth.items) {
      await mkdir(join(dirty, it.path, '..'), { recursive: true });
      await copyFile(join(caseDir, 'evidence', it.path), join(dirty, it.path));
    }
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    await writeFile(join(dirty, 'junk.csv'), junk);
    await writeFile(join(dirty, 'quotes.csv'), '姓名,手机号\n"张三,13800138000\n李四,13900139000\n');
    await writeFile(
      join(dirty, 'badbytes.csv'),
      Buffer.concat([
        Buffer.from('姓名,手机号\n张三,13800138000\n'),
        Buffer.from([0xff, 0xfe, 0x2c, 0x31, 0x0a]),
      ]),
    );
    const r = await analyzeCase({
      evidenceRoot: dirty,
      outDir: join(dir, 'malformed-out'),
      analysisDate: truth.generator.analysis_date,
    });
    assert.equal(r.failedItems, 1);
    const junkItem = r.summary.items.find((i) => i.path === 'junk.csv')!;
    assert.match(junkItem.error!, /junk\.csv: binary content/);
    assert.equal(junkItem.records, 0);
    for (const t of truth.items) {
      const a = clean.summary.items.find((i) => i.path === t.path)!;
      const b = r.summary.items.find((i) => i.path === t.path)!;
      assert.deepEqual(
        { records: b.records, invalid: b.invalid, non_record_lines: b.non_record_lines },
        { records: a.records, invalid: a.invalid, non_record_lines: a.non_record_lines },
      );
    }
    const quotes = r.summary.items.find((i) => i.path === 'quotes.csv')!;
    assert.equal(quotes.error, null);
    assert.equal(quotes.records, 2);
    assert.equal(quotes.detail?.warnings.unbalanced_quote, 1);
    const bad = r.summary.items.find((i) => i.path === 'badbytes.csv')!;
    assert.equal(bad.records, 2);
    assert.equal(bad.detail?.warnings.invalid_bytes, 1);
  });
});

describe('holders, contested readings and the legal assessment from case.yaml', () => {
  test('per-holder counts, both readings of bare ID numbers, and the band from stated facts', async () => {
    const root = join(dir, 'holders');
    await mkdir(join(root, '张某'), { recursive: true });
    await mkdir(join(root, '李某'), { recursive: true });
    await writeFile(
      join(root, 'case.yaml'),
      [
        'case: 测试案',
        'holders:',
        '  - name: 张某',
        '    paths: ["张某/**"]',
        '    illegal_gain_yuan: 6000',
        '    sold_or_provided: true',
        '  - name: 李某',
        '    paths: ["李某/**"]',
        '',
      ].join('\n'),
    );
    const { gb11643CheckChar } = await import('../detect/validators/gb11643.js');
    const id = (i: number) => {
      const body = `1101051980010${1000 + i}`;
      return body + gb11643CheckChar(body);
    };
    const list = ['姓名,身份证号,手机号'];
    for (let i = 0; i < 30; i++)
      list.push(`张${'三四五六七八九'[i % 7]}${'甲乙丙丁'[i % 4]},${id(i)},138${String(i).padStart(8, '0')}`);
    list.push(list[1]!); // one exact duplicate
    await writeFile(join(root, '张某', '名单.csv'), `${list.join('\n')}\n`);
    const hotel = ['姓名,身份证号,入住时间,房号'];
    for (let i = 0; i < 20; i++)
      hotel.push(
        `李${'甲乙丙丁'[i % 4]}${'一二三四五'[i % 5]},${id(i)},2020-01-${String((i % 28) + 1).padStart(2, '0')} 12:00:00,${i}`,
      );
    await writeFile(join(root, '李某', 'hotel.csv'), `${hotel.join('\n')}\n`);

    const r = await analyzeCase({
      evidenceRoot: root,
      outDir: join(dir, 'holders-out'),
      analysisDate: '2026-01-01',
    });
    const s = r.summary;
    assert.deepEqual(Object.keys(s.holders), ['张某', '李某']);
    assert.equal(s.holders['张某']!.records, 31);
    assert.equal(s.holders['张某']!.exact_duplicates, 1);
    assert.equal(s.holders['张某']!.categories.general.count, 30);
    assert.equal(s.holders['李某']!.categories.lodging.count, 20);
    assert.equal(s.holders['李某']!.categories.general.count, 0);
    // Both holders hold the same 20 people: the case counts each category once.
    assert.equal(s.totals.categories.general.count, 30);
    assert.equal(s.totals.categories.lodging.count, 20);

    assert.equal(s.contested.length, 1);
    const g = s.contested[0]!;
    assert.equal(g.kind, 'bare_id_numbers');
    assert.deepEqual(g.items, ['张某/名单.csv']);
    assert.deepEqual(g.totals, {
      counted_as_count: 30,
      alternative_count: 0,
      moved: 30,
      counted_as_count_alternative: 0,
      alternative_count_alternative: 30,
    });

    assert.ok(s.assessment);
    assert.deepEqual(
      s.assessment.holders.map((h) => [h.name, h.severity]),
      [['张某', 'serious']],
    );
    const zhang = s.assessment.holders[0]!;
    assert.equal(zhang.counts.general, 30);
    assert.ok(
      zhang.triggers.some((t) => /5,?000|5000/.test(t.working)),
      'the gain trigger shows its working',
    );
    const html = await readFile(r.reportPath, 'utf8');
    assert.ok(html.includes('指导性案例193号'));
    assert.ok(html.includes('法律评估'));
  });

  test('counts in case.yaml are refused: they come from the analysis', async () => {
    const root = join(dir, 'holders-bad');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'a.csv'), '姓名,手机号\n张三,13800138000\n');
    await writeFile(
      join(root, 'case.yaml'),
      'holders:\n  - name: 张某\n    paths: ["**"]\n    counts: {general: 9000}\n',
    );
    await assert.rejects(
      analyzeCase({ evidenceRoot: root, outDir: join(dir, 'holders-bad-out'), analysisDate: '2026-01-01' }),
      /case\.yaml: holders: '张某' gives counts/,
    );
  });
});
