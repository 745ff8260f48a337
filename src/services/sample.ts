/**
 * @module services/sample
 * Authenticity sampling (issue 6). `drawSample`: the frame comes from the kept engine database, the size from
 * Cochran's formula with finite-population correction per (holder, category), proportional allocation over
 * item strata, and the draw from a keyed hash of the seed and the unit key; the full values of the drawn
 * records are read back from the evidence (after re-checking each item's SHA-256) into the verification
 * workbook, and the design into sample.json. `importVerification`: reads the filled workbook back (refusing
 * one that does not match the drawn sample) and computes rates, exact intervals and conservative counts.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { itemRuleOf, loadManifest, type Manifest } from '../config/manifest.js';
import { CATEGORIES, CATEGORY_IDS, type CategoryId, type Tier } from '../core/categories.js';
import { errorMessage, ForensicError } from '../core/errors.js';
import type { FieldType } from '../core/field-types.js';
import { maskValue } from '../core/mask.js';
import {
  allocateProportional,
  clopperPearson,
  cochranSampleSize,
  normalQuantile,
  zeroFailureUpperBound,
} from '../core/stats/index.js';
import type { DrawnUnit, FrameStratum, SampleQuota, SamplingUnit } from '../engine/engine.js';
import { createEngine } from '../engine/index.js';
import { sha256File } from '../ingest/intake.js';
import { openEvidence } from '../ingest/readers/index.js';
import type { Assessment } from '../law/assessment.js';
import {
  readVerificationWorkbook,
  type WorkbookRow,
  writeVerificationWorkbook,
} from '../report/verification-workbook.js';
import { type CaseIndex, caseWorkDir } from './analyze.js';
import { LAYOUT_HINTS } from './analyze-item.js';
import { assessFromAnalysis } from './assess.js';
import { collectEvidence } from './collect.js';
import { CustodyLog } from './custody.js';
import type { Figures, Summary } from './summary.js';

export type VerificationResult = '真实' | '不真实' | '无法核实';
export const VERIFICATION_RESULTS: readonly VerificationResult[] = ['真实', '不真实', '无法核实'];

export interface SampleStratum {
  /** e.g. `S03`. */
  readonly id: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item_index: number;
  readonly item: string;
  readonly sha256: string | null;
  /** N_h: distinct units whose representative record is in this item. */
  readonly size: number;
  /** n_h: units drawn. */
  readonly n: number;
}

export interface SampleDomain {
  readonly holder: string;
  readonly category: CategoryId;
  readonly tier: Tier;
  readonly unit: 'records' | 'subjects';
  /** N: the frame size, equal to the legal count of the holder's category in summary.json. */
  readonly population: number;
  /** `census`: every unit exported for itemised verification (逐一认定). */
  readonly design: 'sample' | 'census';
  readonly z: number | null;
  readonly n0: number | null;
  readonly n: number;
  readonly strata: readonly SampleStratum[];
}

export interface SampleRow {
  /** 1-based row number in the workbook. */
  readonly no: number;
  /** e.g. `A000001`. */
  readonly id: string;
  readonly stratum: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item_index: number;
  readonly item: string;
  readonly line: number;
  readonly rank: number;
  readonly order_key: string;
  /** The record with identifying values masked (for reports); full values are only in the workbook. */
  readonly masked: string;
}

export interface SampleDesign {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string; readonly engine: string };
  readonly case: string;
  readonly summary_sha256: string;
  readonly analysis_date: string;
  readonly seed: string;
  readonly seed_source: 'given' | 'summary_sha256';
  readonly confidence: number;
  readonly margin: number;
  readonly proportion: number;
  readonly full_tiers: readonly Tier[];
  /** The procedure as the report states it, step by step. */
  readonly procedure: readonly string[];
  readonly domains: readonly SampleDomain[];
  readonly rows: readonly SampleRow[];
  /** SHA-256 of the canonical design (seed, parameters, strata, rows' positions and keys). */
  readonly design_sha256: string;
  readonly workbook: { readonly file: string; readonly sha256: string };
}

export interface RateFigures {
  readonly n: number;
  readonly verified_true: number;
  readonly not_true: number;
  readonly unverifiable: number;
  /** k/n with unverifiable counted as not true (null when n = 0). */
  readonly rate: number | null;
  readonly lower: number;
  readonly upper: number;
}

export interface StratumResult extends RateFigures {
  readonly stratum: string;
  readonly holder: string;
  readonly category: CategoryId;
  readonly item: string;
  readonly size: number;
}

export interface DomainResult extends RateFigures {
  readonly holder: string;
  readonly category: CategoryId;
  readonly tier: Tier;
  readonly unit: 'records' | 'subjects';
  readonly design: 'sample' | 'census';
  /** The as-seized count (summary.json). */
  readonly population: number;
  /** With no failure: the one-sided upper bound on the false rate, 1 − (1 − confidence)^(1/n). */
  readonly zero_failure_upper: number | null;
  /** Census: verified true; sample: max(verified true, floor(lower × population)). */
  readonly conservative: number;
  readonly conservative_working: string;
}

export interface SampleResults {
  readonly version: 1;
  readonly design_sha256: string;
  readonly summary_sha256: string;
  readonly seed: string;
  readonly confidence: number;
  /** The filled workbook as imported. */
  readonly workbook: { readonly file: string; readonly sha256: string };
  /** Rows per verification method as entered. */
  readonly methods: Readonly<Record<string, number>>;
  /** Each row's result and method (the verifier's notes stay in the workbook: they may hold full values). */
  readonly rows: readonly {
    readonly id: string;
    readonly result: VerificationResult;
    readonly method: string;
  }[];
  readonly strata: readonly StratumResult[];
  readonly domains: readonly DomainResult[];
  /** The legal assessment with each sampled category at its conservative count (null without holder facts). */
  readonly assessment_conservative: Assessment | null;
}

// ── drawing ────────────────────────────────────────────────────────────────────────────────────────────────────

export const SAMPLE_FILE = 'sample.json';
export const SAMPLE_RESULTS_FILE = 'sample-results.json';
export const WORKBOOK_FILE = 'verification.xlsx';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readJsonFile<T>(path: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ForensicError('CONFIG', `${path} is missing: ${what}`);
  }
  return JSON.parse(text) as T;
}

/** The finished analysis in an output folder, with summary.json checked against the case index. */
async function openAnalysis(
  outDir: string,
): Promise<{ out: string; index: CaseIndex; summary: Summary; summarySha256: string }> {
  const out = resolve(outDir);
  const index = await readJsonFile<CaseIndex>(
    join(caseWorkDir(out), 'case-index.json'),
    'no finished analysis here (run xinjian analyze first)',
  );
  let text: string;
  try {
    text = await readFile(join(out, 'summary.json'), 'utf8');
  } catch {
    throw new ForensicError('CONFIG', `${out}/summary.json is missing`);
  }
  const summarySha256 = sha256(text);
  if (summarySha256 !== index.summary_sha256) {
    throw new ForensicError(
      'INTEGRITY',
      `summary.json has changed since the analysis (SHA-256 ${summarySha256}, analysis recorded ${index.summary_sha256})`,
    );
  }
  return { out, index, summary: JSON.parse(text) as Summary, summarySha256 };
}

export interface DrawOptions {
  readonly outDir: string;
  /** Default: the first 16 hex digits of summary.json's SHA-256 (fixed before the draw, not chosen). */
  readonly seed?: string;
  readonly confidence?: number;
  readonly margin?: number;
  /** Tiers exported in full for itemised verification (逐一认定) instead of sampled. */
  readonly fullTiers?: readonly Tier[];
  /** Where the evidence is now, if it moved since the analysis (default: the case index's evidence root). */
  readonly evidenceRoot?: string;
  readonly onProgress?: (msg: string) => void;
}

export interface DrawResult {
  readonly design: SampleDesign;
  readonly samplePath: string;
  readonly workbookPath: string;
}

function unitsByCategory(): Record<string, SamplingUnit> {
  return Object.fromEntries(CATEGORY_IDS.map((id) => [id, CATEGORIES[id].countedBy]));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The procedure as the report and the workbook state it. */
export function procedureText(p: {
  seed: string;
  confidence: number;
  margin: number;
  proportion: number;
  fullTiers: readonly Tier[];
}): string[] {
  const z = normalQuantile(1 - (1 - p.confidence) / 2);
  const steps = [
    '抽样框：每一持有人的每一类别为一个推断总体。单位为该类别的计数单位：按记录计数的类别为去重后的记录（不同的规范化记录键），按主体计数的类别为不同的信息主体（主体键）；因此总体大小 N 即报告中该持有人该类别的认定条数。每一单位以其在该持有人检材中最先出现的位置（检材序号最小、其次行号最小）为代表记录，归入该检材所在的层（层 = 持有人 × 检材 × 类别）。',
    `样本量：Cochran 公式 n0 = z²·p(1−p)/e²，取 p = ${p.proportion}、e = ${p.margin}，z 为置信水平 ${(p.confidence * 100).toFixed(0)}% 的双侧标准正态分位数 ${z.toFixed(6)}；有限总体校正 n = ceil(n0 / (1 + (n0 − 1)/N))，且不超过 N。`,
    '分配：n 按各层单位数 N_h 的比例分配（最大余数法）：各层先得 floor(n·N_h/N)，余下名额按余数 n·N_h mod N 从大到小各加 1（余数相同者先给 N_h 较大的层，再按层序），各层 n_h 之和等于 n。',
    `抽取：对每一单位计算排序键 SHA-256(种子 ‖ U+001F ‖ 单位键)（UTF-8 编码，十六进制小写），层内按排序键升序排列，取前 n_h 个；种子为“${p.seed}”。该方法不保存随机数状态：相同的种子与数据必然得到相同的样本，不同的种子得到不同的样本。`,
  ];
  if (p.fullTiers.length > 0) {
    steps.push(
      `逐一认定：第 ${p.fullTiers.join('、')} 档类别（${CATEGORY_IDS.filter((id) =>
        p.fullTiers.includes(CATEGORIES[id].tier),
      )
        .map((id) => CATEGORIES[id].label)
        .join('、')}）不抽样，全部单位导出核实。`,
    );
  }
  steps.push(
    '取值：按代表记录的检材与行号重新读取检材（读取前核对该检材的 SHA-256 与分析时一致，不一致即停止），把完整记录写入核实表，供侦查人员逐条核实（电话核实、人口信息系统比对、被害人陈述等），并填写核实结果与方法。',
    '统计：“真实”计为真实，“不真实”与“无法核实”均计为非真实（有利于被告人）。各层与各总体的真实率以 Clopper–Pearson 精确区间报告；抽样总体的保守数 = max(核实为真实的条数, floor(区间下限 × N))，逐一核实的总体的保守数即核实为真实的条数；样本中无非真实记录时另报非真实率的单侧上限 1 − (1 − 置信水平)^(1/n)（“3/n 法则”（rule of three））。',
  );
  return steps;
}

interface ItemFile {
  readonly path: string;
  readonly absPath: string;
}

/** Finds the file of each item (plain files directly; archive members by extracting them again). */
async function locateItems(
  root: string,
  itemPaths: readonly string[],
  work: string,
): Promise<Map<string, ItemFile>> {
  const out = new Map<string, ItemFile>();
  const needsArchives = itemPaths.some((p) => p.includes('!/'));
  const entries: ItemFile[] = [];
  if (needsArchives) {
    for (const e of await collectEvidence(root, work, null)) {
      if (e.kind === 'file') entries.push({ path: e.path, absPath: e.absPath });
    }
  }
  for (const item of itemPaths) {
    const candidates = [item];
    for (let i = item.lastIndexOf('#'); i > 0; i = item.lastIndexOf('#', i - 1))
      candidates.push(item.slice(0, i));
    let found: ItemFile | null = null;
    for (const c of candidates) {
      const e = entries.find((x) => x.path === c);
      if (e) {
        found = e;
        break;
      }
      if (c.includes('!/')) continue;
      const abs = join(root, ...c.split('/'));
      try {
        if ((await stat(abs)).isFile()) {
          found = { path: c, absPath: abs };
          break;
        }
      } catch {
        // try the next candidate
      }
    }
    if (!found) throw new ForensicError('INTEGRITY', `evidence item ${item} is no longer under ${root}`);
    out.set(item, found);
  }
  return out;
}

interface FullRecord {
  readonly fields: readonly string[];
}

/** Reads the records at `lines` of one item (whose file's hash must equal `sha256`). */
async function readRecords(
  file: ItemFile,
  item: string,
  sha256: string | null,
  lines: ReadonlySet<number>,
  manifest: Manifest,
): Promise<Map<number, FullRecord>> {
  const hash = await sha256File(file.absPath);
  if (sha256 === null || hash.sha256 !== sha256) {
    throw new ForensicError(
      'INTEGRITY',
      `evidence item ${item} has changed since the analysis (SHA-256 now ${hash.sha256}, analysis recorded ${sha256 ?? 'none'}): refusing to sample`,
    );
  }
  const rule = itemRuleOf(manifest, file.path);
  const opened = await openEvidence(file.absPath, file.path, LAYOUT_HINTS, {
    ...(rule.delimiter !== undefined ? { delimiter: rule.delimiter } : {}),
  });
  const table = opened.tables.find((t) => `${file.path}${t.suffix ?? ''}` === item);
  if (!table)
    throw new ForensicError('INTEGRITY', `evidence item ${item}: the table is no longer in ${file.path}`);
  const found = new Map<number, FullRecord>();
  for await (const ev of table.rows()) {
    if (ev.kind !== 'record' || !lines.has(ev.line)) continue;
    found.set(ev.line, { fields: ev.fields });
    if (found.size === lines.size) break;
  }
  const missing = [...lines].filter((l) => !found.has(l));
  if (missing.length > 0) {
    throw new ForensicError(
      'INTEGRITY',
      `evidence item ${item}: no record at line(s) ${missing.slice(0, 5).join(', ')}`,
    );
  }
  return found;
}

function recordTexts(
  fields: readonly string[],
  columns: Summary['items'][number]['columns'],
): { full: string; masked: string; first: Partial<Record<FieldType, string>> } {
  const full: string[] = [];
  const masked: string[] = [];
  const first: Partial<Record<FieldType, string>> = {};
  fields.forEach((v, i) => {
    if (v.trim() === '') return;
    const c = columns[i];
    const type = (c?.type ?? null) as FieldType | null;
    const label = c?.header ?? `第${i + 1}列`;
    full.push(`${label}：${v}`);
    masked.push(`${label}：${maskValue(type, v)}`);
    if (type && first[type] === undefined) first[type] = v;
  });
  return { full: full.join('；'), masked: masked.join('；'), first };
}

/** Canonical design checksum: everything that defines the sample, nothing that depends on reading values. */
function designChecksum(
  d: Omit<SampleDesign, 'design_sha256' | 'workbook' | 'rows' | 'procedure' | 'tool'> & {
    rows: readonly SampleRow[];
  },
): string {
  return sha256(
    JSON.stringify({
      summary_sha256: d.summary_sha256,
      seed: d.seed,
      confidence: d.confidence,
      margin: d.margin,
      proportion: d.proportion,
      full_tiers: d.full_tiers,
      domains: d.domains,
      rows: d.rows.map((r) => [r.no, r.id, r.stratum, r.item_index, r.line, r.rank, r.order_key]),
    }),
  );
}

/** Draws the sample of a finished analysis and writes sample.json and the verification workbook. */
export async function drawSample(opts: DrawOptions): Promise<DrawResult> {
  const { out, index, summary, summarySha256 } = await openAnalysis(opts.outDir);
  const confidence = opts.confidence ?? 0.95;
  const margin = opts.margin ?? 0.05;
  const proportion = 0.5;
  const fullTiers = [...new Set(opts.fullTiers ?? [])].sort() as Tier[];
  const seed = opts.seed ?? summarySha256.slice(0, 16);
  const work = caseWorkDir(out);
  const units = unitsByCategory();

  const engine = await createEngine('duckdb', {
    workDir: join(work, 'engine'),
    memoryLimit: '1GB',
    threads: 2,
  });
  let frame: FrameStratum[];
  let drawn: DrawnUnit[];
  let domains: SampleDomain[] = [];
  try {
    if (!engine.samplingFrame || !engine.drawSample) {
      throw new ForensicError('ENGINE', `the ${engine.name} engine offers no sampling`);
    }
    try {
      frame = await engine.samplingFrame(units);
    } catch (e) {
      throw new ForensicError(
        'ENGINE',
        `cannot read the kept records of this analysis (engine ${index.engine}): ${errorMessage(e)}`,
        { cause: e },
      );
    }
    // Domains in report order: holders as in summary.json, categories in legal order.
    let strataCount = 0;
    const holderOrder = Object.keys(summary.holders);
    const byDomain = new Map<string, FrameStratum[]>();
    for (const f of frame) {
      const holder = index.engine_holders[f.holder] ?? `#${f.holder}`;
      const key = `${holder}\u0000${f.category}`;
      byDomain.set(key, [...(byDomain.get(key) ?? []), f]);
    }
    const quotas: SampleQuota[] = [];
    for (const holder of holderOrder) {
      for (const category of CATEGORY_IDS) {
        const strata = byDomain.get(`${holder}\u0000${category}`);
        const expected = summary.holders[holder]?.categories[category].count ?? 0;
        const population = (strata ?? []).reduce((a, s) => a + s.size, 0);
        if (population !== expected) {
          throw new ForensicError(
            'INTERNAL',
            `sampling frame of ${holder}/${category} has ${population} units but summary.json counts ${expected}`,
          );
        }
        if (!strata || population === 0) continue;
        const def = CATEGORIES[category];
        const census = fullTiers.includes(def.tier);
        const c = census ? null : cochranSampleSize({ confidence, margin, population, proportion });
        const n = census ? population : c!.n;
        const alloc = census
          ? strata.map((s) => s.size)
          : allocateProportional(
              n,
              strata.map((s) => s.size),
            );
        domains.push({
          holder,
          category,
          tier: def.tier,
          unit: def.countedBy,
          population,
          design: census ? 'census' : 'sample',
          z: c?.z ?? null,
          n0: c?.n0 ?? null,
          n,
          strata: strata.map((s, i) => {
            const it = index.items[s.item];
            quotas.push({ holder: s.holder, category, item: s.item, n: alloc[i]! });
            return {
              id: `S${++strataCount}`,
              holder,
              category,
              item_index: s.item,
              item: it?.path ?? `#${s.item}`,
              sha256: it?.sha256 ?? null,
              size: s.size,
              n: alloc[i]!,
            };
          }),
        });
      }
    }
    const width = String(strataCount).length;
    domains = domains.map((d) => ({
      ...d,
      strata: d.strata.map((s) => ({ ...s, id: `S${pad(Number(s.id.slice(1)), width)}` })),
    }));
    drawn = await engine.drawSample(seed, units, quotas);
  } finally {
    await engine.close();
  }

  // Full values: re-read every sampled item after checking its hash.
  const root = resolve(opts.evidenceRoot ?? index.evidence_root);
  const manifest = await loadManifest(root);
  const byItem = new Map<number, Set<number>>();
  for (const d of drawn) byItem.set(d.item, (byItem.get(d.item) ?? new Set()).add(d.line));
  const extractDir = join(work, 'sample-extract');
  const records = new Map<string, FullRecord>();
  try {
    const files = await locateItems(
      root,
      [...byItem.keys()].map((i) => index.items[i]?.path ?? `#${i}`),
      extractDir,
    );
    for (const [item, lines] of [...byItem.entries()].sort((a, b) => a[0] - b[0])) {
      const entry = index.items[item]!;
      opts.onProgress?.(`${entry.path}: reading ${lines.size} sampled record(s)`);
      const got = await readRecords(files.get(entry.path)!, entry.path, entry.sha256, lines, manifest);
      for (const [line, r] of got) records.set(`${item}:${line}`, r);
    }
  } finally {
    await rm(extractDir, { recursive: true, force: true });
  }

  const strataOf = new Map<string, SampleStratum>();
  for (const d of domains)
    for (const s of d.strata)
      strataOf.set(`${index.engine_holders.indexOf(s.holder)}:${s.category}:${s.item_index}`, s);
  const rows: SampleRow[] = [];
  const full: WorkbookRow[] = [];
  const idWidth = Math.max(6, String(drawn.length).length);
  // Workbook order: domains in report order, then strata, then rank.
  const order = new Map(domains.flatMap((d) => d.strata).map((s, i) => [s.id, i]));
  const sorted = drawn
    .map((d) => ({ d, s: strataOf.get(`${d.holder}:${d.category}:${d.item}`)! }))
    .sort((a, b) => order.get(a.s.id)! - order.get(b.s.id)! || a.d.rank - b.d.rank);
  sorted.forEach(({ d, s }, i) => {
    const rec = records.get(`${d.item}:${d.line}`)!;
    const columns = summary.items[d.item]?.columns ?? [];
    const t = recordTexts(rec.fields, columns);
    const id = `A${pad(i + 1, idWidth)}`;
    rows.push({
      no: i + 1,
      id,
      stratum: s.id,
      holder: s.holder,
      category: s.category,
      item_index: d.item,
      item: s.item,
      line: d.line,
      rank: d.rank,
      order_key: d.order_key,
      masked: t.masked,
    });
    full.push({
      no: i + 1,
      id,
      stratum: s.id,
      holder: s.holder,
      category: CATEGORIES[s.category].label,
      item: s.item,
      line: d.line,
      order_key: d.order_key,
      resident_id: t.first.resident_id ?? '',
      mobile: t.first.mobile ?? '',
      name: t.first.person_name ?? '',
      record: t.full,
    });
  });

  const base = {
    version: 1 as const,
    tool: summary.tool,
    case: summary.case,
    summary_sha256: summarySha256,
    analysis_date: summary.analysis_date,
    seed,
    seed_source: (opts.seed !== undefined ? 'given' : 'summary_sha256') as SampleDesign['seed_source'],
    confidence,
    margin,
    proportion,
    full_tiers: fullTiers,
    domains,
  };
  const designSha256 = designChecksum({ ...base, rows });
  const procedure = procedureText({ seed, confidence, margin, proportion, fullTiers });
  const workbook = await writeVerificationWorkbook(
    {
      caseName: summary.case,
      seed,
      designSha256,
      summarySha256,
      time: `${summary.analysis_date}T00:00:00Z`,
      fields: [
        ['置信水平', String(confidence)],
        ['允许误差', String(margin)],
        ['预期比例 p', String(proportion)],
        ['逐一认定档次', fullTiers.join(',') || '无'],
        ['样本条数', String(rows.length)],
        ...procedure.map((x, i): [string, string] => [`方法 ${i + 1}`, x]),
      ],
      tables: [
        {
          title: '推断总体',
          header: ['持有人', '类别', '单位', '总体 N', '方式', 'n0', '样本量 n'],
          rows: domains.map((d) => [
            d.holder,
            CATEGORIES[d.category].label,
            d.unit === 'records' ? '记录' : '主体',
            d.population,
            d.design === 'census' ? '逐一' : '抽样',
            d.n0 === null ? '—' : d.n0.toFixed(4),
            d.n,
          ]),
        },
        {
          title: '层',
          header: ['层', '持有人', '类别', '检材', '检材 SHA-256', 'N_h', 'n_h'],
          rows: domains.flatMap((d) =>
            d.strata.map((s) => [
              s.id,
              s.holder,
              CATEGORIES[s.category].label,
              s.item,
              s.sha256 ?? '',
              s.size,
              s.n,
            ]),
          ),
        },
      ],
    },
    full,
  );
  const workbookPath = join(out, WORKBOOK_FILE);
  await writeFile(workbookPath, workbook);
  const design: SampleDesign = {
    ...base,
    procedure,
    rows,
    design_sha256: designSha256,
    workbook: { file: WORKBOOK_FILE, sha256: sha256(workbook) },
  };
  const samplePath = join(out, SAMPLE_FILE);
  await writeFile(samplePath, `${JSON.stringify(design, null, 2)}\n`, 'utf8');
  // Results of an earlier sample no longer apply.
  await rm(join(out, SAMPLE_RESULTS_FILE), { force: true });
  const custody = await CustodyLog.open(join(out, 'custody.jsonl'));
  custody.setEngine(summary.tool.engine);
  await custody.append('sample_drawn', {
    details: {
      summary_sha256: summarySha256,
      seed,
      seed_source: design.seed_source,
      confidence,
      margin,
      full_tiers: fullTiers,
      design_sha256: designSha256,
      rows: rows.length,
      workbook: WORKBOOK_FILE,
      workbook_sha256: design.workbook.sha256,
      items_rechecked: [...byItem.keys()].map((i) => ({
        item: index.items[i]?.path,
        sha256: index.items[i]?.sha256,
      })),
    },
  });
  return { design, samplePath, workbookPath };
}

// ── importing the verification ────────────────────────────────────────────────────────────────────────────────

export interface ImportOptions {
  readonly outDir: string;
  /** The filled verification workbook. */
  readonly workbook: string;
}

export interface ImportResult {
  readonly results: SampleResults;
  readonly resultsPath: string;
}

function rate(counts: { n: number; t: number; f: number; u: number }, confidence: number): RateFigures {
  const ci = clopperPearson(counts.t, counts.n, confidence);
  return {
    n: counts.n,
    verified_true: counts.t,
    not_true: counts.f,
    unverifiable: counts.u,
    rate: ci.estimate,
    lower: ci.lower,
    upper: ci.upper,
  };
}

function refuse(file: string, msg: string): never {
  throw new ForensicError('CONFIG', `${file}: ${msg}; refusing the workbook`);
}

/** Figures of every holder with each sampled category at its conservative count (for the second assessment). */
function conservativeHolders(summary: Summary, domains: readonly DomainResult[]): Record<string, Figures> {
  const out: Record<string, Figures> = {};
  for (const [name, f] of Object.entries(summary.holders)) {
    const categories = { ...f.categories };
    for (const d of domains) {
      if (d.holder === name) categories[d.category] = { ...categories[d.category], count: d.conservative };
    }
    out[name] = { ...f, categories };
  }
  return out;
}

/**
 * Contested readings at the conservative counts: the records a holder's alternative reading moves are part of the
 * counted-as category, so they shrink in the same proportion as that category's count (rounded down).
 */
function conservativeContested(summary: Summary, domains: readonly DomainResult[]): Summary['contested'] {
  return summary.contested.map((g) => ({
    ...g,
    holders: Object.fromEntries(
      Object.entries(g.holders).map(([name, f]) => {
        const d = domains.find((x) => x.holder === name && x.category === g.counted_as);
        if (!d || d.population === 0) return [name, f];
        return [name, { ...f, moved: Math.floor((f.moved * d.conservative) / d.population) }];
      }),
    ),
  }));
}

/** Reads the filled workbook, checks it against sample.json, and computes rates, intervals and conservative counts. */
export async function importVerification(opts: ImportOptions): Promise<ImportResult> {
  const { out, index, summary, summarySha256 } = await openAnalysis(opts.outDir);
  const design = await readJsonFile<SampleDesign>(
    join(out, SAMPLE_FILE),
    'no sample has been drawn (run xinjian sample)',
  );
  if (design.summary_sha256 !== summarySha256) {
    throw new ForensicError(
      'CONFIG',
      `${SAMPLE_FILE} was drawn from an earlier analysis: draw the sample again`,
    );
  }
  const file = resolve(opts.workbook);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    throw new ForensicError('CONFIG', `${file}: cannot read (${errorMessage(e)})`);
  }
  const filled = await readVerificationWorkbook(buf, file);
  if (filled.seed !== design.seed) {
    refuse(
      file,
      `its seed '${filled.seed ?? '(none)'}' is not the seed of the drawn sample '${design.seed}'`,
    );
  }
  if (filled.designSha256 !== design.design_sha256) {
    refuse(
      file,
      `its design checksum ${filled.designSha256 ?? '(none)'} is not the drawn sample's ${design.design_sha256}`,
    );
  }
  const expected = new Map(design.rows.map((r) => [r.id, r]));
  const seen = new Map<string, (typeof filled.rows)[number]>();
  for (const r of filled.rows) {
    const want = expected.get(r.id);
    const where = `${r.sheet} row ${r.row}`;
    if (!want) refuse(file, `${where}: 抽样编号 '${r.id}' is not in the drawn sample`);
    if (seen.has(r.id)) refuse(file, `${where}: 抽样编号 ${r.id} appears twice`);
    if (
      r.no !== String(want.no) ||
      r.item !== want.item ||
      r.line !== String(want.line) ||
      r.order_key !== want.order_key
    ) {
      refuse(
        file,
        `${where}: 抽样编号 ${r.id} should be 序号 ${want.no}, ${want.item} line ${want.line}, 排序键 ${want.order_key.slice(0, 12)}…; the workbook has 序号 ${r.no}, ${r.item} line ${r.line}, 排序键 ${r.order_key.slice(0, 12)}…`,
      );
    }
    seen.set(r.id, r);
  }
  const missing = design.rows.filter((r) => !seen.has(r.id));
  if (missing.length > 0) {
    refuse(
      file,
      `${missing.length} drawn row(s) are missing (e.g. ${missing
        .slice(0, 5)
        .map((r) => r.id)
        .join(', ')})`,
    );
  }
  const blank = filled.rows.filter((r) => r.result === '');
  if (blank.length > 0) {
    refuse(
      file,
      `${blank.length} row(s) have no 核实结果 (e.g. ${blank
        .slice(0, 10)
        .map((r) => `${r.sheet} row ${r.row}`)
        .join(', ')}); every row needs ${VERIFICATION_RESULTS.join(' / ')}`,
    );
  }
  const bad = filled.rows.filter((r) => !(VERIFICATION_RESULTS as readonly string[]).includes(r.result));
  if (bad.length > 0) {
    const r = bad[0]!;
    refuse(
      file,
      `${r.sheet} row ${r.row}: 核实结果 '${r.result}' is not one of ${VERIFICATION_RESULTS.join(' / ')}`,
    );
  }

  const resultOf = (id: string) => seen.get(id)!.result as VerificationResult;
  const tally = (rows: readonly SampleRow[]) => {
    const c = { n: rows.length, t: 0, f: 0, u: 0 };
    for (const r of rows) {
      const v = resultOf(r.id);
      if (v === '真实') c.t++;
      else if (v === '不真实') c.f++;
      else c.u++;
    }
    return c;
  };
  const methods: Record<string, number> = {};
  for (const r of design.rows) {
    const m = seen.get(r.id)!.method || '未填写';
    methods[m] = (methods[m] ?? 0) + 1;
  }
  const strata: StratumResult[] = [];
  const domainResults: DomainResult[] = [];
  for (const d of design.domains) {
    for (const s of d.strata) {
      strata.push({
        stratum: s.id,
        holder: s.holder,
        category: s.category,
        item: s.item,
        size: s.size,
        ...rate(tally(design.rows.filter((r) => r.stratum === s.id)), design.confidence),
      });
    }
    const ids = new Set(d.strata.map((s) => s.id));
    const c = tally(design.rows.filter((r) => ids.has(r.stratum)));
    const figures = rate(c, design.confidence);
    let conservative: number;
    let working: string;
    if (d.design === 'census') {
      conservative = c.t;
      working = `逐一核实：真实 ${c.t} 条`;
    } else {
      const extrapolated = Math.floor(figures.lower * d.population);
      conservative = Math.max(c.t, extrapolated);
      working = `max(${c.t}, floor(${figures.lower.toFixed(8)} × ${d.population}) = ${extrapolated}) = ${conservative}`;
    }
    domainResults.push({
      holder: d.holder,
      category: d.category,
      tier: d.tier,
      unit: d.unit,
      design: d.design,
      population: d.population,
      ...figures,
      zero_failure_upper:
        d.design === 'sample' && c.n > 0 && c.t === c.n
          ? zeroFailureUpperBound(c.n, design.confidence)
          : null,
      conservative,
      conservative_working: working,
    });
  }
  let assessment: Assessment | null = null;
  if (summary.assessment) {
    const manifest = await loadManifest(index.evidence_root);
    assessment = assessFromAnalysis(
      manifest,
      conservativeHolders(summary, domainResults),
      conservativeContested(summary, domainResults),
      null,
    );
  }
  const results: SampleResults = {
    version: 1,
    design_sha256: design.design_sha256,
    summary_sha256: summarySha256,
    seed: design.seed,
    confidence: design.confidence,
    workbook: { file: basename(file), sha256: sha256(buf) },
    methods: Object.fromEntries(Object.entries(methods).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    rows: design.rows.map((r) => ({ id: r.id, result: resultOf(r.id), method: seen.get(r.id)!.method })),
    strata,
    domains: domainResults,
    assessment_conservative: assessment,
  };
  const resultsPath = join(out, SAMPLE_RESULTS_FILE);
  await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`, 'utf8');
  const custody = await CustodyLog.open(join(out, 'custody.jsonl'));
  custody.setEngine(summary.tool.engine);
  await custody.append('verification_imported', {
    details: {
      workbook: file,
      workbook_sha256: results.workbook.sha256,
      design_sha256: design.design_sha256,
      rows: design.rows.length,
      domains: domainResults.map((d) => ({
        holder: d.holder,
        category: d.category,
        n: d.n,
        verified_true: d.verified_true,
        lower: d.lower,
        conservative: d.conservative,
        as_seized: d.population,
      })),
    },
  });
  return { results, resultsPath };
}
