import assert from 'node:assert/strict';
import { access, appendFile, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  countingPasses,
  DuckDbEngine,
  duckdbBytes,
  engineThreads,
  MIN_BYTES_PER_THREAD,
  maxLineBytes,
  STAGED_PER_LIMIT,
  sqlString,
} from './engine.js';

describe('DuckDbEngine (real DuckDB)', () => {
  let dir = '';
  let engine: DuckDbEngine;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-engine-'));
    engine = await DuckDbEngine.create({ workDir: join(dir, 'engine'), memoryLimit: '512MB', threads: 1 });
  });
  after(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('reports its version', async () => {
    assert.match(await engine.version(), /^duckdb v1\.\d+\.\d+/);
  });

  test('counts distinct records and subjects per holder and for the case', async () => {
    const a = join(dir, 'a.tsv');
    const b = join(dir, 'b.tsv');
    // holder item line category exact_key subject_key
    await writeFile(
      a,
      [
        '0\t0\t2\tlodging\tK1\tid:1',
        '0\t0\t3\tlodging\tK1\tid:1', // exact duplicate of line 2
        '0\t0\t4\tlodging\tK2\tid:1', // same subject, other stay
        '0\t0\t5\tgeneral\tK3\tmobile:138',
        '',
      ].join('\n'),
    );
    await writeFile(
      b,
      [
        '1\t1\t1\tlodging\tK1\tid:1', // same record held by another holder
        '1\t1\t2\tgeneral\tK\\x09tab\tmobile:139', // escaped key with a backslash
        '',
      ].join('\n'),
    );
    assert.equal(await engine.load([a, b]), 6);
    const t = await engine.tallies();
    const find = (holder: number | null, category: string) =>
      t.find((x) => x.holder === holder && x.category === category);
    assert.deepEqual(find(0, 'lodging'), {
      holder: 0,
      category: 'lodging',
      valid: 3,
      records: 2,
      subjects: 1,
    });
    assert.deepEqual(find(0, 'general'), {
      holder: 0,
      category: 'general',
      valid: 1,
      records: 1,
      subjects: 1,
    });
    assert.deepEqual(find(1, 'lodging'), {
      holder: 1,
      category: 'lodging',
      valid: 1,
      records: 1,
      subjects: 1,
    });
    assert.deepEqual(find(null, 'lodging'), {
      holder: null,
      category: 'lodging',
      valid: 4,
      records: 2,
      subjects: 1,
    });
    assert.deepEqual(find(null, 'general'), {
      holder: null,
      category: 'general',
      valid: 2,
      records: 2,
      subjects: 2,
    });
    const groups = await engine.duplicateGroups(10, 5);
    assert.deepEqual(groups, [
      {
        holder: 0,
        category: 'lodging',
        count: 2,
        occurrences: [
          { item: 0, line: 2 },
          { item: 0, line: 3 },
        ],
      },
    ]);
  });

  test('remapped tallies count the given items under another category', async () => {
    const c = join(dir, 'c.tsv');
    await writeFile(
      c,
      [
        '0\t0\t1\tgeneral\t\x1fA\tid:1',
        '0\t1\t1\tid_card\t\x1fA\tid:1',
        '0\t1\t2\tid_card\t\x1fB\tid:2',
        '',
      ].join('\n'),
    );
    await engine.load([c]);
    const plain = await engine.tallies();
    assert.equal(plain.find((t) => t.holder === null && t.category === 'id_card')?.subjects, 2);
    const moved = await engine.tallies(new Map([[0, 'id_card']]));
    assert.equal(
      moved.find((t) => t.holder === null && t.category === 'general'),
      undefined,
    );
    // Item 0's record has item 1's first record's key: one record once both are id_card.
    assert.deepEqual(
      moved.find((t) => t.holder === null && t.category === 'id_card'),
      {
        holder: null,
        category: 'id_card',
        valid: 3,
        records: 2,
        subjects: 2,
      },
    );
  });

  test('loading nothing gives empty tallies', async () => {
    assert.equal(await engine.load([]), 0);
    assert.deepEqual(await engine.tallies(), []);
  });

  test('a refused staging line is not quoted in full in the error', async () => {
    const bad = join(dir, 'bad.tsv');
    // Seven fields: DuckDB's message quotes the original line, here 200 000 characters of key.
    await writeFile(bad, `0\t0\t1\tgeneral\t${'k'.repeat(200_000)}\ts\tx\n`);
    await assert.rejects(engine.load([bad]), (e: Error) => {
      assert.match(e.message, /^DuckDB query failed: /);
      assert.ok(e.message.length < 1200, `${e.message.length} characters`);
      return true;
    });
    const empty = join(dir, 'empty-int.tsv');
    await writeFile(empty, '0\t\t1\tgeneral\tk\ts\n');
    await assert.rejects(engine.load([empty]), /DuckDB query failed/);
  });
});

test('staged rows stay readable where the engine keeps them, also after the work folder is moved', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xinjian-engine-move-'));
  try {
    const a = join(dir, 'a.tsv');
    const b = join(dir, 'b.tsv');
    await writeFile(a, '0\t0\t1\tgeneral\tK1\ts1\n0\t0\t2\tgeneral\tK1\ts1\n');
    await writeFile(b, '0\t1\t1\tgeneral\tK2\ts1\n');
    const expected = [
      { holder: 0, category: 'general', valid: 3, records: 2, subjects: 1 },
      { holder: null, category: 'general', valid: 3, records: 2, subjects: 1 },
    ];
    const first = await DuckDbEngine.create({ workDir: join(dir, 'w1'), memoryLimit: '512MB', threads: 1 });
    try {
      assert.equal(await first.load([a, b]), 3);
    } finally {
      await first.close();
    }
    // The engine took the files over.
    await assert.rejects(access(a));
    assert.deepEqual(await readdir(join(dir, 'w1', 'staged')), ['000000.tsv', '000001.tsv']);
    await rename(join(dir, 'w1'), join(dir, 'w2'));
    const moved = await DuckDbEngine.create({ workDir: join(dir, 'w2'), memoryLimit: '512MB', threads: 1 });
    try {
      assert.deepEqual(await moved.tallies(), expected);
      const units = { general: 'records' } as const;
      assert.deepEqual(
        (await moved.samplingFrame(units)).map((f) => [f.item, f.size]),
        [
          [0, 1],
          [1, 1],
        ],
      );
      // A changed or missing staged file is named before any sample is drawn from it.
      await appendFile(join(dir, 'w2', 'staged', '000001.tsv'), '0\t1\t2\tgeneral\tK3\ts1\n');
      await assert.rejects(moved.samplingFrame(units), /000001\.tsv holds 40 bytes, 20 when analysed/);
      await rm(join(dir, 'w2', 'staged', '000001.tsv'));
      await assert.rejects(moved.samplingFrame(units), /incomplete: .*000001\.tsv is missing/);
      // A new load replaces the kept files.
      const c = join(dir, 'c.tsv');
      await writeFile(c, '1\t0\t1\tlodging\tK9\ts9\n');
      assert.equal(await moved.load([c]), 1);
      assert.deepEqual(await readdir(join(dir, 'w2', 'staged')), ['000000.tsv']);
      assert.equal((await moved.tallies()).length, 2);
    } finally {
      await moved.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

describe('DuckDB memory and threads', () => {
  test('counting passes: one per STAGED_PER_LIMIT times the memory limit of staged bytes', () => {
    assert.equal(STAGED_PER_LIMIT, 4);
    assert.equal(countingPasses(0, '2GB'), 1);
    assert.equal(countingPasses(1.2e9, '2GB'), 1);
    assert.equal(countingPasses(8e9, '2GB'), 1);
    assert.equal(countingPasses(8e9 + 1, '2GB'), 2);
    assert.equal(countingPasses(12.5e9, '1GB'), 4);
    assert.equal(countingPasses(12.5e9, '80%'), 1);
  });

  test('the longest staged line: a sixteenth of the memory limit, between 2 MiB and 16 MiB', () => {
    assert.equal(maxLineBytes('2GB'), 16 * 2 ** 20);
    assert.equal(maxLineBytes('128MB'), 8e6);
    assert.equal(maxLineBytes('64MB'), 4e6);
    assert.equal(maxLineBytes('16MB'), 2 * 2 ** 20);
    assert.equal(maxLineBytes('80%'), 16 * 2 ** 20);
  });

  test('memory sizes as DuckDB reads them', () => {
    assert.equal(duckdbBytes('2GB'), 2e9);
    assert.equal(duckdbBytes(' 512 MiB '), 512 * 2 ** 20);
    assert.equal(duckdbBytes('1.5gb'), 1.5e9);
    assert.equal(duckdbBytes('100000'), 100000);
    assert.equal(duckdbBytes('80%'), null);
    assert.equal(duckdbBytes(''), null);
  });

  test('at most one thread per MIN_BYTES_PER_THREAD, at least one', () => {
    assert.equal(MIN_BYTES_PER_THREAD, 250e6);
    assert.equal(engineThreads(2, '2GB'), 2);
    assert.equal(engineThreads(8, '1GB'), 4);
    assert.equal(engineThreads(2, '512MB'), 2);
    assert.equal(engineThreads(3, '749MB'), 2);
    assert.equal(engineThreads(2, '512MiB'), 2);
    assert.equal(engineThreads(2, '499MB'), 1);
    assert.equal(engineThreads(4, '64MB'), 1);
    assert.equal(engineThreads(0, '4GB'), 1);
    assert.equal(engineThreads(3, 'lots'), 3); // not a size: DuckDB decides whether it is one
  });
});

test('sqlString: quotes doubled, control characters (NUL included) spliced in with chr()', () => {
  assert.equal(sqlString("it's"), "'it''s'");
  assert.equal(sqlString(''), "''");
  assert.equal(sqlString('a\u0000b\u001fc'), "'a' || chr(0) || 'b' || chr(31) || 'c'");
  assert.equal(sqlString('\u0000'), "'' || chr(0)");
  assert.equal(sqlString('信😀'), "'信😀'");
});
