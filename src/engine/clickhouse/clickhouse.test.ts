/**
 * ClickHouse engine specifics: the pure parts (URL parsing, literals, staging conversion, cluster discovery) always;
 * the parts that need servers (literal round trip, routing, database life cycle, refusals) when
 * `XINJIAN_CLICKHOUSE_URL` is set. The counting itself is proven by engine.case.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ForensicError } from '../../core/errors.js';
import { pickCluster } from './cluster.js';
import { parseByteSize, parseClickHouseUrl } from './config.js';
import {
  chIdent,
  chInt,
  chString,
  compareBytes,
  distinctCountSql,
  occurrencesSql,
  remappedCategory,
  topDuplicatesSql,
} from './dialect.js';
import { ClickHouseEngine } from './engine.js';
import { ClickHouseHttp } from './http.js';
import { stagingAsClickHouseTsv } from './staging.js';

const URL_ENV = process.env['XINJIAN_CLICKHOUSE_URL']?.trim() ?? '';
const SKIP = URL_ENV === '' ? 'XINJIAN_CLICKHOUSE_URL is not set: no ClickHouse cluster to test' : false;

test('only engine/clickhouse talks to ClickHouse; outside engine/ nothing imports it', () => {
  // Compiled tests run from dist/: always read the sources.
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(src);
  const offenders: string[] = [];
  for (const f of files) {
    const rel = relative(src, f).replaceAll('\\', '/');
    const specs = [
      ...readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ].map((m) => m[1]!);
    for (const spec of specs) {
      const client = /^@clickhouse\/|^chdb/.test(spec);
      const internal =
        spec.startsWith('.') && resolve(dirname(f), spec).includes(`${join('engine', 'clickhouse')}`);
      if (client && !rel.startsWith('engine/clickhouse/')) offenders.push(`${rel} imports ${spec}`);
      if (internal && !rel.startsWith('engine/')) offenders.push(`${rel} imports ${spec}`);
    }
  }
  assert.ok(files.length > 50);
  assert.deepEqual(offenders, []);
});

describe('cluster description', () => {
  test('shard URLs, options from any URL, credentials as Basic auth', () => {
    const c = parseClickHouseUrl(
      ' http://u:p%40ss@127.0.0.1:18123 , http://127.0.0.1:18124/?cluster=xinjian&keep=1&max_threads=4',
      '1GB',
    );
    assert.deepEqual(
      c.servers.map((s) => [s.origin, s.label]),
      [
        ['http://127.0.0.1:18123', '127.0.0.1:18123'],
        ['http://127.0.0.1:18124', '127.0.0.1:18124'],
      ],
    );
    assert.equal(c.servers[0]!.authorization, `Basic ${Buffer.from('u:p@ss').toString('base64')}`);
    assert.equal(c.servers[1]!.authorization, null);
    assert.equal(c.cluster, 'xinjian');
    assert.equal(c.keep, true);
    assert.equal(c.database, null);
    assert.deepEqual(c.settings, {
      max_memory_usage: 1e9,
      max_bytes_before_external_group_by: 5e8,
      max_bytes_before_external_sort: 5e8,
      max_threads: 4,
      max_insert_block_size: 1_048_576,
    });
    assert.equal(parseClickHouseUrl('https://h').servers[0]!.origin, 'https://h:443');
  });

  test('refuses what it cannot use, without echoing passwords', () => {
    const bad = [
      '',
      'clickhouse://h:9000',
      'http://h:8123/db',
      'http://h:8123,http://h:8123',
      'http://h:8123?cluster=a,http://g:8123?cluster=b',
      'http://h:8123?unknown=1',
      'http://h:8123?database=x;drop',
      'http://h:8123?cluster=a b',
      'http://h:8123?max_memory_usage=1e9',
      'http://h:8123?keep=yes',
    ];
    for (const b of bad) assert.throws(() => parseClickHouseUrl(b), /ClickHouse|cluster|database|keep/, b);
    assert.throws(
      () => parseClickHouseUrl('http://user:secret@'),
      (e: Error) => !e.message.includes('secret'),
    );
  });

  test('memory sizes as DuckDB writes them', () => {
    assert.equal(parseByteSize('2GB'), 2e9);
    assert.equal(parseByteSize('512MiB'), 512 * 2 ** 20);
    assert.equal(parseByteSize('1.5 gb'), 1.5e9);
    assert.throws(() => parseByteSize('lots'));
    assert.throws(() => parseByteSize('0GB'));
  });
});

describe('SQL literals', () => {
  test('strings: quote, backslash and control characters escaped; text as is', () => {
    assert.equal(chString("O'Brien"), "'O\\'Brien'");
    assert.equal(chString('a\\b'), "'a\\\\b'");
    assert.equal(chString('\u0000\u001f\u007f\t'), "'\\x00\\x1f\\x7f\\x09'");
    assert.equal(chString('张三😀'), "'张三😀'");
    assert.throws(() => chString('\ud800x'), ForensicError);
  });

  test('integers and identifiers are validated', () => {
    assert.equal(chInt(-12), '-12');
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) assert.throws(() => chInt(n));
    assert.equal(chIdent('xinjian_1'), '`xinjian_1`');
    assert.throws(() => chIdent('a`b'));
  });

  test('remap and stripped-key expressions', () => {
    assert.equal(remappedCategory(undefined), 'category');
    assert.equal(remappedCategory(new Map()), 'category');
    assert.equal(
      remappedCategory(
        new Map([
          [7, "x'"],
          [2, 'y'],
        ]),
      ),
      "multiIf(item = 2, 'y', item = 7, 'x\\'', category)",
    );
    assert.throws(() => remappedCategory(new Map([[1.5, 'y']])));
  });

  test('the counting SQL, pinned', () => {
    assert.equal(
      distinctCountSql('`d`.`records_local`', 'category', 'exact_key', true),
      'SELECT holder, cat, sum(n) AS valid, count() AS distinct_keys FROM (SELECT holder, category AS cat, ' +
        'exact_key AS k, count() AS n FROM `d`.`records_local` GROUP BY holder, cat, k) GROUP BY holder, cat',
    );
    assert.equal(
      distinctCountSql('t', 'category', 'subject_key', false),
      'SELECT cat, sum(n) AS valid, count() AS distinct_keys FROM (SELECT category AS cat, subject_key AS k, ' +
        'count() AS n FROM t GROUP BY cat, k) GROUP BY cat',
    );
    assert.equal(
      topDuplicatesSql('t', 20),
      'SELECT holder, category, exact_key, count() AS n, min(item) AS mi, min(line) AS ml FROM t ' +
        'GROUP BY holder, category, exact_key HAVING count() > 1 ' +
        'ORDER BY n DESC, mi, ml, holder, category, exact_key LIMIT 20',
    );
    assert.equal(
      occurrencesSql('t', [{ holder: 1, category: 'c', exactKey: "c\u001fk'" }], 5),
      'SELECT holder, category, exact_key, item, line FROM t ' +
        "WHERE (holder, category, exact_key) IN ((1, 'c', 'c\\x1fk\\'')) " +
        'ORDER BY holder, category, exact_key, item, line LIMIT 5 BY holder, category, exact_key',
    );
    assert.throws(() => topDuplicatesSql('t', 1.5));
  });

  test('byte order, not UTF-16 order', () => {
    assert.ok(compareBytes('\uff21', '😀') < 0);
    assert.ok('\uff21' > '😀'); // what JavaScript's own comparison would say
  });
});

describe('staging conversion', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-ch-staging-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const convert = async (text: string | Buffer) => {
    const f = join(dir, 'f.tsv');
    await writeFile(f, text);
    const counter = { rows: 0 };
    const chunks: Buffer[] = [];
    for await (const c of stagingAsClickHouseTsv([f], counter)) chunks.push(c);
    return { text: Buffer.concat(chunks).toString('utf8'), rows: counter.rows };
  };

  test('backslashes doubled, blank lines and a BOM dropped, final newline added', async () => {
    const r = await convert(
      '\ufeff0\t1\t2\tcat\tk\\x09\\\tsub\n\n-1\t0\t99999999999\tc\t\\N-not-null\t\u0000',
    );
    assert.equal(r.rows, 2);
    assert.equal(r.text, '0\t1\t2\tcat\tk\\\\x09\\\\\tsub\n-1\t0\t99999999999\tc\t\\\\N-not-null\t\u0000\n');
    assert.deepEqual(await convert(''), { text: '', rows: 0 });
  });

  test('a field of exactly \\N, NULL or quotes is text: passed on with the backslash doubled', async () => {
    const r = await convert('0\t1\t2\t\\N\t\\N\t\\N\n0\t1\t3\tNULL\t"\t\\\n');
    assert.equal(r.rows, 2);
    assert.equal(r.text, '0\t1\t2\t\\\\N\t\\\\N\t\\\\N\n0\t1\t3\tNULL\t"\t\\\\\n');
  });

  test('refuses what DuckDB would read differently, naming file and line', async () => {
    const cases: [string | Buffer, RegExp][] = [
      ['0\t1\t2\tc\tk\ts\r\n', /line 1: carriage return/],
      ['0\t1\t2\tc\tk\n', /5 fields, expected 6/],
      ['0\t1\t2\tc\tk\ts\tx\n', /7 fields/],
      ['+5\t1\t2\tc\tk\ts\n', /holder is not a plain integer/],
      ['5\t\t2\tc\tk\ts\n', /item is not a plain integer/],
      ['3000000000\t1\t2\tc\tk\ts\n', /holder is outside INTEGER range/],
      ['1\t1\t9999999999999999999\tc\tk\ts\n', /line is outside BIGINT range/],
      [
        Buffer.from([0x30, 0x09, 0x31, 0x09, 0x32, 0x09, 0xff, 0x09, 0x6b, 0x09, 0x73, 0x0a]),
        /invalid UTF-8/,
      ],
    ];
    for (const [input, re] of cases) {
      await assert.rejects(
        convert(input),
        (e: Error) => e instanceof ForensicError && re.test(e.message),
        String(re),
      );
    }
  });
});

describe('cluster discovery', () => {
  const servers = [
    { origin: 'http://a:1', label: 'a:1', authorization: null },
    { origin: 'http://b:1', label: 'b:1', authorization: null },
  ];
  const layout = [
    ['xinjian', 1, '1'],
    ['xinjian', 2, '1'],
    ['single', 1, '1'],
    ['replicated', 1, '2'],
    ['replicated', 2, '2'],
  ];
  test('finds the cluster whose shards are exactly the servers, in any order', () => {
    const locals = [
      [
        ['xinjian', 2, 1],
        ['single', 1, 1],
      ],
      [['xinjian', 1, 1]],
    ];
    assert.deepEqual(pickCluster({ cluster: null, servers }, layout, locals), {
      cluster: 'xinjian',
      shardNums: [2, 1],
    });
  });
  test('explains why a named cluster does not fit', () => {
    const locals = [
      [
        ['xinjian', 1, 1],
        ['replicated', 1, 1],
      ],
      [
        ['xinjian', 1, 1],
        ['replicated', 2, 1],
      ],
    ];
    assert.throws(() => pickCluster({ cluster: 'xinjian', servers }, layout, locals), /same shard/);
    assert.throws(() => pickCluster({ cluster: 'replicated', servers }, layout, locals), /replicated/);
    assert.throws(() => pickCluster({ cluster: 'nope', servers }, layout, locals), /not defined/);
    assert.throws(() => pickCluster({ cluster: 'single', servers }, layout, locals), /1 shard/);
  });
});

describe('ClickHouse servers', { skip: SKIP }, () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-ch-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const settings = (extra = '') => ({
    workDir: join(dir, 'w'),
    memoryLimit: '512MB',
    threads: 1,
    clickhouse: URL_ENV + extra,
  });
  const databases = async (): Promise<string[][]> => {
    const config = parseClickHouseUrl(URL_ENV);
    return Promise.all(
      config.servers.map(async (s) => {
        const h = new ClickHouseHttp(s);
        try {
          return (
            await h.query('list', "SELECT name FROM system.databases WHERE name LIKE 'xinjian%'")
          ).data.map((r) => String(r[0]));
        } finally {
          h.close();
        }
      }),
    );
  };

  test('every string literal round-trips through the server byte for byte', async () => {
    const h = new ClickHouseHttp(parseClickHouseUrl(URL_ENV).servers[0]!);
    try {
      const samples = [
        Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join(''),
        "O'Brien \\' \\\\ \\x41 \\N",
        '张三 北京市朝阳区 😀 \uff21 é',
        '\u001f\u001f',
        '',
      ];
      for (const s of samples) {
        const r = await h.query('literal', `SELECT hex(${chString(s)}) AS h, ${chString(s)} AS s`);
        assert.equal(r.data[0]![0], Buffer.from(s, 'utf8').toString('hex').toUpperCase());
        assert.equal(r.data[0]![1], s);
      }
    } finally {
      h.close();
    }
  });

  test('version, routing over both shards, and the database dropped on close', async () => {
    const e = await ClickHouseEngine.create(settings());
    const db = e.database;
    try {
      assert.match(await e.version(), /^clickhouse \d+\.\d+\.\d+ \(\d+ shards?\)$/);
      assert.ok((await databases()).every((names) => names.includes(db)));
      const file = join(dir, 'r.tsv');
      const lines: string[] = [];
      for (let i = 0; i < 2000; i++)
        lines.push(`0\t${i % 3}\t${i}\tgeneral\tgeneral\u001fk${i % 700}\tid:${i % 500}\n`);
      await writeFile(file, lines.join(''));
      assert.equal(await e.load([file]), 2000);
      // Every shard got a share, and no exact key or subject is on two shards.
      const config = parseClickHouseUrl(URL_ENV);
      const per = await Promise.all(
        config.servers.map(async (s) => {
          const h = new ClickHouseHttp(s);
          try {
            const rk = await h.query('keys', `SELECT DISTINCT exact_key FROM ${chIdent(db)}.records_local`);
            const sk = await h.query(
              'subjects',
              `SELECT DISTINCT subject_key FROM ${chIdent(db)}.subjects_local`,
            );
            return { keys: rk.data.map((r) => String(r[0])), subjects: sk.data.map((r) => String(r[0])) };
          } finally {
            h.close();
          }
        }),
      );
      if (per.length > 1) assert.ok(per.every((p) => p.keys.length > 0 && p.subjects.length > 0));
      assert.equal(
        new Set(per.flatMap((p) => p.keys)).size,
        per.reduce((a, p) => a + p.keys.length, 0),
      );
      assert.equal(
        new Set(per.flatMap((p) => p.subjects)).size,
        per.reduce((a, p) => a + p.subjects.length, 0),
      );
      assert.equal(new Set(per.flatMap((p) => p.keys)).size, 700);
    } finally {
      await e.close();
    }
    assert.ok((await databases()).every((names) => !names.includes(db)));
    await e.close(); // twice is harmless
  });

  test('a large load goes up as several bounded INSERTs and arrives whole', async () => {
    // 24 MB limit → about 1.5 MB per INSERT request (whole 1 MiB read chunks); ~5.6 MB of staging text.
    const e = await ClickHouseEngine.create({ ...settings(), memoryLimit: '24MB' });
    const insert = ClickHouseHttp.prototype.insert;
    let inserts = 0;
    ClickHouseHttp.prototype.insert = function (this: ClickHouseHttp, ...args: Parameters<typeof insert>) {
      inserts++;
      return insert.apply(this, args);
    };
    try {
      const file = join(dir, 'big.tsv');
      const lines: string[] = [];
      for (let i = 0; i < 40_000; i++) {
        lines.push(
          `${i % 3}\t${i % 7}\t${i}\tgeneral\tgeneral\u001f${'键'.repeat(30)}${i % 9000}\tid:${i % 5000}\n`,
        );
      }
      await writeFile(file, lines.join(''));
      assert.equal(await e.load([file]), 40_000);
      assert.ok(inserts >= 3, `${inserts} INSERT requests`);
      const all = (await e.tallies()).find((t) => t.holder === null)!;
      assert.deepEqual(all, {
        holder: null,
        category: 'general',
        valid: 40_000,
        records: 9000,
        subjects: 5000,
      });
    } finally {
      ClickHouseHttp.prototype.insert = insert;
      await e.close();
    }
  });

  test('keep=1 leaves the database for inspection', async () => {
    const e = await ClickHouseEngine.create(settings('?keep=1'));
    const db = e.database;
    await e.close();
    assert.ok((await databases()).every((names) => names.includes(db)));
    const config = parseClickHouseUrl(URL_ENV);
    for (const s of config.servers) {
      const h = new ClickHouseHttp(s);
      await h.command('cleanup', `DROP DATABASE ${chIdent(db)}`);
      h.close();
    }
  });

  test('a refused staging file fails the load, and nothing is counted afterwards', async () => {
    const e = await ClickHouseEngine.create(settings());
    try {
      const good = join(dir, 'good.tsv');
      const bad = join(dir, 'bad.tsv');
      await writeFile(good, '0\t0\t1\tgeneral\tk\ts\n'.repeat(5));
      await writeFile(bad, '0\t0\t1\tgeneral\tk\ts\n0\t0\t2\tgeneral\tk\r\ts\n');
      await assert.rejects(e.load([good, bad]), /bad\.tsv, line 2: carriage return/);
      await assert.rejects(e.load([good, join(dir, 'missing.tsv')]), /missing\.tsv: cannot be read/);
      await assert.rejects(e.tallies(), /last load failed/);
      assert.equal(await e.load([good]), 5);
      assert.equal((await e.tallies())[0]!.valid, 5);
    } finally {
      await e.close();
    }
  });

  test('a database name that exists is not reused', async () => {
    const e = await ClickHouseEngine.create(settings());
    try {
      await assert.rejects(
        ClickHouseEngine.create(settings(`?database=${e.database}`)),
        /already exists|exists/,
      );
    } finally {
      await e.close();
    }
  });
});
