import { availableParallelism } from 'node:os';
/**
 * @module cli/commands/analyze
 * `xinjian analyze EVIDENCE_DIR --out DIR` — the main job. `--demo` generates a synthetic case first.
 */
import { join, resolve } from 'node:path';
import { CATEGORIES, CATEGORY_IDS } from '../../core/categories.js';
import { UsageError } from '../../core/errors.js';
import { generateDemo } from '../../demo/generate.js';
import { type AnalyzeResult, analyzeCase, ENGINE_KINDS, isEngineKind } from '../../services/analyze.js';
import { AnalysisInterrupted } from '../../services/interrupt.js';
import type { ProgressPhase } from '../../services/progress.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_ITEMS_FAILED, EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM } from '../output.js';
import { createProgressSink, isProgressMode, PROGRESS_MODES, resolveMode } from '../progress.js';
import { onStopSignals } from '../signals.js';

const USAGE = `Usage: xinjian analyze EVIDENCE_DIR --out DIR [options]
       xinjian analyze --demo [--records N] [--seed S] --out DIR

Counts the personal information in every evidence item under EVIDENCE_DIR (counting rules v1) and writes
DIR/summary.json, the report documents DIR/report.html, DIR/report.docx, DIR/report.pdf and DIR/appendix.xlsx
(a format that cannot be written on this machine, e.g. DOCX/PDF without a CJK font, is skipped with its
reason), and appends to the custody log DIR/custody.jsonl. DIR/.xinjian/ keeps the engine database, the
staged valid records (one TSV row each, about the size of the evidence) and the data that \`xinjian sample\` and
\`xinjian report\` read. A case manifest case.yaml at the evidence root is read
when present.

Progress goes to stderr: on a terminal, a bar for the item being read and one for the whole run (MB/s,
records/s, ETA); otherwise one JSON object per line per event (type, time, elapsed, …). The final summary goes
to stdout. Ctrl-C (or SIGTERM) stops the run at the next safe point: the custody log records
analysis_interrupted, no summary or report is written, exit code 130 (143 for SIGTERM); a second Ctrl-C exits
at once. Running the same command again starts the analysis over.

Options:
  --out DIR              output folder (required)
  --analysis-date DATE   YYYY-MM-DD; birth dates after it are invalid (default: case.yaml, else today)
  --memory-limit SIZE    engine memory limit before spilling to disk (default 1.5GB; for ClickHouse: per query
                         and server, GROUP BY/ORDER BY spill at half of it)
  --workers N            worker threads reading items in parallel (default: one per CPU core, at most 8;
                         0 reads everything in the main thread). The figures do not depend on it.
  --task-folder DIR      hand the items to \`xinjian worker DIR\` processes (on this or other machines; DIR,
                         the evidence and --out on a shared mount at the same paths) instead of threads
  --engine NAME          counting engine: duckdb (embedded, default) or clickhouse (a cluster)
  --clickhouse-url URLS  with --engine clickhouse: one http://host:port per shard, comma-separated; options as
                         URL parameters (?cluster=NAME&keep=1&max_memory_usage=BYTES…), see README
  --demo                 generate a synthetic demo case into DIR/demo-case and analyse it
  --records N            demo size (default 5000)
  --seed S               demo seed (default 1)
  --progress MODE        ${PROGRESS_MODES.join('|')} (default auto: bar on a terminal, else ndjson;
                         plain: one line per item, as in earlier versions)
  --quiet                no progress output (--progress none)

Exit codes: 0 every item read; 3 some items could not be read (listed in summary.json); 1 error; 2 usage;
130 stopped by Ctrl-C; 143 stopped by SIGTERM.`;

const PHASE_WORDS: Record<ProgressPhase, string> = {
  collect: 'while collecting the evidence',
  items: 'while reading the evidence items',
  engine_load: 'while loading the engine',
  counting: 'while counting',
  reports: 'while writing the outputs',
};

function positiveInt(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new UsageError(`--${name} must be a positive whole number, got '${v}'`);
  return Number(v);
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'count the personal information in an evidence folder (summary.json, reports, custody log)',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    'analysis-date': { type: 'string' },
    'memory-limit': { type: 'string' },
    workers: { type: 'string' },
    'task-folder': { type: 'string' },
    engine: { type: 'string' },
    'clickhouse-url': { type: 'string' },
    demo: { type: 'boolean' },
    records: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean' },
    progress: { type: 'string' },
  },
  async run(args, io) {
    const out = optString(args, 'out');
    if (!out) throw new UsageError(`--out DIR is required\n\n${USAGE}`);
    const analysisDate = optString(args, 'analysis-date');
    if (analysisDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(analysisDate)) {
      throw new UsageError(`--analysis-date must be YYYY-MM-DD, got '${analysisDate}'`);
    }
    const engine = optString(args, 'engine') ?? 'duckdb';
    if (!isEngineKind(engine)) {
      throw new UsageError(`--engine must be one of ${ENGINE_KINDS.join(', ')}, got '${engine}'`);
    }
    const workersOpt = optString(args, 'workers');
    if (workersOpt !== undefined && !/^\d+$/.test(workersOpt)) {
      throw new UsageError(`--workers must be a whole number (0 = no worker threads), got '${workersOpt}'`);
    }
    const workers = workersOpt !== undefined ? Number(workersOpt) : Math.min(8, availableParallelism());
    const progressOpt = optString(args, 'progress') ?? 'auto';
    if (!isProgressMode(progressOpt)) {
      throw new UsageError(`--progress must be one of ${PROGRESS_MODES.join(', ')}, got '${progressOpt}'`);
    }
    const mode = optFlag(args, 'quiet') ? 'none' : resolveMode(progressOpt, io.err);
    const sink = createProgressSink(mode, io.err);
    const clickhouseUrl = optString(args, 'clickhouse-url');
    if ((engine === 'clickhouse') !== (clickhouseUrl !== undefined)) {
      throw new UsageError('--clickhouse-url URLS goes with --engine clickhouse (and is required by it)');
    }
    let evidence: string;
    let demoDate: string | undefined;
    if (optFlag(args, 'demo')) {
      if (args.positionals.length > 0) throw new UsageError('--demo takes no EVIDENCE_DIR');
      const dir = join(resolve(out), 'demo-case');
      const records = positiveInt(optString(args, 'records'), 'records', 5000);
      const seed = positiveInt(optString(args, 'seed'), 'seed', 1);
      const truth = await generateDemo(dir, { records, seed });
      demoDate = truth.generator.analysis_date;
      evidence = join(dir, 'evidence');
      sink.note(`demo case (seed ${seed}, ${records} records) written to ${dir}`);
    } else {
      if (args.positionals.length !== 1) throw new UsageError(`give exactly one EVIDENCE_DIR\n\n${USAGE}`);
      evidence = args.positionals[0]!;
    }
    const stop = new AbortController();
    const uninstall = onStopSignals(
      (sig) => {
        sink.note(
          `xinjian analyze: ${sig} — stopping at the next safe point (Ctrl-C again exits at once, without clean-up)`,
          'stopping',
          { signal: sig },
        );
        stop.abort(sig);
      },
      (sig) => {
        sink.finish();
        const msg = `xinjian analyze: ${sig} again — exiting now; run the same command again to start over`;
        if (mode === 'ndjson') sink.note(msg, 'exiting', { signal: sig });
        else io.err.write(`\n${msg}\n`);
        process.exit(sig === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT);
      },
    );
    let result: AnalyzeResult;
    try {
      result = await analyzeCase({
        evidenceRoot: evidence,
        outDir: out,
        ...((analysisDate ?? demoDate) ? { analysisDate: (analysisDate ?? demoDate)! } : {}),
        ...(optString(args, 'memory-limit') ? { memoryLimit: optString(args, 'memory-limit')! } : {}),
        engine,
        workers,
        ...(optString(args, 'task-folder') ? { taskFolder: optString(args, 'task-folder')! } : {}),
        ...(clickhouseUrl !== undefined ? { clickhouseUrl } : {}),
        ...(sink.onProgress ? { onProgress: sink.onProgress } : {}),
        ...(sink.onEvent ? { onEvent: sink.onEvent } : {}),
        signal: stop.signal,
      });
    } catch (e) {
      sink.finish();
      if (!(e instanceof AnalysisInterrupted)) throw e;
      const when = e.phase ? ` ${PHASE_WORDS[e.phase as ProgressPhase] ?? `during ${e.phase}`}` : '';
      const msg = `xinjian analyze: interrupted by ${e.signal}${when}: ${e.itemsDone} of ${e.items} evidence items had been read; nothing was counted and no summary.json or report was written by this run; custody.jsonl records analysis_interrupted. Run the same command again to analyse from the start.`;
      if (mode === 'ndjson')
        sink.note(msg, 'interrupted', {
          signal: e.signal,
          phase: e.phase,
          items_done: e.itemsDone,
          items: e.items,
        });
      else io.err.write(`${msg}\n`);
      return e.signal === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
    } finally {
      uninstall();
    }
    sink.finish();
    if (stop.signal.aborted)
      sink.note(
        'xinjian analyze: the stop request came while the outputs were being written; they were completed and the analysis is finished',
      );
    const t = result.summary.totals;
    const lines = [
      `记录 ${t.records}，有效 ${t.valid}，无效 ${t.records - t.valid}，完全重复 ${t.exact_duplicates}，非记录行 ${t.non_record_lines}`,
      ...CATEGORY_IDS.filter((id) => t.categories[id].count > 0).map(
        (id) =>
          `  ${CATEGORIES[id].label}（${id}）: ${t.categories[id].count} 条（${t.categories[id].counted_by === 'records' ? '去重记录' : '信息主体'}）`,
      ),
      `summary: ${result.summaryPath}`,
      `report:  ${result.reportPath}`,
      `custody: ${result.custodyPath}`,
    ];
    if (result.failedItems > 0)
      lines.push(`${result.failedItems} item(s) could not be read: see summary.json items[].error`);
    io.out.write(`${lines.join('\n')}\n`);
    return result.failedItems > 0 ? EXIT_ITEMS_FAILED : EXIT_OK;
  },
};
