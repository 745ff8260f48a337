/**
 * The DuckDB engine under a tiny memory limit: staging files several times larger than `memory_limit` must load and
 * count exactly (GROUP BY spills to the engine's temp directory), and the duplicate-group examples must not need
 * memory for every group. Expected figures come from an independent computation over the generator's numbers
 * (bitmaps of key ids), not from SQL.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mulberry32 } from '../../core/prng.js';
import type { CategoryTally, DuplicateGroup } from '../engine.js';
import { countingPasses, DuckDbEngine, engineThreads } from './engine.js';

/** The smallest limit with some margin: 48 MB still worked here, 32 MB cannot hold DuckDB's 32 MB read buffer. */
const MEMORY_LIMIT = '64MB';
const LIMIT_BYTES = 64e6;
const US = '\u001f';
const ITEMS = 24;
const ROWS_PER_ITEM = 80_000;
/** Random key ids are drawn from [0, IDS); planted duplicate groups use ids from IDS on. */
const IDS = 1_500_000;
const PLANTED = 30;
const CATEGORIES = ['general', 'lodging', 'transaction', '财产信息'];

const rng = mulberry32;

const holderOf = (item: number) => item % 3;
const categoryOf = (item: number) => CATEGORIES[item % 4]!;
/** An exact key is a function of (category, id) and differs for different ids; about 120 bytes. */
const exactKey = (category: string, id: number) =>
  `${category}${US}mobile=${13_000_000_000 + id}${US}person_name=张${id % 97}${US}address=北京市朝阳区幸福小区${id}号楼${id % 7}单元`;
/** Two ids share a subject. */
const subjectKey = (id: number) => `mobile:${13_000_000_000 + (id >> 1)}`;

class Bitmap {
  readonly #bits: Uint8Array;
  count = 0;
  constructor(size: number) {
    this.#bits = new Uint8Array(size);
  }
  add(i: number): void {
    if (this.#bits[i] === 0) {
      this.#bits[i] = 1;
      this.count++;
    }
  }
}

test('staging data several times the memory limit is counted exactly (spilling)', async () => {
  assert.equal(engineThreads(2, MEMORY_LIMIT), 1);
  const dir = await mkdtemp(join(tmpdir(), 'xinjian-spill-'));
  try {
    const rand = rng(20260101);
    // Planted groups j = 0…29: 40 + j copies each, spread over the two items that share holder and category.
    const plantedAt = new Map<number, Map<number, number[]>>(); // item → row index → ids inserted before it
    for (let j = 0; j < PLANTED; j++) {
      for (let c = 0; c < 40 + j; c++) {
        const item = (j % 12) + 12 * (c % 2);
        const at = Math.floor(rand() * ROWS_PER_ITEM);
        const m = plantedAt.get(item) ?? new Map<number, number[]>();
        m.set(at, [...(m.get(at) ?? []), IDS + j]);
        plantedAt.set(item, m);
      }
    }
    const idSpace = IDS + PLANTED;
    const perHolder = new Map<string, { valid: number; records: Bitmap; subjects: Bitmap }>();
    const perCase = new Map<string, { valid: number; records: Bitmap; subjects: Bitmap }>();
    const acc = (m: Map<string, { valid: number; records: Bitmap; subjects: Bitmap }>, k: string) => {
      let a = m.get(k);
      if (!a) {
        a = { valid: 0, records: new Bitmap(idSpace), subjects: new Bitmap((idSpace >> 1) + 1) };
        m.set(k, a);
      }
      return a;
    };
    const occurrences = new Map<number, { item: number; line: number }[]>(); // planted id → positions
    const files: string[] = [];
    let bytes = 0;
    for (let item = 0; item < ITEMS; item++) {
      const holder = holderOf(item);
      const category = categoryOf(item);
      const path = join(dir, `${String(item).padStart(6, '0')}.tsv`);
      files.push(path);
      const out = createWriteStream(path);
      const h = acc(perHolder, `${holder}\u0000${category}`);
      const c = acc(perCase, category);
      let line = 0;
      let buf: string[] = [];
      const emit = async (id: number) => {
        line++;
        const text = `${holder}\t${item}\t${line}\t${category}\t${exactKey(category, id)}\t${subjectKey(id)}\n`;
        buf.push(text);
        bytes += Buffer.byteLength(text);
        for (const a of [h, c]) {
          a.valid++;
          a.records.add(id);
          a.subjects.add(id >> 1);
        }
        if (id >= IDS) occurrences.set(id, [...(occurrences.get(id) ?? []), { item, line }]);
        if (buf.length >= 20_000) {
          if (!out.write(buf.join(''))) await once(out, 'drain');
          buf = [];
        }
      };
      const here = plantedAt.get(item);
      for (let r = 0; r < ROWS_PER_ITEM; r++) {
        for (const id of here?.get(r) ?? []) await emit(id);
        await emit(Math.floor(rand() * IDS));
      }
      out.end(buf.join(''));
      await once(out, 'finish');
    }
    assert.ok(bytes > 4 * LIMIT_BYTES, `staging is ${bytes} bytes, not several times ${MEMORY_LIMIT}`);
    // More than STAGED_PER_LIMIT times the limit: the distinct counts run in two passes (by key hash), summed.
    assert.equal(countingPasses(bytes, MEMORY_LIMIT), 2);
    assert.equal(
      (await Promise.all(files.map((f) => stat(f)))).reduce((a, s) => a + s.size, 0),
      bytes,
    );

    const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    const expected: CategoryTally[] = [];
    for (const [k, a] of [...perHolder].sort(([x], [y]) => {
      const [hx, cx] = x.split('\u0000') as [string, string];
      const [hy, cy] = y.split('\u0000') as [string, string];
      return Number(hx) - Number(hy) || byBytes(cx, cy);
    })) {
      const [holder, category] = k.split('\u0000') as [string, string];
      expected.push({
        holder: Number(holder),
        category,
        valid: a.valid,
        records: a.records.count,
        subjects: a.subjects.count,
      });
    }
    for (const [category, a] of [...perCase].sort(([x], [y]) => byBytes(x, y))) {
      expected.push({
        holder: null,
        category,
        valid: a.valid,
        records: a.records.count,
        subjects: a.subjects.count,
      });
    }
    // Top 20: the planted groups with the most copies (69 … 50; random ids repeat far fewer times).
    const expectedGroups: DuplicateGroup[] = [];
    for (let j = PLANTED - 1; j >= PLANTED - 20; j--) {
      const occ = [...occurrences.get(IDS + j)!].sort((a, b) => a.item - b.item || a.line - b.line);
      assert.equal(occ.length, 40 + j);
      expectedGroups.push({
        holder: holderOf(j % 12),
        category: categoryOf(j % 12),
        count: 40 + j,
        occurrences: occ.slice(0, 5),
      });
    }

    const engine = await DuckDbEngine.create({
      workDir: join(dir, 'engine'),
      memoryLimit: MEMORY_LIMIT,
      threads: 2,
    });
    try {
      assert.equal(
        await engine.load(files),
        expected.reduce((a, t) => a + (t.holder === null ? t.valid : 0), 0),
      );
      assert.deepEqual(await engine.tallies(), expected);
      assert.deepEqual(await engine.duplicateGroups(20, 5), expectedGroups);
    } finally {
      await engine.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
