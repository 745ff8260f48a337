import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { IngestError } from '../../../core/errors.js';
import { detectEncoding } from '../../encoding/detect.js';
import type { OpenedItem, RowEvent } from '../../source.js';
import { sqlReader } from './index.js';
import { detectDialect, openSqlDump, type SqlOptions } from './reader.js';
import { hexText } from './scanner.js';

let dir = '';
let n = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-sql-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(text: string | Uint8Array, opts: SqlOptions = {}): Promise<OpenedItem[]> {
  const p = join(dir, `d${n++}.sql`);
  await writeFile(p, text);
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const enc = detectEncoding(bytes.subarray(0, 65536), bytes.length <= 65536);
  const head = new TextDecoder(enc.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(
    bytes.subarray(0, 65536),
  );
  return openSqlDump(p, 'dump.sql', enc, head, opts);
}

async function all(item: OpenedItem): Promise<RowEvent[]> {
  const out: RowEvent[] = [];
  for await (const e of item.rows()) out.push(e);
  return out;
}

const short = (e: RowEvent) =>
  e.kind === 'record'
    ? `R${e.line}${e.endLine !== e.line ? `-${e.endLine}` : ''}`
    : e.kind === 'non_record'
      ? `${e.reason[0]}${e.line}`
      : `W${e.line}`;

function records(evs: RowEvent[]): string[][] {
  return evs.flatMap((e) => (e.kind === 'record' ? [e.fields] : []));
}

/** Lines accounted by an item: non-record lines and record spans. */
function accounted(evs: RowEvent[]): Set<number> {
  const s = new Set<number>();
  for (const e of evs) {
    if (e.kind === 'non_record') {
      assert.ok(!s.has(e.line) || false, `line ${e.line} twice`);
      s.add(e.line);
    } else if (e.kind === 'record') for (let l = e.line; l <= e.endLine; l++) s.add(l);
  }
  return s;
}

const MYSQLDUMP = `-- MySQL dump 10.13  Distrib 8.0.36
/*!40101 SET NAMES utf8mb4 */;

--
-- Table structure for table \`users\`
--

DROP TABLE IF EXISTS \`users\`;
CREATE TABLE \`users\` (
  \`id\` int NOT NULL AUTO_INCREMENT,
  \`name\` varchar(20) DEFAULT NULL,
  \`idno\` char(18),
  \`note\` text,
  PRIMARY KEY (\`id\`),
  KEY \`k\` (\`name\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES \`users\` WRITE;
/*!40000 ALTER TABLE \`users\` DISABLE KEYS */;
INSERT INTO \`users\` VALUES (1,'张三','11010519491231002X','it\\'s; ok'),(2,'李四',NULL,'a\\nb\\\\c'),(3,_binary 'x',0x3133383030313338303030,'O''Brien');
INSERT INTO \`users\` VALUES
(4,'王五','110105194912310037','multi
line'),
(5,'赵六','','\\0\\Z');
/*!40000 ALTER TABLE \`users\` ENABLE KEYS */;
UNLOCK TABLES;
CREATE TABLE orders (oid int, phone varchar(11));
INSERT INTO orders (phone, oid) VALUES ('13800138000', 7);
-- Dump completed
`;

describe('SQL dump reader', () => {
  test('mysqldump: one item per table, escapes, NULL, _binary, hex, multi-line tuples, line accounting', async () => {
    const items = await open(MYSQLDUMP);
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#users', '#orders'],
    );
    const [users, orders] = items as [OpenedItem, OpenedItem];
    assert.deepEqual(users.layout.header, ['id', 'name', 'idno', 'note']);
    assert.equal(users.layout.headerLine, 9);
    assert.equal(users.layout.format, 'sql');
    assert.equal(users.layout.encoding?.encoding, 'utf-8');
    const ue = await all(users);
    assert.deepEqual(records(ue), [
      ['1', '张三', '11010519491231002X', "it's; ok"],
      ['2', '李四', '', 'a\nb\\c'],
      ['3', 'x', '13800138000', "O'Brien"],
      ['4', '王五', '110105194912310037', 'multi\nline'],
      ['5', '赵六', '', '\u0000\u001a'],
    ]);
    assert.deepEqual(ue.map(short), [
      'c1',
      'c2',
      'b3',
      'c4',
      'c5',
      'c6',
      'b7',
      'c8',
      'c9',
      'c10',
      'c11',
      'c12',
      'c13',
      'c14',
      'c15',
      'c16',
      'b17',
      'c18',
      'c19',
      'R20',
      'R20',
      'R20',
      's21',
      'R22-23',
      'R24',
      'c25',
      'c26',
    ]);
    assert.deepEqual(users.sample, records(ue));
    const oe = await all(orders);
    assert.deepEqual(orders.layout.header, ['oid', 'phone']);
    assert.deepEqual(oe.map(short), ['c27', 'R28', 'c29']);
    assert.deepEqual(records(oe), [['7', '13800138000']]);
    // Every physical line belongs to exactly one of the two items.
    const a = accounted(ue);
    const b = accounted(oe);
    for (let l = 1; l <= 29; l++) assert.ok(a.has(l) !== b.has(l), `line ${l}`);
  });

  test('PostgreSQL: COPY blocks with \\N and escapes, schema-qualified names, dollar-quoted bodies, E strings', async () => {
    const dump = [
      '--',
      '-- PostgreSQL database dump',
      '--',
      'SET standard_conforming_strings = on;',
      'CREATE FUNCTION public.f() RETURNS trigger AS $$ BEGIN INSERT INTO public.log VALUES (1); RETURN NEW; END; $$ LANGUAGE plpgsql;',
      'CREATE TABLE public.users (',
      '    id integer NOT NULL,',
      '    name text,',
      '    note text',
      ');',
      'COPY public.users (id, name, note) FROM stdin;',
      '1\t张三\t\\N',
      '2\t李\\t四\tback\\\\slash\\nnl',
      '\\.',
      '',
      "INSERT INTO public.users VALUES (3, 'C:\\path', E'tab\\there');",
      'ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);',
    ].join('\n');
    assert.equal(detectDialect(dump), 'pg');
    const items = await open(`${dump}\n`);
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#public.users'],
    );
    const ev = await all(items[0]!);
    assert.deepEqual(records(ev), [
      ['1', '张三', ''],
      ['2', '李\t四', 'back\\slash\nnl'],
      ['3', 'C:\\path', 'tab\there'],
    ]);
    assert.deepEqual(ev.map(short), [
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
      'c8',
      'c9',
      'c10',
      's11',
      'R12',
      'R13',
      's14',
      'b15',
      'R16',
      'c17',
    ]);
  });

  test('GB18030 dump decodes Chinese text', async () => {
    // Build GB18030 bytes for the characters we need from the decoder's own table.
    const want = new Set([...'张三北京市']);
    const enc = new Map<string, number[]>();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe && enc.size < want.size; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        const c = dec.decode(new Uint8Array([a, b]));
        if (want.has(c) && !enc.has(c)) enc.set(c, [a, b]);
      }
    const text = "INSERT INTO t VALUES ('张三','北京市');\n";
    const bytes: number[] = [];
    for (const ch of text) {
      const g = enc.get(ch);
      if (g) bytes.push(...g);
      else bytes.push(ch.charCodeAt(0));
    }
    const items = await open(new Uint8Array(bytes));
    assert.equal(items[0]!.layout.encoding?.encoding, 'gb18030');
    assert.deepEqual(records(await all(items[0]!)), [['张三', '北京市']]);
    assert.equal(items[0]!.layout.header, null);
  });

  test('interleaved tables: each item seeks to its own parts; results do not depend on chunk size', async () => {
    const parts: string[] = ['/* header */', 'SET x = 1;', ''];
    for (let k = 0; k < 30; k++) {
      parts.push(`-- block ${k}`);
      parts.push(`INSERT INTO a (x, y) VALUES (${k}, 'a${k}'),\n  (${k + 100}, 'b;${k}');`);
      parts.push('');
      parts.push(`INSERT INTO b VALUES ('${k}');INSERT INTO c VALUES (${k});`);
    }
    parts.push('UNLOCK TABLES;', '-- end');
    const text = `${parts.join('\n')}\n`;
    const totalLines = text.split('\n').length - 1;
    const reference = await open(text);
    const refEvents = await Promise.all(reference.map(all));
    assert.deepEqual(
      reference.map((i) => i.suffix),
      ['#a', '#b', '#c'],
    );
    assert.equal(records(refEvents[0]!).length, 60);
    assert.equal(records(refEvents[1]!).length, 30);
    assert.equal(records(refEvents[2]!).length, 30);
    assert.deepEqual(records(refEvents[0]!)[1], ['100', 'b;0']);
    const union = new Set<number>();
    for (const ev of refEvents) for (const l of accounted(ev)) union.add(l);
    assert.equal(union.size, totalLines);
    // Every chunk size around the text's last lines (62–64 once cut `UNLOCK TABLES;` to `UNLOCK `: the buffer
    // dropped the start of a line whose statement had ended inside it), then random ones.
    for (let chunk = 48; chunk <= 80; chunk++) {
      const items = await open(text, { chunkBytes: chunk });
      assert.deepEqual(await Promise.all(items.map(all)), refEvents, `chunk ${chunk}`);
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4096 }), async (chunk) => {
        const items = await open(text, { chunkBytes: chunk });
        const evs = await Promise.all(items.map(all));
        assert.deepEqual(evs, refEvents);
      }),
      { numRuns: 25 },
    );
  });

  test('a multi-megabyte extended INSERT on one line: every tuple is a record on that line', async () => {
    const tuples = Array.from(
      { length: 40000 },
      (_, i) => `(${i},'13800${String(i).padStart(6, '0')}','${'x'.repeat(60)}')`,
    );
    const text = `CREATE TABLE t (id int, phone char(11), pad text);\nINSERT INTO t VALUES ${tuples.join(',')};\n`;
    assert.ok(text.length > 3_000_000);
    const [item] = await open(text);
    const ev = await all(item!);
    const recs = ev.filter((e) => e.kind === 'record');
    assert.equal(recs.length, 40000);
    assert.ok(recs.every((r) => r.line === 2 && r.endLine === 2));
    assert.deepEqual(records(ev)[39999], ['39999', '13800039999', 'x'.repeat(60)]);
  });

  test('DELIMITER blocks: an INSERT inside a procedure body is not a record', async () => {
    const text = [
      'CREATE TABLE t (a int);',
      'DELIMITER ;;',
      'CREATE PROCEDURE p()',
      'BEGIN',
      '  INSERT INTO t VALUES (99);',
      'END ;;',
      'DELIMITER ;',
      'INSERT INTO t VALUES (1),(2);',
    ].join('\n');
    const [item] = await open(text);
    assert.deepEqual(records(await all(item!)), [['1'], ['2']]);
  });

  test('a dump cut inside a tuple keeps the tuples before it and counts the cut one with a warning', async () => {
    const [item] = await open(
      "CREATE TABLE t (a text, b text);\nINSERT INTO t VALUES ('1','x'),('2','unterminated",
    );
    const ev = await all(item!);
    assert.deepEqual(records(ev), [
      ['1', 'x'],
      ['2', 'unterminated'],
    ]);
    assert.ok(ev.some((e) => e.kind === 'warning' && e.warning === 'unbalanced_quote' && e.line === 2));
  });

  test('column lists: values are placed by name; a wrong value count is warned', async () => {
    const text = [
      'CREATE TABLE t (a text, b text, c text);',
      "INSERT INTO t (c, a) VALUES ('C', 'A');",
      "INSERT INTO t VALUES ('1','2');",
      "INSERT INTO u (x, y) VALUES ('x1', 'y1');",
    ].join('\n');
    const [t, u] = await open(text);
    const te = await all(t!);
    assert.deepEqual(records(te), [
      ['A', '', 'C'],
      ['1', '2', ''],
    ]);
    assert.ok(te.some((e) => e.kind === 'warning' && e.warning === 'field_count' && e.line === 3));
    assert.deepEqual(u!.layout.header, ['x', 'y']);
    assert.equal(u!.layout.headerLine, 4);
  });

  test('INSERT … SET and INSERT … SELECT are not records but each leaves an unparsed_statement warning', async () => {
    const text = [
      'CREATE TABLE t (name text, phone text);',
      "INSERT INTO t VALUES ('张三','13800138000');",
      "INSERT INTO t SET name = '李四', phone = '13900139000';",
      "REPLACE INTO t SET name = '王五',",
      "  phone = '13700137000';",
      'INSERT INTO t (name, phone) SELECT name, phone FROM old_t;',
      "INSERT INTO nowhere SET x = '1';",
      "INSERT INTO t VALUES ('赵六','13600136000');",
    ].join('\n');
    const items = await open(text);
    assert.equal(items.length, 1, 'a table with only an INSERT … SET is no item of its own');
    const ev = await all(items[0]!);
    assert.deepEqual(records(ev), [
      ['张三', '13800138000'],
      ['赵六', '13600136000'],
    ]);
    const warned = ev.flatMap((e) => (e.kind === 'warning' ? [[e.line, e.warning, e.detail] as const] : []));
    assert.deepEqual(
      warned.map(([line, kind]) => [line, kind]),
      [
        [3, 'unparsed_statement'],
        [4, 'unparsed_statement'],
        [6, 'unparsed_statement'],
        [7, 'unparsed_statement'],
      ],
    );
    assert.match(warned[0]![2], /^INSERT … SET statement into t: .*not counted/);
    assert.match(warned[1]![2], /^REPLACE … SET statement into t/);
    assert.match(warned[2]![2], /^INSERT … SELECT statement into t: it copies rows from a query/);
    assert.match(warned[3]![2], /^INSERT … SET statement into nowhere/);
    // every line is still accounted for exactly once (the statements are non-record lines as before)
    assert.deepEqual(
      [...accounted(ev)].sort((a, b) => a - b),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
  });

  test('SQL Server script: [brackets], N strings, GO separators, statements without ;', async () => {
    const text = [
      'SET ANSI_NULLS ON',
      'GO',
      "INSERT INTO [dbo].[客户] ([姓名], [电话]) VALUES (N'张三', N'13800138000')",
      "INSERT INTO [dbo].[客户] ([姓名], [电话]) VALUES (N'李四', NULL)",
      'GO',
    ].join('\r\n');
    const items = await open(text);
    assert.deepEqual(
      items.map((i) => i.suffix),
      ['#dbo.客户'],
    );
    const ev = await all(items[0]!);
    assert.deepEqual(records(ev), [
      ['张三', '13800138000'],
      ['李四', ''],
    ]);
    assert.deepEqual(ev.map(short), ['c1', 'c2', 'R3', 'R4', 'c5']);
  });

  test('a dump with no table is one item with only non-record lines', async () => {
    const items = await open('-- nothing here\n\nSELECT 1;\n');
    assert.equal(items.length, 1);
    assert.equal(items[0]!.suffix, null);
    assert.deepEqual((await all(items[0]!)).map(short), ['c1', 'b2', 'c3']);
  });

  test('an over-long tuple fails with the file and line', async () => {
    const text = `INSERT INTO t VALUES ('${'x'.repeat(5000)}');\n`;
    await assert.rejects(open(text, { maxElementChars: 1000 }), (e: unknown) => {
      assert.ok(e instanceof IngestError);
      assert.match(e.message, /^dump\.sql: line 1: .*longer than 1000 characters/);
      return true;
    });
  });

  test('hex literals become text only when they are clean UTF-8', () => {
    assert.equal(hexText('E5BCA0', "X'E5BCA0'"), '张');
    assert.equal(hexText('00FF', '0x00FF'), '0x00FF');
    assert.equal(hexText('ABC', '0xABC'), '0xABC');
  });

  test('sniff: .sql, or dump statements at the head of a text file; never opens binary', async () => {
    const probe = (path: string, text: string) => ({
      path,
      head: new TextEncoder().encode(text),
      complete: true,
    });
    assert.equal(sqlReader.sniff(probe('x.sql', '')), 0.9);
    assert.ok(sqlReader.sniff(probe('x.txt', '-- MySQL dump 10.13\n')) > 0.5);
    assert.equal(sqlReader.sniff(probe('x.txt', 'name,phone\n')), 0);
    const p = join(dir, 'bin.sql');
    await writeFile(p, Buffer.from([0, 1, 2, 3, 0, 0, 9]));
    await assert.rejects(
      sqlReader.open(
        p,
        { path: 'bin.sql', head: Buffer.from([0, 1, 2, 3, 0, 0, 9]), complete: true },
        { isHeaderWord: () => false, looksLikeValue: () => false },
        {},
      ),
      /^IngestError|bin\.sql: binary content/,
    );
    assert.deepEqual(
      (await readdir(dir)).filter((f) => !f.endsWith('.sql')),
      [],
      'no side files are written',
    );
  });
});

describe('SQL dump reader: damaged bytes', () => {
  test('a tuple with bytes invalid for the encoding gets an invalid_bytes warning', async () => {
    const good = Buffer.from("INSERT INTO t VALUES ('张三','ok');\nINSERT INTO t VALUES ('", 'utf8');
    const bytes = Buffer.concat([good, Buffer.from([0xe5, 0x28]), Buffer.from("');\n")]);
    const p = join(dir, 'bad-bytes.sql');
    await writeFile(p, bytes);
    const items = await openSqlDump(
      p,
      'dump.sql',
      { encoding: 'utf-8', confidence: 1, bomLength: 0, evidence: 't' },
      bytes.toString('utf8'),
    );
    const ev = await all(items[0]!);
    assert.equal(ev.filter((e) => e.kind === 'record').length, 2);
    assert.ok(ev.some((e) => e.kind === 'warning' && e.warning === 'invalid_bytes' && e.line === 2));
  });
});
