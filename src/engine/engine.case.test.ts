/**
 * The engine conformance suite: one set of counting cases that every `CountingEngine` must pass with the same
 * figures. It runs on DuckDB always, and on ClickHouse when `XINJIAN_CLICKHOUSE_URL` holds a cluster description
 * (comma-separated shard URLs, see engine/clickhouse/config.ts; `scripts/clickhouse-cluster.sh start DIR` prints
 * one). Expected figures are either written out by hand or computed by the plain JavaScript model below, which is
 * itself checked against the hand-written cases.
 * The end-to-end case at the bottom analyses a generated demo case with each engine and compares summary.json.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { mulberry32 } from '../core/prng.js';
import { generateDemo } from '../demo/generate.js';
import { analyzeCase } from '../services/analyze.js';
import type { CategoryTally, CountingEngine, DuplicateGroup } from './engine.js';
import { createEngine, type EngineKind } from './index.js';

const CLICKHOUSE_URL = process.env['XINJIAN_CLICKHOUSE_URL']?.trim() ?? '';
const CLICKHOUSE_SKIP =
  CLICKHOUSE_URL === ''
    ? 'XINJIAN_CLICKHOUSE_URL is not set: no ClickHouse cluster to test (.ci/run starts one; locally: ' +
      'scripts/clickhouse-cluster.sh start DIR, then export XINJIAN_CLICKHOUSE_URL=<printed URLs>)'
    : false;

const US = '\u001f';

interface Row {
  readonly holder: number;
  readonly item: number;
  readonly line: number;
  readonly category: string;
  readonly exact: string;
  readonly subject: string;
}

function row(
  holder: number,
  item: number,
  line: number,
  category: string,
  exact: string,
  subject: string,
): Row {
  return { holder, item, line, category, exact, subject };
}

async function stage(dir: string, name: string, rows: readonly Row[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(
    path,
    rows.map((r) => `${r.holder}\t${r.item}\t${r.line}\t${r.category}\t${r.exact}\t${r.subject}\n`).join(''),
    'utf8',
  );
  return path;
}

// ---- the plain model -------------------------------------------------------------------------------------------

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');
const byBytes = (a: string, b: string): number => Buffer.compare(bytes(a), bytes(b));

/** What every engine must compute (engine.ts contract; DuckDB's SQL spelled out in JavaScript). */
export function modelTallies(rows: readonly Row[], remap?: ReadonlyMap<number, string>): CategoryTally[] {
  const remapping = remap !== undefined && remap.size > 0;
  type Acc = { valid: number; keys: Set<string>; subjects: Set<string> };
  const per = new Map<number, Map<string, Acc>>();
  const all = new Map<string, Acc>();
  const add = (m: Map<string, Acc>, cat: string, key: string, subject: string) => {
    const a = m.get(cat) ?? { valid: 0, keys: new Set<string>(), subjects: new Set<string>() };
    a.valid++;
    a.keys.add(key);
    a.subjects.add(subject);
    m.set(cat, a);
  };
  for (const r of rows) {
    const cat = remapping ? (remap.get(r.item) ?? r.category) : r.category;
    const key = r.exact;
    const h = per.get(r.holder) ?? new Map<string, Acc>();
    per.set(r.holder, h);
    add(h, cat, key, r.subject);
    add(all, cat, key, r.subject);
  }
  const out: CategoryTally[] = [];
  const emit = (holder: number | null, m: Map<string, Acc>) => {
    for (const cat of [...m.keys()].sort(byBytes)) {
      const a = m.get(cat)!;
      out.push({ holder, category: cat, valid: a.valid, records: a.keys.size, subjects: a.subjects.size });
    }
  };
  for (const h of [...per.keys()].sort((a, b) => a - b)) emit(h, per.get(h)!);
  emit(null, all);
  return out;
}

/**
 * The largest exact-duplicate groups: count descending, then the smallest item, the smallest line, the holder, and
 * the category and exact key by UTF-8 bytes (so that no two groups tie).
 */
export function modelDuplicateGroups(
  rows: readonly Row[],
  limit: number,
  occurrences: number,
): DuplicateGroup[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = JSON.stringify([r.holder, r.category, r.exact]);
    const g = groups.get(k) ?? [];
    g.push(r);
    groups.set(k, g);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({
      g: [...g].sort((a, b) => a.item - b.item || a.line - b.line),
      mi: Math.min(...g.map((r) => r.item)),
      ml: Math.min(...g.map((r) => r.line)),
    }))
    .sort(
      (a, b) =>
        b.g.length - a.g.length ||
        a.mi - b.mi ||
        a.ml - b.ml ||
        a.g[0]!.holder - b.g[0]!.holder ||
        byBytes(a.g[0]!.category, b.g[0]!.category) ||
        byBytes(a.g[0]!.exact, b.g[0]!.exact),
    )
    .slice(0, limit)
    .map(({ g }) => ({
      holder: g[0]!.holder,
      category: g[0]!.category,
      count: g.length,
      occurrences: g.slice(0, Math.max(1, occurrences)).map((r) => ({ item: r.item, line: r.line })),
    }));
}

const rng = mulberry32;

/**
 * A few thousand rows shaped like real staging data: items belong to holders and have a category, records repeat
 * within and across items and holders, subjects have several records, and some exact keys carry two subject keys
 * (record.ts picks the subject identifier by validity, which can depend on the column's header).
 * Line numbers are unique across the case so that duplicate groups never tie.
 */
export function generatedRows(n: number, seed: number): Row[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const categories = ['lodging', 'general', '财产信息', '行踪轨迹', 'x"q\'\\'];
  const items = Array.from({ length: 12 }, (_, i) => ({
    item: i,
    holder: [0, 1, 2, 10][i % 4]!,
    category: categories[i % categories.length]!,
  }));
  const values = ['13800138000', '张三\\x09', "O'Brien", 'a\\b', '😀\uff21', 'x\u0000y', '李四----pw'];
  const rows: Row[] = [];
  for (let line = 1; line <= n; line++) {
    const it = pick(items);
    const r = Math.floor(rand() * rand() * 1500); // skewed: small ids repeat often
    const value = `${values[r % values.length]}${r}`;
    // No category in keys (staging contract): the same key in two categories is two records until remapped.
    const exact = `${US}mobile=${value}${r % 3 === 0 ? `${US}name=${value.slice(0, 2)}` : ''}`;
    const twoSubjects = r % 17 === 0 && rand() < 0.5;
    const subject = twoSubjects ? `person_name+landline:${r}` : `mobile:${r % 600}`;
    rows.push(row(it.holder, it.item, line, it.category, exact, subject));
  }
  return rows;
}

// ---- the suite -------------------------------------------------------------------------------------------------

export function runEngineSuite(
  name: string,
  makeEngine: (workDir: string) => Promise<CountingEngine>,
  skip: string | false = false,
): void {
  describe(`engine conformance: ${name}`, { skip }, () => {
    let dir = '';
    let engine: CountingEngine;
    let n = 0;
    const file = (rows: readonly Row[]) => stage(dir, `s${++n}.tsv`, rows);
    const loadRows = async (...parts: (readonly Row[])[]) => {
      const files = [];
      for (const p of parts) files.push(await file(p));
      return engine.load(files);
    };

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), `xinjian-conformance-${name}-`));
      engine = await makeEngine(join(dir, 'engine'));
    });
    after(async () => {
      await engine?.close();
      await rm(dir, { recursive: true, force: true });
    });

    test('names itself and its version', async () => {
      const v = await engine.version();
      assert.ok(v.startsWith(`${engine.name} `), v);
    });

    test('an empty load counts nothing', async () => {
      assert.equal(await engine.load([]), 0);
      assert.deepEqual(await engine.tallies(), []);
      assert.deepEqual(await engine.duplicateGroups(5, 5), []);
      assert.equal(await loadRows([], []), 0);
      assert.deepEqual(await engine.tallies(new Map([[0, 'general']])), []);
    });

    test('duplicates within an item, across items and across holders', async () => {
      const a = [
        row(0, 0, 2, 'lodging', `lodging${US}K1`, 'id:1'),
        row(0, 0, 3, 'lodging', `lodging${US}K1`, 'id:1'), // exact duplicate within the item
        row(0, 0, 4, 'lodging', `lodging${US}K2`, 'id:1'), // same subject, another record
        row(0, 0, 5, 'general', `general${US}K3`, 'mobile:138'),
      ];
      const b = [
        row(0, 1, 7, 'lodging', `lodging${US}K1`, 'id:1'), // across items, same holder
        row(1, 2, 1, 'lodging', `lodging${US}K1`, 'id:1'), // across holders
        row(1, 2, 2, 'general', `general${US}K\\x09tab`, 'mobile:139'),
      ];
      assert.equal(await loadRows(a, b), 7);
      const expected: CategoryTally[] = [
        { holder: 0, category: 'general', valid: 1, records: 1, subjects: 1 },
        { holder: 0, category: 'lodging', valid: 4, records: 2, subjects: 1 },
        { holder: 1, category: 'general', valid: 1, records: 1, subjects: 1 },
        { holder: 1, category: 'lodging', valid: 1, records: 1, subjects: 1 },
        { holder: null, category: 'general', valid: 2, records: 2, subjects: 2 },
        { holder: null, category: 'lodging', valid: 5, records: 2, subjects: 1 },
      ];
      assert.deepEqual(await engine.tallies(), expected);
      assert.deepEqual(modelTallies([...a, ...b]), expected);
      const groups: DuplicateGroup[] = [
        {
          holder: 0,
          category: 'lodging',
          count: 3,
          occurrences: [
            { item: 0, line: 2 },
            { item: 0, line: 3 },
            { item: 1, line: 7 },
          ],
        },
      ];
      assert.deepEqual(await engine.duplicateGroups(10, 5), groups);
      assert.deepEqual(modelDuplicateGroups([...a, ...b], 10, 5), groups);
    });

    test('one exact key with two subject keys is one record and two subjects', async () => {
      // Forty such records: whatever the routing, some pairs of subject keys fall on different shards.
      const rows: Row[] = [];
      for (let i = 0; i < 40; i++) {
        rows.push(
          row(
            0,
            0,
            2 * i + 1,
            'general',
            `general${US}name=N${i}${US}address=A${i}`,
            `person_name+address:${i}`,
          ),
        );
        rows.push(
          row(
            0,
            1,
            2 * i + 2,
            'general',
            `general${US}name=N${i}${US}address=A${i}`,
            `person_name+landline:${i}`,
          ),
        );
      }
      await loadRows(rows);
      const expected: CategoryTally[] = [
        { holder: 0, category: 'general', valid: 80, records: 40, subjects: 80 },
        { holder: null, category: 'general', valid: 80, records: 40, subjects: 80 },
      ];
      assert.deepEqual(await engine.tallies(), expected);
      assert.deepEqual(
        await engine.tallies(new Map([[1, 'lodging']])),
        modelTallies(rows, new Map([[1, 'lodging']])),
      );
    });

    test('remapped items are counted under the other category, where equal keys become one record', async () => {
      const rows = [
        row(0, 0, 1, 'general', `${US}A`, 'id:1'),
        row(0, 1, 1, 'id_card', `${US}A`, 'id:1'),
        row(0, 1, 2, 'id_card', `${US}B`, 'id:2'),
        row(1, 2, 1, 'general', `${US}B`, 'id:2'),
        row(1, 2, 2, 'general', 'no-separator', 'id:3'),
        row(1, 3, 1, 'id_card', 'no-separator', 'id:3'),
      ];
      await loadRows(rows);
      const plain = await engine.tallies();
      assert.deepEqual(plain, modelTallies(rows));
      const remap = new Map([
        [0, 'id_card'],
        [2, 'id_card'],
      ]);
      const moved = await engine.tallies(remap);
      assert.deepEqual(moved, [
        { holder: 0, category: 'id_card', valid: 3, records: 2, subjects: 2 },
        { holder: 1, category: 'id_card', valid: 3, records: 2, subjects: 2 },
        { holder: null, category: 'id_card', valid: 6, records: 3, subjects: 3 },
      ]);
      assert.deepEqual(moved, modelTallies(rows, remap));
      // An empty remap is the plain tally.
      assert.deepEqual(await engine.tallies(new Map()), plain);
      // Remapped to a category with quotes, backslashes and Chinese text.
      const odd = new Map([[1, `其他'\\"${US}x`]]);
      assert.deepEqual(await engine.tallies(odd), modelTallies(rows, odd));
    });

    test('escaped and unusual keys: U+001F, backslashes, quotes, Chinese text, emoji, NUL', async () => {
      const keys = [
        `general${US}mobile=13800138000`,
        `general${US}name=张三${US}address=北京市朝阳区\\x09幸福小区`,
        `general${US}name=O'Brien`,
        `general${US}name=O\\'Brien`,
        `general${US}pw=a\\b\\\\c\\`,
        `general${US}pw=\\N`,
        `general${US}pw="quoted"`,
        `general${US}pw=😀\uff21`,
        `general${US}pw=x\u0000y`,
        `general${US}pw=\u0001\u007f`,
        `general${US}${US}`,
        '',
      ];
      const rows: Row[] = [];
      let line = 0;
      keys.forEach((k, i) => {
        for (let j = 0; j <= i % 3; j++) rows.push(row(0, j, ++line, 'general', k, `s:${k}`));
      });
      await loadRows(rows);
      const t = await engine.tallies();
      assert.deepEqual(t, modelTallies(rows));
      assert.equal(t[0]!.records, keys.length);
      assert.equal(t[0]!.subjects, keys.length);
      assert.deepEqual(await engine.duplicateGroups(20, 5), modelDuplicateGroups(rows, 20, 5));
      assert.deepEqual(
        await engine.tallies(new Map([[1, 'lodging']])),
        modelTallies(rows, new Map([[1, 'lodging']])),
      );
    });

    test('fields of exactly \\N, NULL, quotes, backslashes or nothing are text, never NULL', async () => {
      // The staging format is raw text: no value may turn into NULL (which no count would see) or into another value.
      const rows = [
        row(0, 0, 1, '\\N', '\\N', '\\N'),
        row(0, 0, 2, '\\N', '\\N', '\\N'), // an exact duplicate of line 1
        row(0, 0, 3, '\\N', 'NULL', 'NULL'),
        row(0, 0, 4, 'NULL', '\\N', 's'),
        row(0, 0, 5, 'general', '"', '"'),
        row(0, 0, 6, 'general', '""', '\\'),
        row(0, 0, 7, 'general', '\\\\', '\\\\N'),
        row(0, 0, 8, 'general', '\\x5cN', 'nan'),
        row(0, 1, 1, 'general', '', ''),
        row(0, 1, 2, 'general', 'null', 'NULL'),
        row(0, 1, 3, 'general', "'", "\\'"),
        row(0, 1, 4, 'general', '\\N', '#'),
        row(0, 1, 5, '#', '#x', ' # '),
        row(1, 2, 1, '\\N', '\\N', '\\N'), // the same record held by another holder
      ];
      assert.equal(await loadRows(rows), rows.length);
      const t = await engine.tallies();
      assert.deepEqual(t, modelTallies(rows));
      assert.deepEqual(
        t.filter((x) => x.holder === null),
        [
          { holder: null, category: '#', valid: 1, records: 1, subjects: 1 },
          { holder: null, category: 'NULL', valid: 1, records: 1, subjects: 1 },
          { holder: null, category: '\\N', valid: 4, records: 2, subjects: 2 },
          { holder: null, category: 'general', valid: 8, records: 8, subjects: 8 },
        ],
      );
      assert.deepEqual(await engine.duplicateGroups(10, 5), [
        {
          holder: 0,
          category: '\\N',
          count: 2,
          occurrences: [
            { item: 0, line: 1 },
            { item: 0, line: 2 },
          ],
        },
      ]);
      const remap = new Map([[1, '\\N']]);
      assert.deepEqual(await engine.tallies(remap), modelTallies(rows, remap));
    });

    test('duplicate groups that tie on count, first item and first line: by holder, category, key bytes', async () => {
      const rand = rng(7);
      const cats = ['general', 'lodging', '\uff21', '😀', 'Z'];
      const words = ['a', 'B', 'é', '其他', '\uff21', '😀', 'a\u0000', 'ab', '"', '\\x5c'];
      const rows: Row[] = [];
      let g = 0;
      for (const holder of [1, 0]) {
        for (const c of cats) {
          for (const w of words) {
            // Every group: two rows, the first in item 0, the smallest line 1 — all tie on (2, 0, 1).
            const key = `${c}${US}k=${w}`;
            rows.push(row(holder, 0, 1000 + g, c, key, `s${g}`), row(holder, 100 + g, 1, c, key, `s${g}`));
            g++;
          }
        }
      }
      // Larger groups still come first, and a smaller first item before a larger one.
      rows.push(
        row(0, 3, 5, 'general', `general${US}k=big`, 'b'),
        row(0, 3, 6, 'general', `general${US}k=big`, 'b'),
      );
      rows.push(row(0, 3, 7, 'general', `general${US}k=big`, 'b'));
      rows.push(
        row(1, 1, 9, 'lodging', `lodging${US}k=late`, 'l'),
        row(1, 2, 1, 'lodging', `lodging${US}k=late`, 'l'),
      );
      // Staged in a shuffled order, over several files.
      for (let i = rows.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      await loadRows(rows.slice(0, 40), rows.slice(40, 90), rows.slice(90));
      const all = modelDuplicateGroups(rows, 1000, 5);
      assert.equal(all.length, g + 2);
      assert.deepEqual(all[0]!.occurrences[0], { item: 3, line: 5 });
      const got = await engine.duplicateGroups(1000, 5);
      assert.deepEqual(got, all);
      assert.deepEqual(await engine.duplicateGroups(7, 1), modelDuplicateGroups(rows, 7, 1));
      // The same answer every time.
      assert.deepEqual(await engine.duplicateGroups(1000, 5), got);
      // After a tally pass (which may keep the top groups itself), the same groups in the same order.
      assert.deepEqual(await engine.tallies(), modelTallies(rows));
      for (const lim of [1, 7, 20, 50]) {
        assert.deepEqual(
          await engine.duplicateGroups(lim, 5),
          modelDuplicateGroups(rows, lim, 5),
          `limit ${lim}`,
        );
      }
      // A re-tally with reassigned categories changes nothing here.
      await engine.tallies(new Map([[3, 'general']]));
      assert.deepEqual(await engine.duplicateGroups(20, 2), modelDuplicateGroups(rows, 20, 2));
    });

    test('a key longer than 2 MB (DuckDB read_csv default line limit)', async () => {
      const long = `general${US}photo=${'信'.repeat(1_000_000)}`; // 3 MB of UTF-8
      const rows = [
        row(0, 0, 1, 'general', long, 's1'),
        row(0, 0, 2, 'general', 'short', 's2'),
        row(0, 1, 1, 'general', long, 's1'),
      ];
      assert.equal(await loadRows(rows), 3);
      assert.deepEqual(await engine.tallies(), modelTallies(rows));
      assert.deepEqual(await engine.duplicateGroups(5, 5), modelDuplicateGroups(rows, 5, 5));
    });

    test('keys whose concatenations collide stay distinct', async () => {
      const rows = [
        row(0, 0, 1, 'A', 'Bx', 's'),
        row(0, 0, 2, 'AB', 'x', 's'),
        row(0, 0, 3, 'A', 'B\u0000x', 't'),
        row(0, 0, 4, 'A\u0000B', 'x', 't'),
      ];
      await loadRows(rows);
      assert.deepEqual(await engine.tallies(), modelTallies(rows));
      assert.deepEqual(await engine.duplicateGroups(5, 5), []);
    });

    test('holders sort as numbers, categories by UTF-8 bytes', async () => {
      // U+FF21 sorts before U+1F600 in UTF-8 (EF… < F0…) but after it in UTF-16 (FF21 > D83D).
      const cats = ['😀', '\uff21', 'Z', 'a', '其他', 'é'];
      const rows: Row[] = [];
      let line = 0;
      for (const h of [10, 2, -1, 0])
        for (const c of cats) rows.push(row(h, h + 1, ++line, c, `${c}${US}k`, 'x'));
      await loadRows(rows);
      const t = await engine.tallies();
      assert.deepEqual(t, modelTallies(rows));
      assert.deepEqual(
        t.filter((x) => x.holder === null).map((x) => x.category),
        ['Z', 'a', 'é', '其他', '\uff21', '😀'],
      );
      assert.deepEqual([...new Set(t.map((x) => x.holder))], [-1, 0, 2, 10, null]);
    });

    test('a load replaces what was loaded before', async () => {
      await loadRows([row(0, 0, 1, 'general', 'k1', 's1'), row(0, 0, 2, 'general', 'k1', 's1')]);
      assert.equal(await loadRows([row(3, 1, 1, 'lodging', 'k2', 's2')]), 1);
      assert.deepEqual(await engine.tallies(), [
        { holder: 3, category: 'lodging', valid: 1, records: 1, subjects: 1 },
        { holder: null, category: 'lodging', valid: 1, records: 1, subjects: 1 },
      ]);
      assert.deepEqual(await engine.duplicateGroups(5, 5), []);
    });

    test('duplicate groups: largest first, then first item and line; occurrences in (item, line) order', async () => {
      const rows = [
        row(0, 3, 90, 'general', 'g1', 's'),
        row(0, 1, 50, 'general', 'g1', 's'),
        row(0, 1, 10, 'general', 'g1', 's'), // g1: 3 rows, first (1, 10)
        row(1, 0, 70, 'lodging', 'g2', 's'),
        row(1, 2, 5, 'lodging', 'g2', 's'), // g2: 2 rows, min item 0
        row(0, 1, 20, 'general', 'g3', 's'),
        row(0, 1, 30, 'general', 'g3', 's'), // g3: 2 rows, min item 1
        row(0, 1, 40, 'lodging', 'g3', 's'), // same key, other category: not the same group
        row(2, 4, 1, 'general', 'g1', 's'), // same key, other holder: not the same group
      ];
      await loadRows(rows.slice(0, 4), rows.slice(4));
      assert.deepEqual(await engine.duplicateGroups(10, 2), [
        {
          holder: 0,
          category: 'general',
          count: 3,
          occurrences: [
            { item: 1, line: 10 },
            { item: 1, line: 50 },
          ],
        },
        {
          holder: 1,
          category: 'lodging',
          count: 2,
          occurrences: [
            { item: 0, line: 70 },
            { item: 2, line: 5 },
          ],
        },
        {
          holder: 0,
          category: 'general',
          count: 2,
          occurrences: [
            { item: 1, line: 20 },
            { item: 1, line: 30 },
          ],
        },
      ]);
      assert.deepEqual(await engine.duplicateGroups(10, 2), modelDuplicateGroups(rows, 10, 2));
      assert.deepEqual(await engine.duplicateGroups(1, 1), modelDuplicateGroups(rows, 1, 1));
      assert.deepEqual(await engine.duplicateGroups(0, 5), []);
    });

    test('long keys spanning read buffers', async () => {
      // ~2.6 MB: multi-byte characters straddle any buffer boundary.
      const rows: Row[] = [];
      for (let i = 0; i < 300; i++) {
        const k = `general${US}${'信鉴\\'.repeat(1000 + (i % 7))}${i % 150}`;
        rows.push(row(i % 2, i % 5, i + 1, 'general', k, `s:${i % 150}`));
      }
      assert.equal(await loadRows(rows), 300);
      assert.deepEqual(await engine.tallies(), modelTallies(rows));
      assert.deepEqual(await engine.duplicateGroups(3, 2), modelDuplicateGroups(rows, 3, 2));
    });

    test('a few thousand generated rows match the plain computation', async () => {
      const rows = generatedRows(4000, 20260101);
      // Split over several staging files, as the analysis writes one per item.
      const parts = [0, 1, 2, 3].map((p) => rows.filter((_, i) => i % 4 === p));
      assert.equal(await loadRows(...parts), rows.length);
      const plain = modelTallies(rows);
      assert.ok(plain.some((t) => t.valid > t.records && t.records > t.subjects));
      assert.deepEqual(await engine.tallies(), plain);
      const remap = new Map([
        [1, 'general'],
        [4, 'lodging'],
        [7, '行踪轨迹'],
      ]);
      assert.deepEqual(await engine.tallies(remap), modelTallies(rows, remap));
      const groups = modelDuplicateGroups(rows, 20, 5);
      assert.equal(groups.length, 20);
      assert.deepEqual(await engine.duplicateGroups(20, 5), groups);
      assert.deepEqual(await engine.duplicateGroups(3, 1), modelDuplicateGroups(rows, 3, 1));
    });

    test('one holder (holder index 3): the case rows equal the plain computation too', async () => {
      const rows = generatedRows(3000, 7).map((r) => ({ ...r, holder: 3 }));
      assert.equal(await loadRows(rows.slice(0, 1000), rows.slice(1000)), rows.length);
      const plain = modelTallies(rows);
      assert.ok(plain.some((t) => t.holder === null) && plain.some((t) => t.holder === 3));
      assert.ok(plain.some((t) => t.valid > t.records && t.records > t.subjects));
      assert.deepEqual(await engine.tallies(), plain);
      const remap = new Map([
        [2, 'general'],
        [5, '财产信息'],
      ]);
      assert.deepEqual(await engine.tallies(remap), modelTallies(rows, remap));
    });
  });
}

function settingsFor(workDir: string) {
  return {
    workDir,
    memoryLimit: '512MB',
    threads: 1,
    ...(CLICKHOUSE_URL !== '' ? { clickhouseUrl: CLICKHOUSE_URL } : {}),
  };
}

runEngineSuite('duckdb', (workDir) => createEngine('duckdb', settingsFor(workDir)));
runEngineSuite('clickhouse', (workDir) => createEngine('clickhouse', settingsFor(workDir)), CLICKHOUSE_SKIP);

// ---- end to end: the same evidence, the same summary.json --------------------------------------------------------

describe('summary.json is the same on every engine', { skip: CLICKHOUSE_SKIP }, () => {
  test('a generated demo case analysed with DuckDB and with ClickHouse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xinjian-engines-e2e-'));
    try {
      const truth = await generateDemo(join(dir, 'case'), { records: 2000, seed: 7 });
      const evidenceRoot = join(dir, 'case', 'evidence');
      const summaries: Record<string, unknown>[] = [];
      const engines: string[] = [];
      for (const kind of ['duckdb', 'clickhouse'] as EngineKind[]) {
        const out = join(dir, `out-${kind}`);
        await mkdir(out, { recursive: true });
        const r = await analyzeCase({
          evidenceRoot,
          outDir: out,
          analysisDate: truth.generator.analysis_date,
          memoryLimit: '512MB',
          threads: 1,
          engine: kind,
          ...(kind === 'clickhouse' ? { clickhouseUrl: CLICKHOUSE_URL } : {}),
        });
        const s = JSON.parse(await readFile(r.summaryPath, 'utf8')) as { tool: { engine: string } };
        engines.push(s.tool.engine);
        summaries.push({ ...s, tool: { ...s.tool, engine: '(engine)' } });
      }
      assert.match(engines[0]!, /^duckdb /);
      assert.match(engines[1]!, /^clickhouse \S+ \(\d+ shards?\)$/);
      assert.deepEqual(summaries[1], summaries[0]);
      const totals = (summaries[0] as { totals: { valid: number; exact_duplicates: number } }).totals;
      assert.ok(totals.valid > 1000 && totals.exact_duplicates > 0, JSON.stringify(totals));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
