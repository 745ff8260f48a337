/**
 * @module cli/commands/analyze
 * `xinjian analyze EVIDENCE_DIR --out DIR` — the main job. `--demo` generates a synthetic case first.
 */
import { join, resolve } from 'node:path';
import { CATEGORIES, CATEGORY_IDS } from '../../core/categories.js';
import { UsageError } from '../../core/errors.js';
import { generateDemo } from '../../demo/generate.js';
import { analyzeCase, ENGINE_KINDS, isEngineKind } from '../../services/analyze.js';
import { type Command, optFlag, optString } from '../command.js';
import { EXIT_ITEMS_FAILED, EXIT_OK } from '../output.js';

const USAGE = `Usage: xinjian analyze EVIDENCE_DIR --out DIR [options]
       xinjian analyze --demo [--records N] [--seed S] --out DIR

Counts the personal information in every evidence item under EVIDENCE_DIR (counting rules v1) and writes
DIR/summary.json, DIR/report.html and the custody log DIR/custody.jsonl. A case manifest case.yaml at the
evidence root is read when present.

Options:
  --out DIR              output folder (required)
  --analysis-date DATE   YYYY-MM-DD; birth dates after it are invalid (default: case.yaml, else today)
  --memory-limit SIZE    engine memory limit before spilling to disk (default 2GB; for ClickHouse: per query
                         and server, GROUP BY/ORDER BY spill at half of it)
  --engine NAME          counting engine: duckdb (embedded, default) or clickhouse (a cluster)
  --clickhouse-url URLS  with --engine clickhouse: one http://host:port per shard, comma-separated; options as
                         URL parameters (?cluster=NAME&keep=1&max_memory_usage=BYTES…), see README
  --demo                 generate a synthetic demo case into DIR/demo-case and analyse it
  --records N            demo size (default 5000)
  --seed S               demo seed (default 1)
  --quiet                no per-item progress lines

Exit codes: 0 every item read; 3 some items could not be read (listed in summary.json); 1 error; 2 usage.`;

function positiveInt(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new UsageError(`--${name} must be a positive whole number, got '${v}'`);
  return Number(v);
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'count the personal information in an evidence folder (summary.json, report.html, custody log)',
  usage: USAGE,
  options: {
    out: { type: 'string' },
    'analysis-date': { type: 'string' },
    'memory-limit': { type: 'string' },
    engine: { type: 'string' },
    'clickhouse-url': { type: 'string' },
    demo: { type: 'boolean' },
    records: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean' },
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
      io.err.write(`demo case (seed ${seed}, ${records} records) written to ${dir}\n`);
    } else {
      if (args.positionals.length !== 1) throw new UsageError(`give exactly one EVIDENCE_DIR\n\n${USAGE}`);
      evidence = args.positionals[0]!;
    }
    const quiet = optFlag(args, 'quiet');
    const result = await analyzeCase({
      evidenceRoot: evidence,
      outDir: out,
      ...((analysisDate ?? demoDate) ? { analysisDate: (analysisDate ?? demoDate)! } : {}),
      ...(optString(args, 'memory-limit') ? { memoryLimit: optString(args, 'memory-limit')! } : {}),
      engine,
      ...(clickhouseUrl !== undefined ? { clickhouseUrl } : {}),
      onProgress: quiet ? undefined : (m) => io.err.write(`  ${m}\n`),
    });
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
