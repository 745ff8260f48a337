/**
 * The benchmark's pure parts: the record count on the command line, the truth comparison, the table, the line
 * scan and the DuckDB baseline on tiny files. No timing is ever asserted.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../core/errors.js';
import { type DemoTruth, generateDemo, MAX_RECORDS } from '../demo/generate.js';
import { countDistinctLines } from '../engine/duckdb/distinct-lines.js';
import { DEFAULT_RECORDS, parseBenchArgs, parseCount } from './args.js';
import { measure, parseGnuTime } from './measure.js';
import { formatPhases, phaseSplit } from './phases.js';
import { duckdbReading, expectedLines, Scanner, scanFile } from './scan.js';
import { formatRatio, formatTable, type Row, ratesOf, ratio, times } from './table.js';
import { compareWithTruth, formatDifferences } from './truth.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-bench-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--records', () => {
  test('plain, grouped, scientific and suffixed counts', () => {
    const cases: [string, number][] = [
      ['10000000', 10_000_000],
      ['10_000_000', 10_000_000],
      ['10,000,000', 10_000_000],
      ['1e7', 10_000_000],
      ['1E7', 10_000_000],
      ['1e+7', 10_000_000],
      ['2.5e6', 2_500_000],
      ['100m', 100_000_000],
      ['10M', 10_000_000],
      ['1.5m', 1_500_000],
      ['250k', 250_000],
      ['200K', 200_000],
      [' 1m ', 1_000_000],
      ['1.000m', 1_000_000],
    ];
    for (const [text, want] of cases) assert.equal(parseCount(text), want, text);
  });

  test('refuses fractions, negatives, zero, junk and absurd exponents', () => {
    for (const text of [
      '1.5',
      '1.2345k',
      '-5',
      '0',
      '0m',
      '',
      'm',
      'ten',
      '1e',
      '1e-3',
      '1mb',
      '1..5m',
      '1e400',
      '1e16',
    ]) {
      assert.throws(() => parseCount(text), UsageError, text);
    }
  });

  test('bench options: defaults, values, range and unknown options', () => {
    assert.deepEqual(parseBenchArgs([]), {
      records: DEFAULT_RECORDS,
      seed: 1,
      dir: undefined,
      keep: false,
      help: false,
    });
    assert.equal(DEFAULT_RECORDS, 10_000_000);
    assert.deepEqual(parseBenchArgs(['--records', '100m', '--seed=-7', '--dir', 'w', '--keep']), {
      records: 100_000_000,
      seed: -7,
      dir: 'w',
      keep: true,
      help: false,
    });
    assert.equal(parseBenchArgs(['--records=1M']).records, 1_000_000);
    assert.equal(parseBenchArgs(['-h']).help, true);
    assert.throws(() => parseBenchArgs(['--records', '199']), UsageError);
    assert.throws(() => parseBenchArgs(['--records', String(MAX_RECORDS + 1)]), UsageError);
    assert.throws(() => parseBenchArgs(['--seed', '1.5']), UsageError);
    assert.throws(() => parseBenchArgs(['--dir', '']), UsageError);
    assert.throws(() => parseBenchArgs(['--records']), UsageError);
    assert.throws(() => parseBenchArgs(['--formats', 'html']), UsageError);
    assert.throws(() => parseBenchArgs(['extra']), UsageError);
  });
});

describe('truth comparison', () => {
  let truth: DemoTruth;
  before(async () => {
    truth = await generateDemo(join(dir, 'case'), { records: 400, seed: 3 });
  });

  /** summary.json as xinjian writes it when it agrees with the truth (only the compared fields). */
  function agreeing(): Record<string, unknown> {
    const t = structuredClone(truth.totals);
    return {
      tool: { name: 'xinjian', engine: 'duckdb v1.5.5' },
      items: truth.items.map((i) => ({ ...structuredClone(i), sha256: 'x', error: null, valid: 0 })),
      totals: { ...t, failed_items: 0, same_subject_duplicates: 0, non_record_lines: 0 },
    };
  }

  test('equal figures give no difference', () => {
    assert.deepEqual(compareWithTruth(agreeing(), truth), []);
  });

  test('every differing figure is named with both values', () => {
    const s = agreeing() as {
      items: { path: string; records: number; invalid: Record<string, number>; error: string | null }[];
      totals: {
        valid: number;
        invalid: Record<string, number>;
        failed_items: number;
        categories: Record<string, { count: number }>;
      };
    };
    s.totals.valid += 1;
    s.totals.invalid['masked']! -= 2;
    s.totals.categories['lodging']!.count = 0;
    s.totals.failed_items = 1;
    s.items[0]!.records += 3;
    s.items[1]!.error = 'unreadable';
    const d = compareWithTruth(s, truth);
    const byFigure = new Map(d.map((x) => [x.figure, x]));
    assert.equal(byFigure.get('totals.valid')?.xinjian, truth.totals.valid + 1);
    assert.equal(byFigure.get('totals.valid')?.truth, truth.totals.valid);
    assert.equal(byFigure.get('totals.invalid.masked')?.xinjian, truth.totals.invalid.masked - 2);
    assert.equal(byFigure.get('totals.categories.lodging.count')?.xinjian, 0);
    assert.equal(byFigure.get('totals.failed_items')?.truth, 0);
    assert.equal(
      byFigure.get(`items[${truth.items[0]!.path}].records`)?.xinjian,
      truth.items[0]!.records + 3,
    );
    assert.equal(byFigure.get(`items[${truth.items[1]!.path}].error`)?.xinjian, 'unreadable');
    assert.equal(d.length, 6);
    assert.match(formatDifferences(d), /totals\.valid: truth \d+, xinjian \d+/u);
    assert.match(formatDifferences(d, 2), /… and 4 more/u);
  });

  test('missing, extra and malformed summaries are differences, not crashes', () => {
    const s = agreeing() as { items: unknown[] };
    s.items.pop();
    s.items.push({ path: 'other.csv' });
    const figures = compareWithTruth(s, truth).map((x) => x.figure);
    assert.ok(figures.includes(`items[${truth.items[truth.items.length - 1]!.path}]`));
    assert.ok(figures.includes('items[other.csv]'));
    for (const bad of [null, 42, [], { totals: 'x' }]) {
      const d = compareWithTruth(bad, truth);
      assert.ok(d.length > 20);
      assert.equal(d.find((x) => x.figure === 'totals.records')?.xinjian, null);
    }
  });
});

describe('table', () => {
  const rows: Row[] = [
    { tool: 'wc -l', seconds: 0.5, peakRssBytes: 2_000_000, result: '1,000 lines' },
    { tool: 'sort -u | wc -l', seconds: 2, peakRssBytes: 500_000_000, result: '900 distinct lines' },
    { tool: 'duckdb distinct', seconds: null, peakRssBytes: null, result: 'failed (exit 1): boom' },
    { tool: 'xinjian analyze', seconds: 50, peakRssBytes: 1_000_000_000, result: '880 valid' },
  ];

  test('rates per tool: case records and evidence MB per second, RSS in MB', () => {
    assert.deepEqual(ratesOf(rows[1]!, 1_000_000, 100_000_000), {
      recordsPerSecond: 500_000,
      mbPerSecond: 50,
      peakRssMb: 500,
    });
    assert.deepEqual(ratesOf(rows[2]!, 1_000_000, 100_000_000), {
      recordsPerSecond: null,
      mbPerSecond: null,
      peakRssMb: null,
    });
  });

  test('ratios and their wording', () => {
    assert.equal(ratio(50, 2), 25);
    assert.equal(ratio(null, 2), null);
    assert.equal(ratio(1, 0), null);
    assert.equal(times(25), '25×');
    assert.equal(times(2.5), '2.50×');
    assert.equal(times(null), '–');
    assert.equal(
      formatRatio('xinjian / sort -u', rows[3]!, rows[1]!),
      'xinjian / sort -u: 25× the time, 2.00× the peak RSS',
    );
    assert.equal(
      formatRatio('xinjian / duckdb', rows[3]!, rows[2]!),
      'xinjian / duckdb: – the time, – the peak RSS',
    );
  });

  test('aligned columns, a dash for what is unknown', () => {
    const text = formatTable(rows, 1_000_000, 100_000_000);
    const lines = text.split('\n');
    assert.equal(lines.length, 5);
    assert.match(lines[0]!, /^tool +seconds +records\/s +MB\/s +peak RSS MB +result$/u);
    assert.match(lines[1]!, /^wc -l +0\.50 +2,000,000 +200\.0 +2 +1,000 lines$/u);
    assert.match(lines[2]!, /^sort -u \| wc -l +2\.00 +500,000 +50\.0 +500 +900 distinct lines$/u);
    assert.match(lines[3]!, /^duckdb distinct +– +– +– +– +failed \(exit 1\): boom$/u);
    assert.match(lines[4]!, /^xinjian analyze +50\.00 +20,000 +2\.0 +1000 +880 valid$/u);
    // Numbers are right-aligned: the seconds column ends at the same place in every line.
    const end = lines[0]!.indexOf('seconds') + 'seconds'.length;
    for (const l of lines.slice(1)) assert.match(l.slice(end - 1, end), /[\d–]/u);
  });
});

describe('line scan', () => {
  const scanOf = (unit: 1 | 2, chunks: number[][]) => {
    const s = new Scanner(unit);
    for (const c of chunks) s.push(Buffer.from(c));
    return s.result();
  };

  test('bytes: LF, CR, CR LF across chunk borders, C1 bytes', () => {
    const r = scanOf(1, [
      [0x61, 0x0d],
      [0x0a, 0x62, 0x0d, 0x0a],
      [0x63, 0x0a],
    ]);
    assert.deepEqual(r, { bytes: 8, lfBytes: 3, lf: 3, cr: 2, crlf: 2, endsWithLf: true, c1: false });
    assert.equal(scanOf(1, [[0x61, 0x85, 0x0a]]).c1, true);
    assert.equal(scanOf(1, [[0xa1, 0xff, 0x0a]]).c1, false);
    assert.equal(scanOf(1, [[0x61, 0x0a, 0x62]]).endsWithLf, false);
  });

  test('UTF-16 units, also split across chunks; 0x0A inside a character is no line end', () => {
    const text = Buffer.from('上a\r\n不\n', 'utf16le'); // 上 = U+4E0A, 不 = U+4E0D
    const whole = scanOf(2, [[...text]]);
    assert.deepEqual(whole, { bytes: 12, lfBytes: 3, lf: 2, cr: 1, crlf: 1, endsWithLf: true, c1: false });
    const split = scanOf(2, [[...text.subarray(0, 5)], [...text.subarray(5, 7)], [...text.subarray(7)]]);
    assert.deepEqual(split, whole);
  });

  test('how DuckDB reads a file, and when it cannot read it line for line', () => {
    const base = { bytes: 10, lfBytes: 2, lf: 2, cr: 0, crlf: 0, endsWithLf: true, c1: false };
    assert.deepEqual(duckdbReading('a.txt', 'utf-8', base), {
      path: 'a.txt',
      encoding: 'utf-8',
      newline: '\n',
    });
    assert.deepEqual(duckdbReading('b.csv', 'gb18030', { ...base, cr: 2, crlf: 2 }), {
      path: 'b.csv',
      encoding: 'latin-1',
      newline: '\r\n',
    });
    assert.deepEqual(duckdbReading('c.txt', 'utf-16le', { ...base, cr: 2, crlf: 2 }), {
      path: 'c.txt',
      encoding: 'utf-16',
      newline: '\r\n',
    });
    assert.match(String(duckdbReading('d.csv', 'gb18030', { ...base, c1: true })), /Latin-1/u);
    assert.match(String(duckdbReading('e.csv', 'utf-8', { ...base, cr: 1, crlf: 1 })), /mixed line ends/u);
    assert.equal(expectedLines({ ...base, endsWithLf: false }), 3);
  });

  test('DuckDB counts the lines the scan expects, each file in its encoding, empty lines included', async () => {
    const files = {
      'lf.txt': Buffer.from('a\nb\na\n\nc\n'),
      'crlf.csv': Buffer.from('a\r\nx\r\n\r\n'),
      'gbk.csv': Buffer.from([0xd5, 0xc5, 0x0d, 0x0a, 0xd5, 0xc5, 0x0d, 0x0a, 0x61, 0x0d, 0x0a]),
      'u16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('上\r\n不\r\n上\r\n', 'utf16le')]),
    } as const;
    const enc = {
      'lf.txt': 'utf-8',
      'crlf.csv': 'utf-8',
      'gbk.csv': 'gb18030',
      'u16.txt': 'utf-16le',
    } as const;
    const readings = [];
    let lines = 0;
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const scan = await scanFile(path, enc[name as keyof typeof enc]);
      const r = duckdbReading(path, enc[name as keyof typeof enc], scan);
      assert.notEqual(typeof r, 'string', name);
      readings.push(r as Exclude<typeof r, string>);
      lines += expectedLines(scan);
    }
    assert.equal(lines, 5 + 3 + 3 + 3);
    const got = await countDistinctLines(readings, {
      memoryLimit: '256MB',
      threads: 1,
      tempDir: join(dir, 'tmp'),
    });
    // Distinct: a, b, '', c, x (CR dropped before LF, so 'a' and '' merge across files), 张 as Latin-1, 上, 不.
    assert.deepEqual({ lines: got.lines, distinct: got.distinct }, { lines: 14, distinct: 8 });
    assert.match(got.engine, /^duckdb v\d/u);
  });
});

describe('measure', () => {
  test('GNU time output, also after a non-zero exit', () => {
    assert.deepEqual(parseGnuTime('12.34 567890\n'), { seconds: 12.34, maxRssKib: 567890 });
    assert.deepEqual(parseGnuTime('Command exited with non-zero status 3\n0.01 2048\n'), {
      seconds: 0.01,
      maxRssKib: 2048,
    });
    assert.equal(parseGnuTime('garbage'), null);
  });

  test('a Node child: exit code, output and a peak RSS, with and without GNU time', async () => {
    const script = 'process.stdout.write("hi"); process.stderr.write("err"); process.exitCode = 3';
    for (const gnuTime of [undefined, null] as const) {
      const m = await measure(process.execPath, ['-e', script], {
        reportFile: join(dir, `m-${gnuTime}.txt`),
        gnuTime,
      });
      assert.equal(m.exitCode, 3);
      assert.equal(m.stdout, 'hi');
      assert.equal(m.stderr, 'err');
      assert.ok(m.seconds > 0);
      if (gnuTime === null) assert.equal(m.rssSource, 'node-resource-usage');
      assert.ok(m.rssSource === 'none' || (m.peakRssBytes ?? 0) > 1_000_000, m.rssSource);
    }
  });
});

describe('xinjian phases', () => {
  const ev = (type: string, phase: string, elapsed: number, seconds?: number) =>
    JSON.stringify({ type, phase, elapsed, ...(seconds === undefined ? {} : { seconds }) });
  const lines = [
    ev('phase_start', 'collect', 0),
    ev('phase_done', 'collect', 0.5, 0.5),
    'not json',
    ev('phase_start', 'engine_load', 15.5),
    ev('phase_done', 'engine_load', 16.3, 0.8),
    ev('phase_start', 'counting', 16.3),
    ev('phase_done', 'counting', 20.6, 4.3),
    ev('phase_start', 'reports', 20.6),
    ev('phase_done', 'reports', 22.7, 2.1),
  ];

  test('items from the end of collection to the engine load; the other phases as reported', () => {
    assert.deepEqual(phaseSplit(lines), { items: 15, engine_load: 0.8, counting: 4.3, reports: 2.1 });
    assert.equal(
      formatPhases(phaseSplit(lines)!),
      'items 15.0 s · engine load 0.8 s · counting 4.3 s · reports 2.1 s',
    );
    assert.equal(phaseSplit(lines.filter((l) => !l.includes('"reports"'))), null);
    assert.equal(phaseSplit([]), null);
  });

  test("a real run's progress, kept whole by measure among a flood of other stderr lines", async () => {
    const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'xinjian.js');
    const m = await measure(
      process.execPath,
      [cli, 'analyze', '--demo', '--records', '600', '--out', join(dir, 'phases'), '--progress', 'ndjson'],
      { reportFile: join(dir, 'phases.time'), stderrLines: /"type":"phase_(?:start|done)"/u },
    );
    assert.equal(m.exitCode, 0, m.stderr);
    assert.equal(m.stderrMatched.length, 8); // collect, engine_load, counting, reports: start and done
    const p = phaseSplit(m.stderrMatched)!;
    assert.ok(p !== null);
    for (const v of Object.values(p)) assert.ok(v >= 0 && v < m.seconds, JSON.stringify(p));
    assert.ok(p.items + p.engine_load + p.counting + p.reports <= m.seconds);
  });

  test('measure keeps matched lines whole across chunks and beyond the stderr tail', async () => {
    const script =
      'const big = "x".repeat(100000) + "\\n"; process.stderr.write("a KEEP 1\\n" + big + "b KE");' +
      'setTimeout(() => process.stderr.write("EP 2\\n" + big + "c KEEP 3"), 20)';
    const m = await measure(process.execPath, ['-e', script], {
      reportFile: join(dir, 'keep.txt'),
      stderrLines: /KEEP/u,
    });
    assert.equal(m.exitCode, 0);
    assert.deepEqual(m.stderrMatched, ['a KEEP 1', 'b KEEP 2', 'c KEEP 3']);
    assert.ok(m.stderr.length <= 64 * 1024);
  });
});
