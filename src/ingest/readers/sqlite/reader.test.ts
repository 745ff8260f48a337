import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import initSqlJs from 'sql.js';
import { IngestError } from '../../../core/errors.js';
import type { OpenedItem, RowEvent } from '../../source.js';
import { sqliteReader } from './index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-sqlite-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hints = { isHeaderWord: () => false, looksLikeValue: () => false };

async function makeDb(name: string, sql: string, mutate?: (b: Uint8Array) => void): Promise<string> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(sql);
  const bytes = db.export();
  db.close();
  mutate?.(bytes);
  const p = join(dir, name);
  await writeFile(p, bytes);
  return p;
}

async function open(p: string, name: string): Promise<OpenedItem[]> {
  const b = await readFile(p);
  return sqliteReader.open(
    p,
    { path: name, head: b.subarray(0, 65536), complete: b.length <= 65536 },
    hints,
    {},
  );
}

async function all(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

describe('SQLite reader', () => {
  test('every table is an item; 64-bit integers exact, reals at 15 digits, blobs, NULL, rowid order', async () => {
    const p = await makeDb(
      'app.db',
      `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, idno INTEGER, score REAL, pic BLOB, "we""ird" TEXT);
       INSERT INTO users VALUES (5,NULL,NULL, 1.10101199003077e17, x'00FF', NULL);
       INSERT INTO users VALUES (1,'张三',110101199003077890, 0.1, x'E5BCA0', 'q');
       CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID; INSERT INTO kv VALUES ('b','2'),('a','1');
       CREATE TABLE empty (x TEXT);`,
    );
    const before = await readdir(dir);
    const items = await open(p, 'app.db');
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#users', '#kv', '#empty'],
    );
    const u = items[0]!;
    assert.equal(u.layout.format, 'sqlite');
    assert.equal(u.layout.encoding, null);
    assert.deepEqual(u.layout.header, ['id', 'name', 'idno', 'score', 'pic', 'we"ird']);
    assert.deepEqual(await all(u), [
      { kind: 'record', line: 1, endLine: 1, fields: ['1', '张三', '110101199003077890', '0.1', '张', 'q'] },
      { kind: 'record', line: 2, endLine: 2, fields: ['5', '', '', '1.10101E+17', "X'00FF'", ''] },
    ]);
    assert.deepEqual(u.sample.length, 2);
    assert.deepEqual(
      (await all(items[1]!)).map((e) => e.kind === 'record' && e.fields),
      [
        ['a', '1'],
        ['b', '2'],
      ],
    );
    assert.deepEqual(await all(items[2]!), []);
    assert.deepEqual(await readdir(dir), before, 'no journal, -wal or -shm file beside the evidence');
  });

  test('a WAL-mode database is read from the main file without creating side files', async () => {
    const p = await makeDb('wal.db', "CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('x');", (b) => {
      b[18] = 2;
      b[19] = 2;
    });
    const before = await readdir(dir);
    const [it] = await open(p, 'wal.db');
    assert.deepEqual((await all(it!)).length, 1);
    assert.deepEqual(await readdir(dir), before);
  });

  test('damaged and truncated databases fail with a clear error naming the file', async () => {
    const p = await makeDb('ok.db', "CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('x');");
    const b = await readFile(p);
    const q = join(dir, 'bad.db');
    const junk = Buffer.from(b);
    junk.fill(0x5a, 100);
    await writeFile(q, junk);
    await assert.rejects(
      open(q, 'bad.db'),
      (e: unknown) => e instanceof IngestError && /^bad\.db/.test(e.message),
    );
    await writeFile(q, b.subarray(0, 50));
    await assert.rejects(open(q, 'bad.db'), /bad\.db: 50 bytes: too short/);
  });

  test('sniff: only the SQLite magic', () => {
    assert.equal(
      sqliteReader.sniff({
        path: 'x.bin',
        head: Buffer.from('SQLite format 3\0xxxx', 'latin1'),
        complete: true,
      }),
      1,
    );
    assert.equal(sqliteReader.sniff({ path: 'x.db', head: Buffer.from('hello'), complete: true }), 0);
  });
});
