/**
 * @module bench/run
 * `npm run bench [-- --records N] [--seed S] [--dir DIR] [--keep]`: generates a demo case with its truth, then
 * times on the same files `wc -l` (the I/O floor), `LC_ALL=C sort -u | wc -l`, DuckDB's `count(DISTINCT line)`
 * and `xinjian analyze`, each as a child process (wall time and peak RSS, see measure.ts); checks xinjian's
 * summary.json against truth.json and writes bench/results.json. Timings are only printed, never judged.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { arch, cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage, UsageError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { DEFAULT_ANALYSIS_DATE, type DemoTruth, generateDemo } from '../demo/generate.js';
import { duckdbEngineVersion, type LineFile } from '../engine/duckdb/distinct-lines.js';
import { DEFAULT_MEMORY_LIMIT } from '../services/analyze.js';
import { BENCH_USAGE, type BenchArgs, parseBenchArgs } from './args.js';
import type { DuckdbSpec } from './duckdb-child.js';
import { defaultGnuTime, type Measured, measure } from './measure.js';
import { formatPhases, type PhaseSplit, phaseSplit } from './phases.js';
import { duckdbReading, expectedLines, type FileScan, scanFile } from './scan.js';
import { formatRatio, formatTable, grouped, type Row, ratesOf, ratio } from './table.js';
import { compareWithTruth, type Difference, formatDifferences } from './truth.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(REPO, 'bench', 'results.json');
/** xinjian's own defaults (analyze's memory limit, two engine threads). */
const MEMORY_LIMIT = DEFAULT_MEMORY_LIMIT;
const THREADS = 2;
/**
 * The DuckDB baseline's memory limit: 2 GB. Its one `count(DISTINCT line)` runs out of memory at xinjian's 1.5 GB
 * on 100 M lines (measured), where xinjian counts in passes; the baseline gets the limit at which it finishes.
 */
const BASELINE_MEMORY_LIMIT = '2GB';

const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};

// ---------------------------------------------------------------------------------------------------------
// The case: generated, or reused when the work folder already holds it for the same records and seed

interface Stamp {
  readonly generator: DemoTruth['generator'];
  /** SHA-256 over the compiled generator (dist/demo/*.js) and the Faker version: other code, other bytes. */
  readonly generator_code: string;
  readonly files: readonly { readonly path: string; readonly bytes: number; readonly mtime_ms: number }[];
}

async function fileStamps(caseDir: string, truth: DemoTruth): Promise<Stamp['files']> {
  return Promise.all(
    truth.items.map(async (it) => {
      const s = await stat(join(caseDir, 'evidence', ...it.path.split('/')));
      return { path: it.path, bytes: s.size, mtime_ms: s.mtimeMs };
    }),
  );
}

async function generatorCode(): Promise<string> {
  const hash = createHash('sha256');
  const demo = fileURLToPath(new URL('../demo/', import.meta.url));
  for (const name of (await readdir(demo)).sort()) {
    if (name.endsWith('.js') && !name.endsWith('.test.js'))
      hash.update(name).update(await readFile(join(demo, name)));
  }
  const faker = await readFile(
    join(REPO, 'node_modules', '@faker-js', 'faker', 'package.json'),
    'utf8',
  ).catch(() => '{}');
  hash.update(`faker ${(JSON.parse(faker) as { version?: string }).version ?? '?'}`);
  return hash.digest('hex');
}

/** The case's truth when `caseDir` holds an untouched case of these parameters and this generator, else null. */
async function reusableCase(caseDir: string, generator: DemoTruth['generator']): Promise<DemoTruth | null> {
  try {
    const truth = JSON.parse(await readFile(join(caseDir, 'truth.json'), 'utf8')) as DemoTruth;
    const stamp = JSON.parse(await readFile(join(caseDir, 'bench-stamp.json'), 'utf8')) as Stamp;
    if (JSON.stringify(truth.generator) !== JSON.stringify(generator)) return null;
    if (JSON.stringify(stamp.generator) !== JSON.stringify(generator)) return null;
    if (stamp.generator_code !== (await generatorCode())) return null;
    return JSON.stringify(await fileStamps(caseDir, truth)) === JSON.stringify(stamp.files) ? truth : null;
  } catch {
    return null;
  }
}

async function prepareCase(
  caseDir: string,
  args: BenchArgs,
): Promise<{ truth: DemoTruth; reused: boolean; seconds: number | null }> {
  const generator = { seed: args.seed, records: args.records, analysis_date: DEFAULT_ANALYSIS_DATE };
  const old = await reusableCase(caseDir, generator);
  if (old) {
    log(`reusing the case in ${caseDir} (same records, seed and generator; files unchanged)`);
    return { truth: old, reused: true, seconds: null };
  }
  log(`generating ${grouped(args.records)} records (seed ${args.seed}) into ${caseDir}`);
  await rm(join(caseDir, 'bench-stamp.json'), { force: true });
  const started = process.hrtime.bigint();
  const truth = await generateDemo(caseDir, { records: args.records, seed: args.seed });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stamp: Stamp = {
    generator: truth.generator,
    generator_code: await generatorCode(),
    files: await fileStamps(caseDir, truth),
  };
  await writeFile(join(caseDir, 'bench-stamp.json'), `${JSON.stringify(stamp, null, 2)}\n`);
  log(`generated in ${seconds.toFixed(1)} s`);
  return { truth, reused: false, seconds };
}

// ---------------------------------------------------------------------------------------------------------
// The four runs

interface Run {
  readonly row: Row;
  readonly command: string;
  readonly measured: Measured | null;
  /** The tool's answer, for results.json. */
  readonly output: Record<string, unknown>;
  readonly ok: boolean;
}

const firstNumber = (text: string): number | null => {
  const m = /^\s*(\d+)/u.exec(text);
  return m ? Number(m[1]) : null;
};

function failure(m: Measured): string {
  const why = m.signal ? `killed by ${m.signal}` : `exit ${m.exitCode}`;
  const last = m.stderr.trim().split('\n').slice(-1)[0] ?? '';
  return `failed (${why})${last ? `: ${last.slice(0, 160)}` : ''}`;
}

function runOf(
  tool: string,
  command: string,
  m: Measured,
  ok: boolean,
  result: string,
  output: Record<string, unknown>,
): Run {
  return {
    row: {
      tool,
      seconds: ok ? m.seconds : null,
      peakRssBytes: ok ? m.peakRssBytes : null,
      result: ok ? result : failure(m),
    },
    command,
    measured: m,
    output,
    ok,
  };
}

// ---------------------------------------------------------------------------------------------------------

interface Check {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}

function gitState(): { commit: string | null; dirty: boolean | null } {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  return {
    commit: head.status === 0 ? head.stdout.trim() : null,
    dirty: status.status === 0 ? status.stdout.trim() !== '' : null,
  };
}

async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

async function bench(args: BenchArgs, work: string): Promise<number> {
  const caseDir = join(work, 'case');
  const runDir = join(work, 'run');
  await rm(runDir, { recursive: true, force: true });
  await mkdir(join(runDir, 'sort-tmp'), { recursive: true });
  await mkdir(join(runDir, 'duckdb-tmp'), { recursive: true });

  const free = await freeBytes(work);
  // About 100 bytes per record of evidence; xinjian's output, sort's and DuckDB's temporary files need more.
  const need = args.records * 100 * 4;
  if (free !== null && free < need) {
    log(
      `warning: ${(free / 1e9).toFixed(1)} GB free in ${work}; this run may need about ${(need / 1e9).toFixed(0)} GB`,
    );
  }

  const { truth, reused, seconds: generateSeconds } = await prepareCase(caseDir, args);
  const evidence = join(caseDir, 'evidence');
  const items = truth.items.map((it) => ({ ...it, file: join(evidence, ...it.path.split('/')) }));
  const files = items.map((i) => i.file);

  log('scanning the files (line ends per encoding; this also warms the page cache)');
  const scans: FileScan[] = [];
  for (const it of items) scans.push(await scanFile(it.file, it.encoding));
  const bytes = scans.reduce((s, x) => s + x.bytes, 0);
  const lfBytes = scans.reduce((s, x) => s + x.lfBytes, 0);
  const decodedLines = scans.reduce((s, x) => s + expectedLines(x), 0);
  const readings = items.map((it, k) => duckdbReading(it.path, it.encoding, scans[k]!));

  const checks: Check[] = [];
  const runs: Run[] = [];
  const report = (k: string) => join(runDir, `${k}.time`);

  // 1. wc -l: the I/O floor
  {
    const cmd = ['wc', '-l', '--', ...files];
    log('timing wc -l');
    const m = await measure(cmd[0]!, cmd.slice(1), { reportFile: report('wc') });
    const lines = m.exitCode === 0 ? firstNumber(m.stdout.trim().split('\n').slice(-1)[0] ?? '') : null;
    const ok = lines !== null;
    runs.push(runOf('wc -l', 'wc -l -- FILES', m, ok, `${grouped(lines ?? 0)} lines`, { lines }));
    checks.push({
      check: 'wc -l counts the 0x0A bytes the scan counted',
      ok: lines === lfBytes,
      detail: `wc -l ${lines}, scan ${lfBytes}`,
    });
  }

  // 2. LC_ALL=C sort -u | wc -l over the raw lines of all files
  {
    const script = 'cat -- "$@" | LC_ALL=C sort -u | wc -l';
    log('timing LC_ALL=C sort -u | wc -l');
    const m = await measure('sh', ['-c', script, 'sh', ...files], {
      reportFile: report('sort'),
      env: { TMPDIR: join(runDir, 'sort-tmp') },
    });
    const distinct = m.exitCode === 0 && m.stderr.trim() === '' ? firstNumber(m.stdout) : null;
    const ok = distinct !== null;
    runs.push(
      runOf(
        'sort -u | wc -l',
        `cat FILES | LC_ALL=C sort -u | wc -l`,
        m,
        ok,
        `${grouped(distinct ?? 0)} distinct lines`,
        {
          distinct_lines: distinct,
        },
      ),
    );
    await rm(join(runDir, 'sort-tmp'), { recursive: true, force: true });
  }

  // 3. DuckDB count(DISTINCT line), in a child process
  {
    const unreadable = readings.filter((r): r is string => typeof r === 'string');
    const lineFiles = readings.map((r, k) => (typeof r === 'string' ? r : { ...r, path: items[k]!.file }));
    const command = 'node dist/bench/duckdb-child.js SPEC (count(DISTINCT line) over read_csv of every file)';
    if (unreadable.length > 0) {
      runs.push({
        row: {
          tool: 'duckdb distinct',
          seconds: null,
          peakRssBytes: null,
          result: `not run: ${unreadable[0]}`,
        },
        command,
        measured: null,
        output: { unreadable },
        ok: false,
      });
    } else {
      const spec: DuckdbSpec = {
        files: lineFiles as LineFile[],
        memoryLimit: BASELINE_MEMORY_LIMIT,
        threads: THREADS,
        tempDir: join(runDir, 'duckdb-tmp'),
      };
      const specPath = join(runDir, 'duckdb-spec.json');
      await writeFile(specPath, JSON.stringify(spec));
      log('timing DuckDB count(DISTINCT line)');
      const child = fileURLToPath(new URL('./duckdb-child.js', import.meta.url));
      const m = await measure(process.execPath, [child, specPath], { reportFile: report('duckdb') });
      let out: { lines?: number; distinct?: number; engine?: string } = {};
      try {
        if (m.exitCode === 0) out = JSON.parse(m.stdout) as typeof out;
      } catch {
        out = {};
      }
      const ok = typeof out.lines === 'number' && typeof out.distinct === 'number';
      runs.push(
        runOf(
          'duckdb distinct',
          command,
          m,
          ok,
          `${grouped(out.distinct ?? 0)} distinct of ${grouped(out.lines ?? 0)} lines`,
          { ...out, reading: spec.files.map((f) => ({ ...f, path: f.path.slice(evidence.length + 1) })) },
        ),
      );
      checks.push({
        check: 'DuckDB read every line (lines of each file in its encoding)',
        ok: out.lines === decodedLines,
        detail: `DuckDB ${out.lines ?? 'none'}, scan ${decodedLines}`,
      });
    }
    await rm(join(runDir, 'duckdb-tmp'), { recursive: true, force: true });
  }

  // 4. xinjian analyze, end to end
  let differences: Difference[] | null = null;
  let phases: PhaseSplit | null = null;
  {
    const out = join(runDir, 'xinjian-out');
    const cli = join(REPO, 'bin', 'xinjian.js');
    const cmdArgs = [
      cli,
      'analyze',
      evidence,
      '--out',
      out,
      '--analysis-date',
      truth.generator.analysis_date,
      '--progress',
      'ndjson',
    ];
    log('timing xinjian analyze');
    const m = await measure(process.execPath, cmdArgs, {
      reportFile: report('xinjian'),
      cwd: REPO,
      stderrLines: /"type":"phase_(?:start|done)"/u,
    });
    phases = phaseSplit(m.stderrMatched);
    let summary: unknown = null;
    if (m.exitCode === 0 || m.exitCode === 3) {
      // Exit 3: some items could not be read; summary.json is written and names them.
      try {
        summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as unknown;
        differences = compareWithTruth(summary, truth);
      } catch (e) {
        log(`xinjian's summary.json could not be read: ${errorMessage(e)}`);
      }
    }
    const totals = (summary as { totals?: { valid?: number; exact_duplicates?: number } } | null)?.totals;
    const ok = m.exitCode === 0;
    runs.push(
      runOf(
        'xinjian analyze',
        `node bin/xinjian.js analyze EVIDENCE --out OUT --analysis-date ${truth.generator.analysis_date} ` +
          '--progress ndjson',
        m,
        ok,
        `${grouped(totals?.valid ?? 0)} valid, ${grouped(totals?.exact_duplicates ?? 0)} exact duplicates`,
        {
          totals: totals ?? null,
          engine: (summary as { tool?: { engine?: string } } | null)?.tool?.engine ?? null,
          phases,
        },
      ),
    );
  }

  // ------------------------------------------------------------------------------------------------------
  // Report
  const rows = runs.map((r) => r.row);
  const [wc, sort, duck, xj] = rows as [Row, Row, Row, Row];
  const header =
    `xinjian bench: ${grouped(args.records)} records (seed ${args.seed}), ${items.length} files, ` +
    `${(bytes / 1e6).toFixed(1)} MB, ${grouped(lfBytes)} lines by wc -l, ${grouped(decodedLines)} lines decoded`;
  const equal = differences !== null && differences.length === 0;
  const lines = [
    '',
    header,
    '',
    formatTable(rows, args.records, bytes),
    '',
    formatRatio('xinjian / sort -u', xj, sort),
    formatRatio('xinjian / duckdb ', xj, duck),
    `xinjian phases  : ${phases ? formatPhases(phases) : 'not reported'}`,
    '',
    ...checks.map((c) => `check: ${c.check}: ${c.ok ? 'yes' : 'NO'} (${c.detail})`),
    `counts equal truth: ${equal ? 'yes' : 'no'}`,
  ];
  if (differences === null) lines.push('  xinjian gave no summary.json to compare');
  else if (differences.length > 0) lines.push(formatDifferences(differences));

  const g = gitState();
  const cpuList = cpus();
  const results = {
    when: new Date().toISOString(),
    records: args.records,
    seed: args.seed,
    analysis_date: truth.generator.analysis_date,
    machine: {
      cpus: cpuList.length,
      cpu_model: cpuList[0]?.model ?? null,
      ram_bytes: totalmem(),
      os: `${type()} ${release()} ${arch()}`,
      node: process.version,
      duckdb: duckdbEngineVersion(),
      rss_from: defaultGnuTime() ?? 'process.resourceUsage() of Node children (none for wc and sort)',
    },
    xinjian: { version: TOOL_VERSION, commit: g.commit, uncommitted_changes: g.dirty },
    settings: {
      memory_limit: MEMORY_LIMIT,
      duckdb_baseline_memory_limit: BASELINE_MEMORY_LIMIT,
      threads: THREADS,
    },
    evidence: {
      files: items.length,
      bytes,
      lines_wc: lfBytes,
      lines_decoded: decodedLines,
      items: items.map((it, k) => ({
        path: it.path,
        encoding: it.encoding,
        bytes: scans[k]!.bytes,
        lines_wc: scans[k]!.lfBytes,
        lines_decoded: expectedLines(scans[k]!),
      })),
    },
    generation: { reused, seconds: generateSeconds },
    runs: runs.map((r) => {
      const rates = ratesOf(r.row, args.records, bytes);
      return {
        tool: r.row.tool,
        command: r.command,
        ok: r.ok,
        seconds: r.row.seconds,
        records_per_s: rates.recordsPerSecond,
        mb_per_s: rates.mbPerSecond,
        peak_rss_mb: rates.peakRssMb,
        exit_code: r.measured?.exitCode ?? null,
        result: r.row.result,
        output: r.output,
        stderr_tail: r.ok ? undefined : r.measured?.stderr.slice(-2000),
      };
    }),
    ratios: {
      'xinjian/sort': {
        time: ratio(xj.seconds, sort.seconds),
        peak_rss: ratio(xj.peakRssBytes, sort.peakRssBytes),
      },
      'xinjian/duckdb': {
        time: ratio(xj.seconds, duck.seconds),
        peak_rss: ratio(xj.peakRssBytes, duck.peakRssBytes),
      },
      'xinjian/wc': {
        time: ratio(xj.seconds, wc.seconds),
        peak_rss: ratio(xj.peakRssBytes, wc.peakRssBytes),
      },
    },
    checks,
    truth: { equal, differences },
  };
  await mkdir(join(REPO, 'bench'), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  lines.push(`results: ${RESULTS}`);
  if (args.keep) lines.push(`work folder kept: ${work}`);
  else if (args.dir) lines.push(`case kept for reuse: ${caseDir}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return equal && runs.every((r) => r.ok) && checks.every((c) => c.ok) ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench: ${e.message}\n\n${BENCH_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  const work = args.dir ? resolve(args.dir) : await mkdtemp(join(tmpdir(), 'xinjian-bench-'));
  await mkdir(work, { recursive: true });
  try {
    return await bench(args, work);
  } finally {
    if (!args.keep) {
      if (args.dir) await rm(join(work, 'run'), { recursive: true, force: true });
      else await rm(work, { recursive: true, force: true });
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  },
);
