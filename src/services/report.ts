/**
 * @module services/report
 * Writes the report documents (report.docx, report.pdf, appendix.xlsx, report.html) from one report model.
 * Called at the end of `analyze` (with the analysis in memory) and by `xinjian report` (from summary.json, the
 * kept report data and the sample files). A writer that cannot run here (e.g. PDF without a CJK font) is
 * skipped with its reason and its old file removed; the others are still written.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorMessage, ForensicError } from '../core/errors.js';
import type { InvalidReason } from '../detect/record.js';
import { INVALID_REASONS } from '../detect/record.js';
import type { DuplicateGroup } from '../engine/engine.js';
import { loadRulebook } from '../law/rulebook.js';
import { buildReportModel, type ToolVersion } from '../report/build.js';
import type { ReportModel } from '../report/model.js';
import { packageVersion } from '../report/versions.js';
import { REPORT_FORMATS, type ReportFormat, WRITERS } from '../report/writers/index.js';
import { type CaseIndex, caseWorkDir } from './analyze.js';
import type { RecordExample } from './analyze-item.js';
import { CustodyLog } from './custody.js';
import { SAMPLE_FILE, SAMPLE_RESULTS_FILE, type SampleDesign, type SampleResults } from './sample.js';
import type { ItemOutcome, Summary } from './summary.js';

/** What the report needs beyond summary.json, kept in `<out>/.xinjian/report-data.json` (masked values only). */
export interface ReportData {
  readonly version: 1;
  readonly summary_sha256: string;
  readonly invalid_examples: readonly {
    readonly item_index: number;
    readonly item: string;
    readonly reason: InvalidReason;
    /** All invalid records of this reason in the item. */
    readonly total: number;
    readonly examples: readonly RecordExample[];
  }[];
  readonly duplicate_groups: readonly {
    readonly holder: string;
    readonly category: string;
    readonly count: number;
    readonly occurrences: readonly { readonly item: string; readonly line: number }[];
  }[];
}

export interface WrittenReport {
  readonly format: ReportFormat;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ReportOutcome {
  readonly written: readonly WrittenReport[];
  readonly skipped: readonly { readonly format: ReportFormat; readonly reason: string }[];
  /** Notes on inputs left out (e.g. a sample of an earlier analysis). */
  readonly notes: readonly string[];
}

export const REPORT_DATA_FILE = 'report-data.json';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The bytes of summary.json exactly as analyze writes them. */
export function summaryText(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function tools(summary: Summary): ToolVersion[] {
  return [
    {
      name: summary.tool.name,
      version: summary.tool.version,
      role: '检材读取、识别、计数、抽样与报告（本工具）',
    },
    {
      name: summary.tool.engine.split(' ')[0] ?? 'engine',
      version: summary.tool.engine,
      role: '精确去重计数（嵌入式数据库）',
    },
    { name: 'Node.js', version: process.version, role: '运行环境（生成报告时）' },
    { name: 'docx', version: packageVersion('docx'), role: 'DOCX 报告' },
    {
      name: 'pdfmake',
      version: packageVersion('pdfmake'),
      role: 'PDF 报告（嵌入 Noto Sans CJK SC 子集字体）',
    },
    { name: 'exceljs', version: packageVersion('exceljs'), role: 'XLSX 附表与抽样核实表' },
    { name: '@resvg/resvg-js', version: packageVersion('@resvg/resvg-js'), role: '图表栅格化（SVG → PNG）' },
  ];
}

async function readJson<T>(path: string): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ForensicError('REPORT', `${path}: not valid JSON (${errorMessage(e)})`);
  }
}

/** The sample and its results when they belong to this analysis (same summary.json); otherwise notes why not. */
export async function loadSampling(
  outDir: string,
  summarySha256: string,
): Promise<{ sample: SampleDesign | null; results: SampleResults | null; notes: string[] }> {
  const notes: string[] = [];
  let sample = await readJson<SampleDesign>(join(outDir, SAMPLE_FILE));
  let results = await readJson<SampleResults>(join(outDir, SAMPLE_RESULTS_FILE));
  if (sample && sample.summary_sha256 !== summarySha256) {
    notes.push(
      `${SAMPLE_FILE} was drawn from an earlier analysis (another summary.json): left out of the report`,
    );
    sample = null;
  }
  if (results && (!sample || results.design_sha256 !== sample.design_sha256)) {
    notes.push(`${SAMPLE_RESULTS_FILE} does not belong to the current sample: left out of the report`);
    results = null;
  }
  return { sample, results, notes };
}

/** Runs each writer; a failing writer is reported as skipped (and its old file removed), the rest go on. */
export async function renderReports(
  outDir: string,
  model: ReportModel,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  onProgress?: (msg: string) => void,
): Promise<{ written: WrittenReport[]; skipped: { format: ReportFormat; reason: string }[] }> {
  const written: WrittenReport[] = [];
  const skipped: { format: ReportFormat; reason: string }[] = [];
  for (const format of formats) {
    const w = WRITERS[format];
    const path = join(outDir, w.file);
    let bytes: Buffer;
    try {
      bytes = await w.write(model);
    } catch (e) {
      await rm(path, { force: true });
      skipped.push({ format, reason: errorMessage(e) });
      onProgress?.(`${w.file}: SKIPPED — ${errorMessage(e)}`);
      continue;
    }
    // Under a temporary name first: a kill leaves the old document or the new one, never a part of one.
    await writeFile(`${path}.partial`, bytes);
    await rename(`${path}.partial`, path);
    written.push({ format, path, sha256: sha256(bytes), bytes: bytes.length });
    onProgress?.(`${w.file}: written (${bytes.length} bytes)`);
  }
  return { written, skipped };
}

function build(
  summary: Summary,
  summarySha256: string,
  data: ReportData,
  sampling: { sample: SampleDesign | null; results: SampleResults | null },
): ReportModel {
  return buildReportModel({
    summary,
    summarySha256,
    data,
    sample: sampling.sample,
    results: sampling.results,
    tools: tools(summary),
    rulebookVersion: summary.assessment?.rulebook_version ?? loadRulebook().version,
  });
}

export interface AnalysisReportInput {
  readonly outDir: string;
  readonly summary: Summary;
  readonly outcomes: readonly ItemOutcome[];
  /** Duplicate groups as the engine returns them (item indexes into `outcomes`, engine holder indexes). */
  readonly duplicateGroups: readonly DuplicateGroup[];
  /** Holder names by the engine's holder index. */
  readonly engineHolders: readonly string[];
  readonly formats?: readonly ReportFormat[];
  readonly onProgress?: (msg: string) => void;
}

/**
 * The end of `analyze`: keeps the report data (masked examples, duplicate groups) for `xinjian report`, and
 * writes every report format. Returns the HTML text too (analyze records its hash in the custody log).
 */
export async function writeAnalysisReports(
  input: AnalysisReportInput,
): Promise<ReportOutcome & { html: string }> {
  const out = resolve(input.outDir);
  const summarySha256 = sha256(summaryText(input.summary));
  const data: ReportData = {
    version: 1,
    summary_sha256: summarySha256,
    invalid_examples: input.outcomes.flatMap((o, i) => {
      const a = o.analysis;
      if (!a) return [];
      return INVALID_REASONS.filter((r) => a.invalid_examples[r].length > 0).map((r) => ({
        item_index: i,
        item: o.path,
        reason: r,
        total: a.invalid[r],
        examples: a.invalid_examples[r],
      }));
    }),
    duplicate_groups: input.duplicateGroups.map((g) => ({
      holder: input.engineHolders[g.holder] ?? `#${g.holder}`,
      category: g.category,
      count: g.count,
      occurrences: g.occurrences.map((o) => ({
        item: input.outcomes[o.item]?.path ?? `#${o.item}`,
        line: o.line,
      })),
    })),
  };
  await writeFile(join(caseWorkDir(out), REPORT_DATA_FILE), `${JSON.stringify(data, null, 2)}\n`, 'utf8');
  const sampling = await loadSampling(out, summarySha256);
  const model = build(input.summary, summarySha256, data, sampling);
  const r = await renderReports(out, model, input.formats ?? REPORT_FORMATS, input.onProgress);
  const html = r.written.some((w) => w.format === 'html')
    ? await readFile(join(out, WRITERS.html.file), 'utf8')
    : '';
  return { ...r, notes: sampling.notes, html };
}

export interface WriteReportsOptions {
  readonly outDir: string;
  readonly formats?: readonly ReportFormat[];
  readonly onProgress?: (msg: string) => void;
}

/**
 * `xinjian report`: re-renders the documents from a finished analysis (summary.json, checked against the case
 * index), its report data, and the sample and verification results when present. Logged in custody.jsonl.
 */
export async function writeReports(opts: WriteReportsOptions): Promise<ReportOutcome> {
  const out = resolve(opts.outDir);
  const work = caseWorkDir(out);
  const index = await readJson<CaseIndex>(join(work, 'case-index.json'));
  if (!index)
    throw new ForensicError('REPORT', `${out} holds no finished analysis (no .xinjian/case-index.json)`);
  const text = await readFile(join(out, 'summary.json'), 'utf8').catch(() => {
    throw new ForensicError('REPORT', `${out}/summary.json is missing`);
  });
  const summarySha256 = sha256(text);
  if (summarySha256 !== index.summary_sha256) {
    throw new ForensicError(
      'INTEGRITY',
      `summary.json has changed since the analysis (SHA-256 ${summarySha256}, analysis recorded ${index.summary_sha256})`,
    );
  }
  const summary = JSON.parse(text) as Summary;
  const notes: string[] = [];
  let data = await readJson<ReportData>(join(work, REPORT_DATA_FILE));
  if (!data || data.summary_sha256 !== summarySha256) {
    notes.push('no report data kept for this analysis: invalid-record and duplicate examples are left out');
    data = { version: 1, summary_sha256: summarySha256, invalid_examples: [], duplicate_groups: [] };
  }
  const sampling = await loadSampling(out, summarySha256);
  notes.push(...sampling.notes);
  const model = build(summary, summarySha256, data, sampling);
  const r = await renderReports(out, model, opts.formats ?? REPORT_FORMATS, opts.onProgress);
  const custody = await CustodyLog.open(join(out, 'custody.jsonl'));
  custody.setEngine(summary.tool.engine);
  await custody.append('report_written', {
    details: {
      summary_sha256: summarySha256,
      sample_design_sha256: sampling.sample?.design_sha256 ?? null,
      verification_workbook_sha256: sampling.results?.workbook.sha256 ?? null,
      written: r.written.map((w) => ({
        file: w.path.slice(out.length + 1),
        sha256: w.sha256,
        bytes: w.bytes,
      })),
      skipped: r.skipped,
    },
  });
  return { ...r, notes };
}
