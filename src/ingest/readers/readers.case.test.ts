/**
 * Conformance suite that every structured-format reader passes (one `describe` per format, same cases):
 * round trip of generated tables (values, header, record count), record positions, every line/row accounted for,
 * empty file, truncated file, a huge row, and arbitrary bytes never crash or hang (only IngestError).
 * All data is generated here (faker zh_CN and fast-check); files go to a temporary folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as XLSX from '@e965/xlsx';
import { Faker, zh_CN } from '@faker-js/faker';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { IngestError } from '../../core/errors.js';
import type { LayoutHints, OpenedItem, ReaderModule, RowEvent } from '../source.js';
import { chooseReader } from './index.js';
import { jsonReader, ndjsonReader } from './json/index.js';
import { sqlReader } from './sql/index.js';
import { sqliteReader } from './sqlite/index.js';
import { xlsReader } from './xls/index.js';
import { xlsxReader } from './xlsx/index.js';

/** More fast-check runs for a deeper local check: XINJIAN_FC_SCALE=10. */
const SCALE = Number(process.env.XINJIAN_FC_SCALE ?? 1);
const faker = new Faker({ locale: [zh_CN] });
faker.seed(20261123);

interface Table {
  readonly header: string[];
  readonly rows: string[][];
}

interface FormatCase {
  readonly name: string;
  readonly ext: string;
  readonly reader: ReaderModule;
  /** Text formats: positions are physical lines of the file; sheets/tables: rows. */
  readonly text: boolean;
  /** Values may hold line feeds, quotes, backslashes, tabs. */
  readonly controlChars: boolean;
  write(path: string, t: Table): Promise<void>;
  /** Position of the i-th record (0-based) as the writer lays it out. */
  position(i: number): number;
  /** Cheap per run (worker start-up) or not. */
  readonly runs: number;
}

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-readers-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const tmp = (ext: string) => join(dir, `f${n++}${ext}`);

const headerSet = new Set<string>();
const hints: LayoutHints = {
  isHeaderWord: (c) => headerSet.has(c.trim()),
  looksLikeValue: (c) => /\d{6,}/.test(c),
};

function sqlString(s: string): string {
  return `'${s.replace(/[\\'\n\r\0]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\0': '\\0' })[c]!)}'`;
}

const FORMATS: FormatCase[] = [
  {
    name: 'xlsx',
    ext: '.xlsx',
    reader: xlsxReader,
    text: false,
    controlChars: false,
    runs: 12,
    async write(path, t) {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: n % 2 === 0 });
      const ws = wb.addWorksheet('数据');
      ws.addRow(t.header).commit();
      for (const r of t.rows) ws.addRow(r).commit();
      ws.commit();
      await wb.commit();
    },
    position: (i) => i + 2,
  },
  {
    name: 'xls',
    ext: '.xls',
    reader: xlsReader,
    text: false,
    controlChars: false,
    runs: 6,
    async write(path, t) {
      const ws = XLSX.utils.aoa_to_sheet([t.header, ...t.rows]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, '数据');
      await writeFile(path, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }));
    },
    position: (i) => i + 2,
  },
  {
    name: 'sql',
    ext: '.sql',
    reader: sqlReader,
    text: true,
    controlChars: true,
    runs: 25,
    async write(path, t) {
      const cols = t.header.map((h) => `  \`${h}\` varchar(255)`).join(',\n');
      const lines = [
        '-- MySQL dump 10.13',
        '/*!40101 SET NAMES utf8mb4 */;',
        '',
        `CREATE TABLE \`数据\` (\n${cols}\n) ENGINE=InnoDB;`,
        'INSERT INTO `数据` VALUES',
      ];
      const tuples = t.rows.map((r) => `(${r.map(sqlString).join(',')})`);
      const body = tuples.length ? `${tuples.join(',\n')};` : '';
      await writeFile(path, `${lines.join('\n')}\n${body}\n-- Dump completed\n`);
    },
    // 3 lines before CREATE TABLE, CREATE spans header+2 lines, then the INSERT line.
    position: () => 0,
  },
  {
    name: 'json',
    ext: '.json',
    reader: jsonReader,
    text: true,
    controlChars: true,
    runs: 25,
    async write(path, t) {
      const objs = t.rows.map((r) => JSON.stringify(Object.fromEntries(t.header.map((h, k) => [h, r[k]]))));
      await writeFile(path, `[\n${objs.join(',\n')}\n]\n`);
    },
    position: (i) => i + 2,
  },
  {
    name: 'ndjson',
    ext: '.ndjson',
    reader: ndjsonReader,
    text: true,
    controlChars: true,
    runs: 25,
    async write(path, t) {
      const objs = t.rows.map((r) => JSON.stringify(Object.fromEntries(t.header.map((h, k) => [h, r[k]]))));
      await writeFile(path, objs.map((o) => `${o}\n`).join(''));
    },
    position: (i) => i + 1,
  },
  {
    name: 'sqlite',
    ext: '.db',
    reader: sqliteReader,
    text: false,
    controlChars: true,
    runs: 15,
    async write(path, t) {
      const SQL = await initSqlJs();
      const db = new SQL.Database();
      db.run(`CREATE TABLE "数据" (${t.header.map((h) => `"${h}" TEXT`).join(', ')})`);
      const st = db.prepare(`INSERT INTO "数据" VALUES (${t.header.map(() => '?').join(', ')})`);
      for (const r of t.rows) st.run(r);
      st.free();
      await writeFile(path, db.export());
      db.close();
    },
    position: (i) => i + 1,
  },
];

// SQL: the CREATE TABLE statement spans header.length + 2 lines.
function sqlPosition(t: Table, i: number): number {
  return 3 + t.header.length + 2 + 1 + i + 1;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms (hang?)`)), ms);
  });
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function openFile(reader: ReaderModule, path: string, name: string): Promise<OpenedItem[]> {
  const bytes = await readFile(path);
  const head = bytes.subarray(0, 64 * 1024);
  return reader.open(path, { path: name, head, complete: bytes.length <= 64 * 1024 }, hints, {});
}

async function events(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

/** Reads every item fully; returns the events, or the IngestError. Any other error fails the test. */
async function readAll(
  reader: ReaderModule,
  path: string,
  name: string,
): Promise<RowEvent[][] | IngestError> {
  try {
    const items = await openFile(reader, path, name);
    const all: RowEvent[][] = [];
    for (const it of items) all.push(await events(it));
    return all;
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
}

/** Every position from 1 to `last` is covered by exactly one non-record event or by record spans, never both. */
function assertAccounted(evs: readonly RowEvent[], last: number, label: string): void {
  const non = new Set<number>();
  const covered = new Set<number>();
  for (const e of evs) {
    if (e.kind === 'non_record') {
      assert.ok(!non.has(e.line), `${label}: line ${e.line} reported twice as a non-record line`);
      non.add(e.line);
    } else if (e.kind === 'record') {
      assert.ok(e.endLine >= e.line, `${label}: record ends before it starts`);
      for (let l = e.line; l <= e.endLine; l++) covered.add(l);
    }
  }
  for (const l of non)
    assert.ok(!covered.has(l), `${label}: line ${l} is both a record and a non-record line`);
  for (let l = 1; l <= last; l++) {
    assert.ok(non.has(l) || covered.has(l), `${label}: line ${l} of ${last} is not accounted for`);
  }
  for (const l of [...non, ...covered])
    assert.ok(l >= 1 && l <= last, `${label}: position ${l} beyond ${last}`);
}

function physicalLines(text: string): number {
  if (text.length === 0) return 0;
  const nl = text.split('\n').length - 1;
  return text.endsWith('\n') ? nl : nl + 1;
}

const CJK = [...'张王李赵刘陈杨黄周吴北京市朝阳区路号'];
function valueArb(control: boolean): fc.Arbitrary<string> {
  const chars = [
    ...'abcXYZ0123456789 ,;:()-.@',
    ...CJK,
    ...(control ? ["'", '"', '\\', '\n', '\t', '`', '\r'] : ["'", '"', '\\']),
  ];
  const plain = fc.string({ unit: fc.constantFrom(...chars), maxLength: 20 });
  const id = fc.constant(null).map(() => faker.string.numeric(18));
  const person = fc.constant(null).map(() => faker.person.fullName());
  return fc.oneof(plain, id, person, fc.constant('110101199003077890'), fc.constant('0012'));
}

function tableArb(control: boolean): fc.Arbitrary<Table> {
  return fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc
      .array(
        fc.tuple(
          // the first cell is never empty, so that no row is blank (a blank sheet row is not a record)
          valueArb(control).filter((v) => v.trim().length > 0 && v === v.trim()),
          fc.array(valueArb(control), { minLength: cols - 1, maxLength: cols - 1 }),
        ),
        { maxLength: 12 },
      )
      .map((rows) => {
        const header = Array.from(
          { length: cols },
          (_, i) => `字段${i}_${['姓名', '证件', '电话', '地址', '备注'][i]}`,
        );
        for (const h of header) headerSet.add(h);
        return { header, rows: rows.map(([a, rest]) => [a, ...rest]) };
      }),
  );
}

for (const f of FORMATS) {
  describe(`conformance: ${f.name}`, () => {
    const pos = (t: Table, i: number) => (f.name === 'sql' ? sqlPosition(t, i) : f.position(i));

    test('round trip: generated tables read back exactly (values, header, count, positions, accounting)', async () => {
      await fc.assert(
        fc.asyncProperty(tableArb(f.controlChars), async (t) => {
          const p = tmp(f.ext);
          await f.write(p, t);
          const probeName = `case${f.ext}`;
          const bytes = await readFile(p);
          assert.equal(
            chooseReader({ path: probeName, head: bytes.subarray(0, 65536), complete: true }).id,
            f.reader.id,
            'the registry picks this reader',
          );
          const items = await openFile(f.reader, p, probeName);
          assert.equal(items.length, 1);
          const item = items[0]!;
          const evs = await events(item);
          const recs = evs.filter((e) => e.kind === 'record');
          assert.equal(recs.length, t.rows.length, 'record count');
          if (t.rows.length > 0 || f.name === 'sql' || f.name === 'sqlite' || !f.text) {
            if (item.layout.header !== null || t.rows.length > 0)
              assert.deepEqual(item.layout.header, t.header);
          }
          assert.deepEqual(
            recs.map((r) => r.kind === 'record' && r.fields),
            t.rows,
          );
          assert.deepEqual(
            recs.map((r) => r.line),
            t.rows.map((_, i) => pos(t, i)),
            'record positions',
          );
          assert.deepEqual(item.sample, t.rows.slice(0, 2000));
          assert.equal(item.layout.encoding === null, !f.text);
          assert.equal(item.layout.format, f.name);
          if (f.text) assertAccounted(evs, physicalLines(bytes.toString('utf8')), f.name);
          else if (!['sqlite'].includes(f.name)) assertAccounted(evs, t.rows.length + 1, f.name);
        }),
        { numRuns: f.runs * SCALE },
      );
    });

    // .xls: SheetJS' BIFF8 writer (our only .xls writer here) cuts strings at 255 characters.
    test("a huge row (a 3 MB value; .xls: the writer's 255-character limit) reads back exactly", async () => {
      const big =
        f.name === 'xls'
          ? `${'张'.repeat(200)}${'x'.repeat(55)}`
          : `${'张'.repeat(1024 * 1024)}${'x'.repeat(2 * 1024 * 1024)}`;
      const t: Table = {
        header: ['字段0_姓名', '字段1_证件'],
        rows: [
          ['a', big],
          ['b', 'c'],
        ],
      };
      for (const h of t.header) headerSet.add(h);
      const p = tmp(f.ext);
      await f.write(p, t);
      const [item] = await openFile(f.reader, p, `huge${f.ext}`);
      const recs = (await events(item!)).filter((e) => e.kind === 'record');
      assert.equal(recs.length, 2);
      const r0 = recs[0]!;
      assert.ok(r0.kind === 'record' && r0.fields[1] === big);
    });

    test('an empty file fails with a clear error or yields no record', async () => {
      const p = tmp(f.ext);
      await writeFile(p, '');
      const r = await withTimeout(readAll(f.reader, p, `empty${f.ext}`), 20000, 'empty');
      if (r instanceof IngestError) assert.match(r.message, new RegExp(`^empty\\${f.ext}`));
      else assert.equal(r.flat().filter((e) => e.kind === 'record').length, 0);
    });

    test('a truncated file never crashes or hangs, never invents records, and errors name the file', async () => {
      const t: Table = {
        header: ['字段0_姓名', '字段1_证件', '字段2_电话'],
        rows: Array.from({ length: 60 }, () => [
          faker.person.fullName(),
          faker.string.numeric(18),
          faker.phone.number(),
        ]),
      };
      for (const h of t.header) headerSet.add(h);
      const p = tmp(f.ext);
      await f.write(p, t);
      const full = await readFile(p);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: full.length - 1 }), async (cut) => {
          const q = tmp(f.ext);
          await writeFile(q, full.subarray(0, cut));
          const r = await withTimeout(readAll(f.reader, q, `cut${f.ext}`), 30000, `cut at ${cut}`);
          if (r instanceof IngestError) {
            assert.match(r.message, new RegExp(`^cut\\${f.ext}`));
            return;
          }
          const recs = r.flat().filter((e) => e.kind === 'record');
          assert.ok(
            recs.length <= t.rows.length,
            `${recs.length} records from a cut file of ${t.rows.length}`,
          );
        }),
        { numRuns: Math.max(4, Math.floor(f.runs / 2)) * SCALE },
      );
    });

    test('arbitrary bytes (plain and behind the format magic) give events or an IngestError, never a crash', async () => {
      const magic: Record<string, Uint8Array> = {
        xlsx: Buffer.from('504b0304', 'hex'),
        xls: Buffer.from('d0cf11e0a1b11ae1', 'hex'),
        sqlite: Buffer.from('SQLite format 3\0', 'latin1'),
        sql: Buffer.from('INSERT INTO t VALUES (', 'latin1'),
        json: Buffer.from('[{"a":', 'latin1'),
        ndjson: Buffer.from('{"a":1}\n{', 'latin1'),
      };
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), async (bytes, withMagic) => {
          const q = tmp(f.ext);
          await writeFile(q, withMagic ? Buffer.concat([magic[f.name]!, bytes]) : bytes);
          await withTimeout(readAll(f.reader, q, `junk${f.ext}`), 30000, 'junk');
        }),
        { numRuns: f.runs * SCALE },
      );
    });
  });
}
