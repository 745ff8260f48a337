import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DuckDbEngine, TOP_N_DRAW } from './engine.js';

/** Sampling frame and seeded draw (issue 6) on the real DuckDB, checked against an independent computation. */
describe('DuckDbEngine sampling', () => {
  let dir = '';
  let engine: DuckDbEngine;
  const rows: [number, number, number, string, string, string][] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-sampling-'));
    // holder 0: items 0 and 1 (general, counted by subjects); item 1 repeats some of item 0's subjects.
    for (let i = 0; i < 300; i++)
      rows.push([0, 0, i + 2, 'general', `general\x1fK${i}`, `mobile:${i % 250}`]);
    for (let i = 0; i < 100; i++)
      rows.push([0, 1, i + 1, 'general', `general\x1fK${i + 200}`, `mobile:${i + 200}`]);
    // holder 0, lodging (counted by records): exact duplicates inside item 2.
    for (let i = 0; i < 60; i++) rows.push([0, 2, i + 1, 'lodging', `lodging\x1fL${i % 40}`, `id:${i % 7}`]);
    // holder 1 holds a copy of item 2.
    for (let i = 0; i < 60; i++) rows.push([1, 3, i + 1, 'lodging', `lodging\x1fL${i % 40}`, `id:${i % 7}`]);
    const file = join(dir, 's.tsv');
    await writeFile(file, rows.map((r) => `${r.join('\t')}\n`).join(''));
    const e = await DuckDbEngine.create({ workDir: join(dir, 'engine'), memoryLimit: '512MB', threads: 1 });
    assert.equal(await e.load([file]), rows.length);
    await e.close();
    // Re-open the kept database, as `xinjian sample` does.
    engine = await DuckDbEngine.create({ workDir: join(dir, 'engine'), memoryLimit: '512MB', threads: 1 });
  });
  after(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  const units = { general: 'subjects', lodging: 'records' } as const;

  test('frame: distinct units per holder/category, each in the stratum of its first (item, line)', async () => {
    const frame = await engine.samplingFrame(units);
    assert.deepEqual(frame, [
      { holder: 0, category: 'general', item: 0, size: 250 },
      { holder: 0, category: 'general', item: 1, size: 50 },
      { holder: 0, category: 'lodging', item: 2, size: 40 },
      { holder: 1, category: 'lodging', item: 3, size: 40 },
    ]);
    // Frame sizes equal the tallies' legal counts (subjects for general, records for lodging).
    const t = await engine.tallies();
    const of = (h: number, c: string) => t.find((x) => x.holder === h && x.category === c)!;
    assert.equal(250 + 50, of(0, 'general').subjects);
    assert.equal(40, of(0, 'lodging').records);
  });

  test('draw: the first n of each stratum by SHA-256(seed ‖ U+001F ‖ key), reproducible', async () => {
    const quotas = [
      { holder: 0, category: 'general', item: 0, n: 10 },
      { holder: 0, category: 'general', item: 1, n: 2 },
      { holder: 0, category: 'lodging', item: 2, n: 40 },
    ];
    const a = await engine.drawSample('seed-1', units, quotas);
    const b = await engine.drawSample('seed-1', units, quotas);
    assert.deepEqual(a, b);
    assert.equal(a.length, 52);
    // Independent computation for stratum (0, general, 0): subjects mobile:0..249, representative line = first.
    const expected = Array.from({ length: 250 }, (_, s) => ({
      key: `mobile:${s}`,
      line: s + 2,
      h: createHash('sha256').update(`seed-1\x1fmobile:${s}`, 'utf8').digest('hex'),
    }))
      .sort((x, y) => (x.h < y.h ? -1 : 1))
      .slice(0, 10);
    const got = a.filter((d) => d.item === 0);
    assert.deepEqual(
      got.map((d) => [d.line, d.order_key, d.rank]),
      expected.map((e, i) => [e.line, e.h, i + 1]),
    );
    // Lodging is sampled by records: all 40 distinct records, each at its first line.
    const lodging = a.filter((d) => d.category === 'lodging');
    assert.deepEqual(
      lodging.map((d) => d.line).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const c = await engine.drawSample('seed-2', units, quotas);
    assert.notDeepEqual(
      c.filter((d) => d.item === 0).map((d) => d.line),
      got.map((d) => d.line),
    );
  });

  test('quotas above TOP_N_DRAW (the window) and below it (the bounded top-N) draw the same order', async () => {
    const all = (n: number) => [
      { holder: 0, category: 'general', item: 0, n },
      { holder: 1, category: 'lodging', item: 3, n: Math.min(n, 40) },
    ];
    const byWindow = await engine.drawSample('seed-3', units, all(TOP_N_DRAW + 1));
    const byTopN = await engine.drawSample('seed-3', units, all(250));
    assert.equal(byWindow.length, 290);
    assert.deepEqual(byTopN, byWindow);
    assert.deepEqual(
      byWindow.filter((d) => d.item === 0).map((d) => d.rank),
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
  });

  test('in several passes (by key hash) the frame, the draw and the tallies are those of one pass', async () => {
    const many = await DuckDbEngine.create({
      workDir: join(dir, 'engine'),
      memoryLimit: '512MB',
      threads: 1,
      passes: 3,
    });
    try {
      assert.deepEqual(await many.samplingFrame(units), await engine.samplingFrame(units));
      const small = [
        { holder: 0, category: 'general', item: 0, n: 10 },
        { holder: 0, category: 'general', item: 1, n: 2 },
        { holder: 0, category: 'lodging', item: 2, n: 40 },
        { holder: 1, category: 'lodging', item: 3, n: 7 },
      ];
      assert.deepEqual(
        await many.drawSample('seed-4', units, small),
        await engine.drawSample('seed-4', units, small),
      );
      const all = [{ holder: 0, category: 'general', item: 0, n: TOP_N_DRAW + 1 }];
      const full = await many.drawSample('seed-4', units, all);
      assert.equal(full.length, 250);
      assert.deepEqual(full, await engine.drawSample('seed-4', units, all));
      assert.deepEqual(await many.tallies(), await engine.tallies());
      assert.deepEqual(await many.duplicateGroups(5, 3), await engine.duplicateGroups(5, 3));
    } finally {
      await many.close();
    }
  });

  test('an empty database refuses to sample', async () => {
    const e = await DuckDbEngine.create({ workDir: join(dir, 'empty'), memoryLimit: '256MB', threads: 1 });
    try {
      await assert.rejects(e.samplingFrame(units), /no staged records/);
    } finally {
      await e.close();
    }
  });
});
