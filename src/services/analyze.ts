/**
 * @module services/analyze
 * The main use-case: an evidence folder in, summary.json + report.html + custody log out.
 * Wiring only: intake (ingest), per-item census (analyze-item), distinct counts (engine), outputs (report).
 */

import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DEFAULT_HOLDER, holderOf, itemRuleOf, loadManifest, type Manifest } from '../config/manifest.js';
import { errorMessage, ForensicError, UsageError } from '../core/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
import type { DuplicateGroup } from '../engine/engine.js';
import { createEngine, type EngineKind } from '../engine/index.js';
import { type LineSplit, sha256File } from '../ingest/intake.js';
import { openEvidence } from '../ingest/readers/index.js';
import { REPORT_FORMATS, WRITERS } from '../report/writers/index.js';
import { type ItemAnalysis, LAYOUT_HINTS, mergeAnalyses } from './analyze-item.js';
import { assessFromAnalysis } from './assess.js';
import { type CollectedEntry, collectEvidence } from './collect.js';
import { contestedReadings, type FlaggedItem } from './contested.js';
import { CustodyLog } from './custody.js';
import { AnalysisInterrupted, StopRequested, stopSignalName, watchRows } from './interrupt.js';
import { ItemPool } from './item-pool.js';
import { type ItemTask, type ItemTaskResult, type ProgressProbe, runItemTask } from './item-task.js';
import { type ByteMeter, type ProgressListener, ProgressTracker } from './progress.js';
import { writeAnalysisReports } from './report.js';
import { buildSummary, type ItemOutcome, type Summary } from './summary.js';
import { FolderPool, type TaskRunner } from './task-queue.js';

/** The engine choice, for the CLI (which may not import engine/ itself). */
export { ENGINE_KINDS, type EngineKind, isEngineKind } from '../engine/index.js';

/**
 * What a finished analysis leaves for later commands (sampling, reports) in `<out>/.xinjian/`: the engine database
 * (`engine/counts.duckdb`, one row per valid record: holder, item, line, category and keys) and this index.
 * Both hold identifying values: the out folder is case work product and must be kept like the evidence.
 */
export interface CaseIndex {
  readonly version: 1;
  readonly evidence_root: string;
  readonly analysis_date: string;
  readonly engine: string;
  readonly summary_sha256: string;
  /** Holder names as reported in summary.json. */
  readonly holders: readonly string[];
  /** Holder names by the index stored in the engine's `holder` column. */
  readonly engine_holders: readonly string[];
  /** Items by the index stored in the engine's `item` column. */
  readonly items: readonly {
    readonly index: number;
    readonly path: string;
    readonly sha256: string | null;
    readonly holder: string;
    readonly category: string | null;
    readonly read: boolean;
  }[];
}

/** The folder inside an analysis output that later commands read. */
export function caseWorkDir(outDir: string): string {
  return join(resolve(outDir), '.xinjian');
}

export interface AnalyzeOptions {
  readonly evidenceRoot: string;
  readonly outDir: string;
  /** ISO date; default: today (UTC). Birth dates after it are invalid. */
  readonly analysisDate?: string;
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** Counting engine (default duckdb); `clickhouse` needs `clickhouseUrl` (shard URLs, comma-separated). */
  readonly engine?: EngineKind;
  readonly clickhouseUrl?: string;
  /**
   * Worker threads that read items in parallel (default 0: everything in the calling thread). The figures do
   * not depend on it.
   */
  readonly workers?: number;
  /**
   * With two or more workers, text files of at least twice this size are read in parts of about this size
   * (default 32 MiB). The figures do not depend on it.
   */
  readonly partBytes?: number;
  /**
   * Hand the item tasks to `xinjian worker` processes through this shared folder (services/task-queue.ts) instead
   * of worker threads. The folder, the evidence and the output folder must have the same paths on every machine.
   */
  readonly taskFolder?: string;
  /** Progress lines (one per item) go here. */
  readonly onProgress?: (msg: string) => void;
  /** Progress events (services/progress.ts): item starts, polled item progress, phases. */
  readonly onEvent?: ProgressListener;
  /**
   * Stop request (Ctrl-C): the run stops at the next safe point, logs `analysis_interrupted`, writes no outputs
   * and throws AnalysisInterrupted (services/interrupt.ts). Abort it with the signal name (`'SIGINT'`).
   */
  readonly signal?: AbortSignal;
}

export interface AnalyzeResult {
  readonly summary: Summary;
  readonly summaryPath: string;
  readonly reportPath: string;
  readonly custodyPath: string;
  readonly failedItems: number;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function holderList(m: Manifest, outcomes: readonly { holder: string }[]): string[] {
  const names = m.holders.map((h) => h.name);
  if (names.length === 0 || outcomes.some((o) => o.holder === DEFAULT_HOLDER)) names.push(DEFAULT_HOLDER);
  return names;
}

/** Counters of a table being read, fed by the worker's progress messages or polled from this thread's reader. */
interface LiveCounters {
  bytes: number | null;
  rows: number;
  staged: number;
  probe?: ProgressProbe;
}

interface PendingTable {
  readonly index: number;
  readonly path: string;
  readonly task: ItemTask;
  readonly live: LiveCounters;
  readonly result: Promise<ItemTaskResult>;
  /** The table's staging files, in order (several when it was read in parts). */
  readonly stagingPaths: string[];
}

/** Text files of at least twice this size are read in parts of about this size (when there are several workers). */
const PART_BYTES = 32 * 2 ** 20;

/**
 * Reads one delimited table in consecutive byte ranges (split at the line starts the hashing pass found), each
 * range a task of its own, and merges the parts' analyses into what one pass gives. When a range ends inside a
 * quoted field, the parts do not add up: their staging files are removed and the table is read in one pass.
 */
async function readInParts(
  pool: TaskRunner,
  task: ItemTask,
  hash: { readonly bytes: number; readonly splits: readonly LineSplit[] },
  live: LiveCounters,
  stagingPaths: string[],
  whole: () => Promise<ItemTaskResult>,
): Promise<ItemTaskResult> {
  const starts = [{ offset: 0, line: 1 }, ...hash.splits];
  const parts: ItemTask[] = starts.map((s, k) => ({
    ...task,
    range: {
      start: s.offset,
      end: starts[k + 1]?.offset ?? hash.bytes,
      firstLine: s.line,
      last: k === starts.length - 1,
    },
    stagingPath: `${task.stagingPath.replace(/\.tsv$/, '')}.${String(k).padStart(5, '0')}.tsv`,
  }));
  stagingPaths.splice(0, stagingPaths.length, ...parts.map((p) => p.stagingPath));
  const read = parts.map(() => ({ bytes: 0, staged: 0 }));
  const results = await Promise.all(
    parts.map((p, k) =>
      pool.run(p, (pr) => {
        read[k] = { bytes: pr.bytes ?? 0, staged: pr.staged };
        live.bytes = read.reduce((n, x) => n + x.bytes, 0);
        live.staged = read.reduce((n, x) => n + x.staged, 0);
        live.rows = live.staged;
      }),
    ),
  );
  const failed = results.find((r) => !r.ok);
  if (failed) return failed;
  const analyses = results.map((r) => (r.ok ? r.analysis : null)).filter((a) => a !== null);
  if (results.some((r) => r.ok && r.endedInQuote === true)) {
    await Promise.all(parts.map((p) => rm(p.stagingPath, { force: true })));
    stagingPaths.splice(0, stagingPaths.length, task.stagingPath);
    live.bytes = null;
    return whole();
  }
  return { ok: true, analysis: mergeAnalyses(analyses) };
}

type Prepared =
  | {
      readonly kind: 'failed';
      readonly index: number;
      readonly holder: string;
      readonly hashMeter: ByteMeter;
      readonly sha256: string | null;
      readonly bytes: number;
      readonly error: string;
    }
  | {
      readonly kind: 'opened';
      readonly holder: string;
      readonly hashMeter: ByteMeter;
      readonly hash: { readonly sha256: string; readonly bytes: number };
      readonly reader: string;
      readonly tables: readonly PendingTable[];
    };

/** The files a finished analysis writes at the top of the output folder (sample files are not among them). */
/**
 * The engine's memory limit unless `--memory-limit` says otherwise. 1.5 GB, not 2 GB: DuckDB's resident memory
 * goes beyond its limit while it spills (measured at 100 M records with 2 GB: peak RSS of the whole run 2.7–3.9 GB),
 * and the same 10 M count took as long at 1.5 GB as at 2 GB (3.8 s) with 0.4 GB less RSS.
 */
export const DEFAULT_MEMORY_LIMIT = '1.5GB';

export const OUTPUT_FILES: readonly string[] = [
  'summary.json',
  ...REPORT_FORMATS.map((f) => WRITERS[f].file),
];

interface PreviousOutput {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The outputs an earlier run left in `out`, with their SHA-256. */
async function previousOutputs(out: string): Promise<PreviousOutput[]> {
  const found: PreviousOutput[] = [];
  for (const file of OUTPUT_FILES) {
    const hash = await sha256File(join(out, file)).catch(() => null);
    if (hash) found.push({ file, sha256: hash.sha256, bytes: hash.bytes });
  }
  return found;
}

export async function analyzeCase(opts: AnalyzeOptions): Promise<AnalyzeResult> {
  const root = resolve(opts.evidenceRoot);
  const out = resolve(opts.outDir);
  const within = relative(root, out);
  if (within === '' || (within !== '..' && !within.startsWith(`..${sep}`) && !isAbsolute(within))) {
    throw new UsageError(
      `the output folder ${out} is ${within === '' ? 'the evidence folder' : 'inside the evidence folder'} ${root}: ` +
        'its files would be read as evidence, and a run replaces summary.json and the reports there. ' +
        'Choose an output folder outside the evidence.',
    );
  }
  await mkdir(out, { recursive: true });
  const manifest = await loadManifest(root);
  const analysisDate = opts.analysisDate ?? manifest.analysisDate ?? today();
  const custody = await CustodyLog.open(join(out, 'custody.jsonl'));
  const work = caseWorkDir(out);
  await rm(work, { recursive: true, force: true });
  await mkdir(join(work, 'staging'), { recursive: true });
  const engine = await createEngine(opts.engine ?? 'duckdb', {
    workDir: join(work, 'engine'),
    memoryLimit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    threads: opts.threads ?? 2,
    ...(opts.clickhouseUrl !== undefined ? { clickhouseUrl: opts.clickhouseUrl } : {}),
  });
  const engineVersion = await engine.version();
  custody.setEngine(engineVersion);
  let completed = false;
  const progress = new ProgressTracker(opts.onEvent);
  const signal = opts.signal;
  let items = 0;
  let failedItems = 0;
  let writingOutputs = false;
  const checkStop = () => {
    if (signal?.aborted) throw new StopRequested();
  };
  try {
    // An earlier run's summary and reports are listed here with their hashes and then removed, before anything is
    // read: a run that stops or fails must not leave them looking like its own (its work folder, which they
    // depend on, is gone already). Sample files stay: they name the summary they belong to.
    const previous = await previousOutputs(out);
    await custody.append('analysis_started', {
      details: {
        evidence_root: root,
        out_dir: out,
        analysis_date: analysisDate,
        manifest: manifest.source,
        memory_limit: opts.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
        counting_rules: 'v1',
        ...(previous.length > 0 ? { previous_outputs_removed: previous } : {}),
      },
    });
    for (const file of OUTPUT_FILES) {
      await rm(join(out, file), { force: true });
      await rm(join(out, `${file}.partial`), { force: true });
    }
    progress.phaseStart('collect');
    const entries = await collectEvidence(root, work, custody);
    items = entries.length;
    checkStop();
    progress.runStart(root, entries);
    const outcomes: ItemOutcome[] = [];
    const stagingFiles: string[] = [];
    const holderNames = [...manifest.holders.map((h) => h.name), DEFAULT_HOLDER];
    const itemPaths: string[] = [];
    let entryIndex = -1;
    const fail = async (
      path: string,
      sha256: string | null,
      bytes: number,
      holder: string,
      error: string,
    ) => {
      outcomes.push({ path, sha256, bytes, holder, analysis: null, error });
      itemPaths.push(path);
      failedItems++;
      await custody.append('item_failed', { item: path, ...(sha256 ? { sha256 } : {}), details: { error } });
      opts.onProgress?.(`${path}: FAILED — ${error}`);
      progress.itemFailed(entryIndex, path, error, `${path}: FAILED — ${error}`);
    };

    // Items are prepared (hashed, opened, their tables handed to the worker pool) a few entries ahead of the
    // one being reported, so that workers read several items at once; results are taken in entry order, and item
    // indexes are assigned in that order when an entry is prepared, so the outcome is the same for any number
    // of workers (0 = everything in this thread).
    const workers = opts.workers ?? 0;
    const pool: TaskRunner | null = opts.taskFolder
      ? new FolderPool(resolve(opts.taskFolder), {
          onWaiting: (m) => {
            opts.onProgress?.(m);
            progress.message(m);
          },
        })
      : workers > 0
        ? new ItemPool(workers)
        : null;
    const stopPool = () => void pool?.close();
    signal?.addEventListener('abort', stopPool, { once: true });
    let nextIndex = 0;
    const prepareEntry = async (entry: CollectedEntry): Promise<Prepared> => {
      checkStop();
      const holder = holderOf(manifest, entry.path);
      const hashMeter: ByteMeter = { bytes: 0 };
      if (entry.kind !== 'file') {
        return {
          kind: 'failed',
          index: nextIndex++,
          holder,
          hashMeter,
          sha256: entry.sha256,
          bytes: entry.bytes,
          error:
            entry.reason ?? (entry.kind === 'symlink' ? 'symbolic link: not followed' : 'not a regular file'),
        };
      }
      // Large files may be read in parts by several workers: the hashing pass finds the line starts to split at.
      const partBytes = opts.partBytes ?? PART_BYTES;
      const splitEvery = pool && pool.size > 1 && entry.bytes >= 2 * partBytes ? partBytes : 0;
      const hash = await sha256File(entry.absPath, {
        meter: hashMeter,
        ...(signal ? { signal } : {}),
        ...(splitEvery > 0 ? { splitEvery } : {}),
      });
      await custody.append('item_hashed', { item: entry.path, sha256: hash.sha256, bytes: hash.bytes });
      const failed = (error: string): Prepared => ({
        kind: 'failed',
        index: nextIndex++,
        holder,
        hashMeter,
        sha256: hash.sha256,
        bytes: hash.bytes,
        error,
      });
      if (entry.sha256 !== null && entry.sha256 !== hash.sha256) {
        // Collection hashed it already (archive member, or a file checked against an earlier run): a different
        // hash now means the copy changed between collection and reading.
        return failed(
          `the file changed after it was collected (SHA-256 ${entry.sha256} then, ${hash.sha256} now): not analysed`,
        );
      }
      const rule = itemRuleOf(manifest, entry.path);
      let opened: Awaited<ReturnType<typeof openEvidence>>;
      try {
        opened = await openEvidence(entry.absPath, entry.path, LAYOUT_HINTS, {
          ...(rule.delimiter !== undefined ? { delimiter: rule.delimiter } : {}),
        });
      } catch (e) {
        checkStop();
        return failed(errorMessage(e));
      }
      const tables = opened.tables.map((table, tableIndex): PendingTable => {
        const index = nextIndex++;
        const path = `${entry.path}${table.suffix ?? ''}`;
        const task: ItemTask = {
          absPath: entry.absPath,
          filePath: entry.path,
          tableIndex,
          path,
          holderIndex: holderNames.indexOf(holder),
          itemIndex: index,
          analysisDate,
          ...(rule.category !== undefined ? { categoryOverride: rule.category } : {}),
          ...(rule.delimiter !== undefined ? { delimiter: rule.delimiter } : {}),
          columnRules: rule.columns,
          stagingPath: join(work, 'staging', `${String(index).padStart(6, '0')}.tsv`),
        };
        const live: LiveCounters = { bytes: null, rows: 0, staged: 0 };
        const stagingPaths = [task.stagingPath];
        const whole = (): Promise<ItemTaskResult> =>
          pool
            ? pool.run(task, (p) => {
                live.bytes = p.bytes;
                live.rows = p.staged;
                live.staged = p.staged;
              })
            : runItemTask(task, watchRows(table, live, signal), (probe) => {
                live.probe = probe;
              });
        const split = pool && opened.tables.length === 1 && table.rangePass && hash.splits.length > 0;
        const result = split ? readInParts(pool, task, hash, live, stagingPaths, whole) : whole();
        return { index, path, task, live, result, stagingPaths };
      });
      return { kind: 'opened', holder, hashMeter, hash, reader: opened.reader, tables };
    };
    const lookahead = pool ? pool.size : 0;
    const prepared: Promise<Prepared>[] = [];
    let chain: Promise<unknown> = Promise.resolve();
    const prepareUpTo = (last: number) => {
      while (prepared.length <= Math.min(last, entries.length - 1)) {
        const entry = entries[prepared.length]!;
        const p = chain.then(() => prepareEntry(entry));
        // Preparation is strictly sequential (item indexes, custody order); a failure is seen where it is awaited.
        chain = p.catch(() => undefined);
        p.catch(() => undefined);
        prepared.push(p);
      }
    };

    try {
      for (const entry of entries) {
        checkStop();
        entryIndex++;
        prepareUpTo(entryIndex + lookahead);
        const prep = await prepared[entryIndex]!;
        if (prep.kind === 'failed') {
          if (entry.kind === 'file') progress.itemStart(entryIndex, entry.path, entry.bytes, prep.hashMeter);
          await fail(entry.path, prep.sha256, prep.bytes, prep.holder, prep.error);
          progress.itemEnd(entry.bytes);
          continue;
        }
        const { hash, holder } = prep;
        progress.itemStart(entryIndex, entry.path, entry.bytes, prep.hashMeter);
        const results: ItemTaskResult[] = [];
        for (const t of prep.tables) {
          const live = t.live;
          progress.readStart(t.path, () => live.probe?.()?.bytes ?? live.bytes, live, {
            get rows() {
              return live.probe?.()?.staged ?? live.staged;
            },
          });
          results.push(await t.result);
          checkStop();
        }
        // Hashed again once all its tables are read: a file that changed meanwhile counts for nothing.
        const rehashMeter: ByteMeter = { bytes: 0 };
        progress.rehashStart(rehashMeter);
        const after = await sha256File(entry.absPath, {
          meter: rehashMeter,
          ...(signal ? { signal } : {}),
        });
        const changed =
          after.sha256 === hash.sha256
            ? null
            : `the file changed while it was being read (SHA-256 ${hash.sha256} before, ${after.sha256} after)`;
        for (const [k, t] of prep.tables.entries()) {
          const r = results[k]!;
          const analysis: ItemAnalysis | null = r.ok && changed === null ? r.analysis : null;
          const error: string | null = changed ?? (r.ok ? null : r.error);
          if (itemPaths.length !== t.index) throw new Error(`internal: item ${t.path} out of order`);
          if (!analysis) {
            await Promise.all(t.stagingPaths.map((f) => rm(f, { force: true })));
            await fail(t.path, hash.sha256, hash.bytes, holder, error ?? 'unknown error');
            continue;
          }
          stagingFiles.push(...t.stagingPaths);
          itemPaths.push(t.path);
          outcomes.push({
            path: t.path,
            sha256: hash.sha256,
            bytes: hash.bytes,
            holder,
            analysis,
            error: null,
          });
          await custody.append('item_read', {
            item: t.path,
            sha256: hash.sha256,
            details: {
              reader: prep.reader,
              ...(t.stagingPaths.length > 1 ? { parts: t.stagingPaths.length } : {}),
              format: analysis.format,
              encoding: analysis.encoding,
              delimiter: analysis.delimiter,
              category: analysis.category,
              records: analysis.records,
              valid: analysis.valid,
              non_record_lines: analysis.non_record_lines,
            },
          });
          const line = `${t.path}: ${analysis.records} records (${analysis.valid} valid), ${analysis.encoding ?? analysis.format}`;
          opts.onProgress?.(line);
          progress.itemRead(t.path, analysis.records, analysis.valid, line);
        }
        progress.itemEnd(entry.bytes);
      }
    } finally {
      signal?.removeEventListener('abort', stopPool);
      await pool?.close();
      // Tables still running in this thread (a stop, an error) finish before the work folder is touched.
      await Promise.allSettled(
        prepared.map((p) =>
          p.then((x) => (x.kind === 'opened' ? Promise.allSettled(x.tables.map((t) => t.result)) : null)),
        ),
      );
    }
    checkStop();
    progress.phaseStart('engine_load');
    const loaded = await engine.load(stagingFiles);
    progress.phaseDone({ rows: loaded });
    checkStop();
    progress.phaseStart('counting');
    const tallies = await engine.tallies();
    checkStop();
    const dupGroups: DuplicateGroup[] = await engine.duplicateGroups(20, 5);
    const names = holderList(manifest, outcomes);
    // Tallies carry holder indexes into `holderNames`; re-index them into the reported holder list.
    const remapped = tallies.map((t) =>
      t.holder === null ? t : { ...t, holder: names.indexOf(holderNames[t.holder] ?? DEFAULT_HOLDER) },
    );
    const flagged: FlaggedItem[] = [];
    outcomes.forEach((o, index) => {
      const a = o.analysis;
      if (a && a.category !== null && a.advisories.length > 0) {
        flagged.push({
          index,
          path: o.path,
          holder: o.holder,
          category: a.category,
          advisories: a.advisories,
        });
      }
    });
    const contested = await contestedReadings(engine, tallies, flagged, holderNames);
    progress.phaseDone();
    const meta = {
      tool: { name: TOOL_NAME, version: TOOL_VERSION, engine: engineVersion },
      case: manifest.caseName,
      examiner: manifest.examiner,
      evidence_root: root,
      analysis_date: analysisDate,
      manifest: manifest.source,
    };
    const counted = buildSummary(meta, outcomes, remapped, names);
    const assessment = assessFromAnalysis(manifest, counted.holders, contested, null);
    const summary = buildSummary(meta, outcomes, remapped, names, { contested, assessment });
    if (loaded !== summary.totals.valid) {
      throw new ForensicError(
        'INTERNAL',
        `engine loaded ${loaded} staged rows but the census counted ${summary.totals.valid} valid records`,
      );
    }
    // Last safe point: from here on the outputs are written to the end (a stop request waits for them).
    checkStop();
    writingOutputs = true;
    progress.phaseStart('reports');
    const summaryText = `${JSON.stringify(summary, null, 2)}\n`;
    const summaryPath = join(out, 'summary.json');
    // Written under a temporary name first, so that a kill leaves the old summary or the new one, never a part.
    await writeFile(`${summaryPath}.partial`, summaryText, 'utf8');
    await rename(`${summaryPath}.partial`, summaryPath);
    const reportPath = join(out, 'report.html');
    // report.docx, report.pdf, appendix.xlsx and report.html (services/report.ts); a format that cannot be
    // written here is skipped with its reason (onProgress) and the others are still written.
    const { html } = await writeAnalysisReports({
      outDir: out,
      summary,
      outcomes,
      duplicateGroups: dupGroups,
      engineHolders: holderNames,
      ...(opts.onProgress || progress.enabled
        ? {
            onProgress: (m: string) => {
              opts.onProgress?.(m);
              progress.message(m);
            },
          }
        : {}),
    });
    await custody.append('analysis_finished', {
      details: {
        summary_sha256: createHash('sha256').update(summaryText).digest('hex'),
        report_sha256: createHash('sha256').update(html).digest('hex'),
        items: outcomes.length,
        failed_items: summary.totals.failed_items,
      },
    });
    const index: CaseIndex = {
      version: 1,
      evidence_root: root,
      analysis_date: analysisDate,
      engine: engineVersion,
      summary_sha256: createHash('sha256').update(summaryText).digest('hex'),
      holders: names,
      engine_holders: holderNames,
      items: outcomes.map((o, i) => ({
        index: i,
        path: o.path,
        sha256: o.sha256,
        holder: o.holder,
        category: o.analysis?.category ?? null,
        read: o.analysis !== null,
      })),
    };
    await writeFile(join(work, 'case-index.json'), `${JSON.stringify(index, null, 2)}\n`, 'utf8');
    completed = true;
    progress.runDone({
      items: outcomes.length,
      failed_items: summary.totals.failed_items,
      records: summary.totals.records,
      valid: summary.totals.valid,
    });
    return {
      summary,
      summaryPath,
      reportPath,
      custodyPath: custody.path,
      failedItems: summary.totals.failed_items,
    };
  } catch (e) {
    if (!signal?.aborted || writingOutputs) throw e;
    // A stop request: whatever failed after it (a reader unwound by the row watch, a child process that got
    // the terminal's Ctrl-C too) is the interruption, not an item failure.
    const interrupted = new AnalysisInterrupted(
      stopSignalName(signal),
      progress.phase,
      progress.itemsDone,
      items,
    );
    await custody.append('analysis_interrupted', {
      details: {
        signal: interrupted.signal,
        phase: progress.phase,
        items,
        items_finished: progress.itemsDone,
        items_failed: failedItems,
        current_item: progress.currentPath,
        records_read: progress.records,
        ...(e instanceof StopRequested ? {} : { error: errorMessage(e) }),
        outputs:
          'none written by this run (summary.json and the reports are written only when the analysis finishes; ' +
          "an earlier run's were removed at its start, see analysis_started)",
      },
    });
    throw interrupted;
  } finally {
    progress.close();
    await engine.close();
    await rm(join(work, 'staging'), { recursive: true, force: true });
    await rm(join(work, 'engine', 'spill'), { recursive: true, force: true });
    if (!completed) await rm(work, { recursive: true, force: true });
  }
}
