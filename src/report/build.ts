/**
 * @module report/build
 * Builds the format-neutral ReportModel from summary.json, the kept report data (masked examples, duplicate
 * groups), the sample design and the verification results. Pure and deterministic: the same inputs give the same
 * model (and so the same documents). The structure follows a 鉴定意见书 / 检验报告: 基本情况, 检材, 检验过程,
 * 分析说明, 鉴定意见, 附件.
 */
import { CATEGORIES, CATEGORY_IDS, type CategoryId, TIER_THRESHOLDS } from '../core/categories.js';
import { FIELD_TYPE_LABELS, type FieldType } from '../core/field-types.js';
import { INVALID_REASON_LABELS, INVALID_REASONS } from '../detect/record.js';
import { renderAssessmentZh } from '../law/render.js';
import type { ReportData } from '../services/report.js';
import type { SampleDesign, SampleResults } from '../services/sample.js';
import type { Figures, Summary } from '../services/summary.js';
import type { Block, Column, ReportModel, Section, Sheet, Table } from './model.js';

export interface ToolVersion {
  readonly name: string;
  readonly version: string;
  readonly role: string;
}

export interface ReportInput {
  readonly summary: Summary;
  readonly summarySha256: string;
  readonly data: ReportData;
  readonly sample: SampleDesign | null;
  readonly results: SampleResults | null;
  /** Tools and libraries with their versions (3.1 of the report). */
  readonly tools: readonly ToolVersion[];
  /** The rulebook version of the legal assessment. */
  readonly rulebookVersion: string;
}

/** Examples per (item, reason) printed in the document body; all of them are in appendix.xlsx. */
export const BODY_EXAMPLES = 5;
/** Invalid-record examples printed in the document body in all (large cases have many items). */
export const BODY_EXAMPLE_ROWS = 200;
/** Sample rows printed in the document body; all of them are in appendix.xlsx. */
export const BODY_SAMPLE_ROWS = 40;
/** Items drawn in the composition chart. */
export const CHART_ITEMS = 30;

const NON_RECORD_LABELS: Record<string, string> = {
  header: '表头行',
  repeated_header: '重复表头行',
  title: '标题行',
  blank: '空行',
  separator: '分隔行',
  comment: '注释行',
};

const WARNING_LABELS: Record<string, string> = {
  invalid_bytes: '含该编码下无效的字节（已替换为 U+FFFD）',
  field_count: '字段数与表头/多数行不一致',
  extra_delimiters_joined: '分隔符多于列数，多余部分并入最后一列（密码中含分隔符）',
  unbalanced_quote: '引号未闭合，按字面读取',
  text_after_quote: '闭合引号后仍有文本，已并入字段',
  unparsed_statement: '未能按记录读取的插入语句（如 INSERT … SET、INSERT … SELECT），其插入的数据未计入',
};

/** 1234567 → 1,234,567 (locale-independent, so documents do not depend on the machine's ICU data). */
export function num(x: number): string {
  const s = String(Math.trunc(Math.abs(x)));
  return `${x < 0 ? '-' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

export function pct(x: number | null, digits = 2): string {
  return x === null ? '—' : `${(x * 100).toFixed(digits)}%`;
}

function catLabel(id: string): string {
  return CATEGORIES[id as CategoryId]?.label ?? id;
}

function delimiterLabel(d: string | null | undefined): string {
  if (d === null || d === undefined) return '无（单列）';
  if (d === '\t') return 'TAB';
  return d;
}

const tbl = (table: Table): Block => ({ kind: 'table', table });
const h = (level: 2 | 3 | 4, text: string): Block => ({ kind: 'heading', level, text });
const p = (text: string, tone?: 'note' | 'warning'): Block =>
  tone ? { kind: 'paragraph', text, tone } : { kind: 'paragraph', text };
const R = (header: string, weight = 1): Column => ({ header, align: 'right', weight });
const L = (header: string, weight = 1, mono = false): Column =>
  mono ? { header, weight, mono } : { header, weight };

function invalidTotal(f: Figures): number {
  return INVALID_REASONS.reduce((a, r) => a + f.invalid[r], 0);
}

function funnelRows(f: Figures): [string, number, string][] {
  const distinct = f.valid - f.exact_duplicates;
  return [
    ['原始行（记录 + 非记录行）', f.records + f.non_record_lines, '检材中被读取的全部行/条目'],
    ['非记录行（表头、标题、空行、分隔/注释行）', f.non_record_lines, '不计入记录'],
    ['记录（条）', f.records, '每一数据行 / 每一行转储为一条'],
    ...INVALID_REASONS.map((r): [string, number, string] => [
      `其中无效：${INVALID_REASON_LABELS[r]}`,
      f.invalid[r],
      '剔除',
    ]),
    ['有效记录', f.valid, `记录 − 无效 ${num(invalidTotal(f))}`],
    ['完全重复记录', f.exact_duplicates, '同一类别、全部有类型字段规范化后相同，剔除'],
    ['去重后的记录', distinct, '有效记录 − 完全重复'],
    ['同一信息主体的重复', f.same_subject_duplicates, '按主体计数的类别内，同一主体键合并'],
  ];
}

function funnelTable(f: Figures, caption: string): Table {
  return {
    caption,
    columns: [L('环节', 4), R('数量', 1.5), L('说明', 4)],
    rows: funnelRows(f).map(([a, b, c]) => [a, num(b), c]),
  };
}

function band(count: number, threshold: number): string {
  if (count >= threshold * 10) return '达到×10标准';
  if (count >= threshold) return '达到入罪标准';
  return count > 0 ? '未达标准' : '';
}

function categoryTable(f: Figures, caption: string): Table {
  return {
    caption,
    columns: [
      L('类别', 3),
      R('档次（标准）', 1.6),
      R('有效记录'),
      R('去重记录'),
      R('信息主体'),
      R('认定条数'),
      L('口径'),
      L('参照', 1.4),
    ],
    rows: CATEGORY_IDS.map((id) => {
      const c = f.categories[id];
      const def = CATEGORIES[id];
      const thr = TIER_THRESHOLDS[def.tier];
      return [
        def.label,
        `${def.tier}（${num(thr)}条）`,
        num(c.valid),
        num(c.records),
        num(c.subjects),
        num(c.count),
        def.countedBy === 'records' ? '按记录' : '按主体',
        band(c.count, thr),
      ];
    }),
    dense: true,
  };
}

function methodList(s: Summary, sample: SampleDesign | null): string[] {
  const list = [
    '每件检材在读取前计算 SHA-256，并以只读方式打开；每一操作记入保管链日志（custody.jsonl，每条记录含上一条的哈希值）。读取后再次计算哈希，变化的检材不予计数。',
    '编码：先查字节序标记，再严格 UTF-8 解码，不成立时按 GB18030（GBK 的超集，用 gb18030 标签解码）或 Big5 统计判定；无效字节逐行报告。',
    '记录：每一数据行为一条；表头、重复表头、表头上方的标题行、空行、分隔行与注释行计为非记录行；仅由分隔符组成的行计为空记录。',
    '字段类型：先按表头词（中文、英文、拼音缩写），再按样本值投票（至多 1,000 个非空值）确定每列类型，然后对每一条记录逐值校验（公民身份号码 GB 11643 校验位、出生日期不晚于分析基准日、省级代码；手机号段；银行卡 Luhn 等）。',
    '有效记录：至少含一个有效的强标识（身份号码、手机号、银行卡号、电子邮箱、QQ、微信号、护照号），或有效姓名加有效地址/固定电话；否则按首个适用原因计为无效（空记录 → 已脱敏 → 被截断 → 标识无效 → 不含身份信息）。',
    '完全重复：同一类别内，全部有类型字段（规范化：NFKC、去空白、去 +86、15 位身份号码升 18 位）均相同者为一条；全案与各持有人分别去重。按主体计数的类别以主体键（身份号码 → 手机 → 银行卡 → 邮箱 → QQ → 微信 → 护照 → 姓名+地址 → 姓名+固话）合并，不做跨键传递。',
    '类别与档次：依《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》（法释〔2017〕10号）第五条，行踪轨迹、通信内容、征信、财产信息 50 条，住宿、通信记录、健康生理、交易信息等 500 条，其他 5,000 条；类别由表头与字段类型判定，案件清单可覆盖。',
    `精确去重由嵌入式数据库（${s.tool.engine}）的 COUNT(DISTINCT)/GROUP BY 完成（可溢写磁盘），不使用抽样或近似算法。`,
  ];
  if (sample) {
    list.push(
      `抽样核实：按持有人与类别分别以 Cochran 公式（含有限总体校正）确定样本量，按检材分层、按比例（最大余数法）分配，以种子 ${sample.seed} 的键控哈希排序抽取；核实结果以 Clopper–Pearson 精确区间报告，保守数按区间下限推算（详见 4.9）。`,
    );
  } else {
    list.push('抽样核实：本报告生成时尚未抽样（xinjian sample），故无真实性核实结果。');
  }
  return list;
}

// ── 一、基本情况 ────────────────────────────────────────────────────────────────────────────────────────────────

function basicSection(inp: ReportInput): Section {
  const s = inp.summary;
  const holders = Object.keys(s.holders);
  return {
    id: 'basic',
    title: '一、基本情况',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['案件名称', s.case],
          ['检验人 / 鉴定机构', s.examiner ?? '未载明（可在案件清单 case.yaml 的 examiner 中填写）'],
          ['持有人', holders.join('、')],
          ['分析基准日', s.analysis_date],
          ['检材根目录', s.evidence_root],
          ['案件清单', s.manifest ?? '无（全部检材归属一个持有人“case”）'],
          [
            '检材数量',
            `${num(s.totals.items)} 件（其中读取失败 ${num(s.totals.failed_items)} 件，不计入任何数字）`,
          ],
          ['计数结果文件', `summary.json（SHA-256 ${inp.summarySha256}）`],
        ],
      },
      h(3, '检验要求'),
      p(
        '统计检材中公民个人信息的条数，按《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》（法释〔2017〕10号）第五条规定的信息类别分别统计，剔除无效信息与重复信息，说明计数方法与依据；对抽样记录的真实性核实结果进行统计，并给出有利于被告人的保守推算。',
      ),
      p(
        '本报告由 xinjian 依据检材自动生成。报告中的每一个数字都可以由检材、本报告第三部分所列的工具版本、参数与种子重新得到（复现方法见第六部分）。报告正文中的身份号码、手机号码、姓名等标识值均已脱敏；完整值仅见于抽样核实表。',
        'note',
      ),
    ],
  };
}

// ── 二、检材 ──────────────────────────────────────────────────────────────────────────────────────────────────

function itemsSection(inp: ReportInput): Section {
  const s = inp.summary;
  return {
    id: 'items',
    title: '二、检材',
    blocks: [
      p(
        `检材共 ${num(s.items.length)} 件（工作簿的每个工作表、数据库的每张表各为一件）。每件检材读取前计算 SHA-256 完整性校验值，读取后再次计算并比对；两次不一致的检材不予计数。`,
      ),
      tbl({
        caption: '表 2-1 检材清单',
        columns: [
          R('序号', 0.6),
          L('检材（相对路径）', 4, true),
          R('字节', 1.3),
          L('格式', 0.8),
          L('编码', 1.2),
          L('持有人', 1.2),
          L('类别', 1.6),
          L('状态', 1.4),
        ],
        rows: s.items.map((it, i) => [
          String(i + 1),
          it.path,
          num(it.bytes),
          it.format ?? '—',
          it.encoding ?? '—',
          it.holder,
          it.category ? catLabel(it.category) : '—',
          it.error ? `读取失败：${it.error}` : '已读取',
        ]),
        dense: true,
      }),
      tbl({
        caption: '表 2-2 检材完整性校验值（SHA-256）',
        columns: [R('序号', 0.5), L('检材', 2.4, true), L('SHA-256', 5.2, true)],
        rows: s.items.map((it, i) => [String(i + 1), it.path, it.sha256 ?? '—（未能计算）']),
        dense: true,
      }),
    ],
  };
}

// ── 三、检验过程 ────────────────────────────────────────────────────────────────────────────────────────────────

function processSection(inp: ReportInput): Section {
  const s = inp.summary;
  const sm = inp.sample;
  const params: [string, string][] = [
    ['计数规则版本', s.rules.counting],
    ['分析基准日（晚于此日的出生日期为无效）', s.analysis_date],
    ['计数引擎', s.tool.engine],
    ['法律规则库版本', inp.rulebookVersion],
    ['案件清单', s.manifest ?? '无'],
  ];
  if (sm) {
    params.push(
      [
        '抽样种子',
        `${sm.seed}（${sm.seed_source === 'given' ? '检验人指定' : '未指定，取 summary.json 的 SHA-256 前 16 位'}）`,
      ],
      ['置信水平', pct(sm.confidence, 0)],
      ['允许误差（半宽）', `±${pct(sm.margin, 1)}`],
      ['预期比例 p', String(sm.proportion)],
      [
        '逐一认定（全部导出）的档次',
        sm.full_tiers.length > 0 ? sm.full_tiers.map((t) => `第${t}档`).join('、') : '无',
      ],
      ['抽样设计校验值', sm.design_sha256],
    );
  } else {
    params.push(['抽样', '未抽样']);
  }
  return {
    id: 'process',
    title: '三、检验过程',
    blocks: [
      h(3, '3.1 工具与版本'),
      tbl({
        columns: [L('名称', 2), L('版本', 2), L('用途', 4)],
        rows: inp.tools.map((t) => [t.name, t.version, t.role]),
      }),
      h(3, '3.2 参数'),
      { kind: 'fields', rows: params },
      h(3, '3.3 检验步骤与方法选择'),
      { kind: 'list', ordered: true, items: methodList(s, sm) },
    ],
  };
}

// ── 四、分析说明 ────────────────────────────────────────────────────────────────────────────────────────────────

function itemFunnelTable(s: Summary): Table {
  return {
    caption: '表 4-3 各检材计数',
    columns: [
      R('序号', 0.5),
      L('检材', 3, true),
      L('持有人', 1),
      R('非记录行'),
      R('记录'),
      ...INVALID_REASONS.map((r) => R(`无效：${INVALID_REASON_LABELS[r].replace(/（.*$/, '')}`)),
      R('有效'),
    ],
    rows: s.items.map((it, i) => [
      String(i + 1),
      it.path,
      it.holder,
      num(it.non_record_lines),
      num(it.records),
      ...INVALID_REASONS.map((r) => num(it.invalid[r])),
      num(it.valid),
    ]),
    note: '完全重复与同一主体重复跨检材判定，只在持有人与全案层面计数（见表 4-1、4-4）。',
    dense: true,
  };
}

function itemDetailBlocks(s: Summary): Block[] {
  const out: Block[] = [];
  s.items.forEach((it, i) => {
    const d = it.detail;
    if (!d) return;
    out.push(h(4, `${i + 1}. ${it.path}`));
    const nonRec = Object.entries(d.non_record_by_reason)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${NON_RECORD_LABELS[k] ?? k} ${num(v)}`)
      .join('，');
    const warn = Object.entries(d.warnings)
      .map(([k, v]) => `${WARNING_LABELS[k] ?? k}：${num(v ?? 0)} 处`)
      .join('；');
    out.push(
      p(
        `编码：${d.encoding_evidence}。分隔符：${delimiterLabel(d.delimiter)}（${d.delimiter_evidence}）。表头：${d.header_evidence}。类别：${d.category_explanation}。非记录行：${nonRec || '无'}。${warn ? `行级警告：${warn}。` : ''}`,
      ),
    );
    for (const x of d.advisories) {
      out.push(p(`类别争议：${x.note}（备选类别：${catLabel(x.alternative)}）`, 'warning'));
    }
    out.push(
      tbl({
        columns: [
          R('列', 0.5),
          L('表头', 1.6),
          L('判定类型', 1.4),
          R('有效率', 1),
          R('非空值', 1),
          L('非有效值（按原因）', 2.4),
          L('判定依据', 3),
        ],
        rows: it.columns.map((c) => [
          String(c.index + 1),
          c.header ?? '（无表头）',
          c.type ? FIELD_TYPE_LABELS[c.type as FieldType] : '—',
          c.hit_rate === null ? '—' : `${(c.hit_rate * 100).toFixed(2)}%`,
          num(c.non_empty),
          Object.entries(c.invalid_values)
            .map(([k, v]) => `${k}: ${num(v)}`)
            .join('；'),
          c.explanation,
        ]),
        dense: true,
      }),
    );
  });
  return out;
}

function examplesBlocks(data: ReportData): Block[] {
  if (data.invalid_examples.length === 0) return [p('无无效记录。')];
  const rows: string[][] = [];
  let omitted = 0;
  for (const g of data.invalid_examples) {
    g.examples.forEach((e, i) => {
      if (i >= BODY_EXAMPLES || rows.length >= BODY_EXAMPLE_ROWS) {
        omitted++;
        return;
      }
      rows.push([
        g.item,
        INVALID_REASON_LABELS[g.reason].replace(/（.*$/, ''),
        String(e.line),
        e.cells.join(' | '),
        e.note,
      ]);
    });
  }
  return [
    tbl({
      caption: '表 4-5 无效记录示例（已脱敏）',
      columns: [L('检材', 2.2, true), L('原因', 1.2), R('行号', 0.7), L('内容（已脱敏）', 4), L('判定', 2)],
      rows,
      note: `每件检材每种原因至多列 ${BODY_EXAMPLES} 条、共至多 ${BODY_EXAMPLE_ROWS} 条${omitted > 0 ? `（另有 ${num(omitted)} 条示例见 appendix.xlsx“无效记录示例”）` : ''}；各原因的总数见表 4-3。`,
      dense: true,
    }),
  ];
}

function duplicatesBlocks(data: ReportData): Block[] {
  if (data.duplicate_groups.length === 0) return [p('未发现完全重复的有效记录。')];
  return [
    tbl({
      caption: '表 4-6 完全重复记录示例（出现次数最多的组）',
      columns: [L('持有人', 1), L('类别', 1.6), R('出现次数', 1), L('出现位置（检材:行号，至多 5 处）', 6)],
      rows: data.duplicate_groups.map((g) => [
        g.holder,
        catLabel(g.category),
        num(g.count),
        g.occurrences.map((o) => `${o.item}:${o.line}`).join('；'),
      ]),
      dense: true,
    }),
  ];
}

function contestedBlocks(s: Summary): Block[] {
  if (s.contested.length === 0) return [p('未发现类别争议。')];
  const out: Block[] = [];
  for (const g of s.contested) {
    const t = g.totals;
    out.push(p(g.note, 'warning'));
    out.push(p(`涉及检材：${g.items.join('；')}`));
    out.push(
      tbl({
        columns: [L('读法', 3), R(catLabel(g.counted_as), 1.5), R(catLabel(g.alternative), 1.5)],
        rows: [
          [`本报告采用：计入${catLabel(g.counted_as)}`, num(t.counted_as_count), num(t.alternative_count)],
          [
            `另一读法：计入${catLabel(g.alternative)}`,
            num(t.counted_as_count_alternative),
            num(t.alternative_count_alternative),
          ],
          ...Object.entries(g.holders).flatMap(([name, f]) => [
            [`${name}：本报告采用`, num(f.counted_as_count), num(f.alternative_count)],
            [`${name}：另一读法`, num(f.counted_as_count_alternative), num(f.alternative_count_alternative)],
          ]),
        ],
      }),
    );
  }
  return out;
}

function cochranText(d: SampleDesign['domains'][number], sm: SampleDesign): string {
  if (d.design === 'census') return `逐一认定：全部 ${num(d.population)} 个单位导出核实`;
  const z = d.z ?? 0;
  const n0 = d.n0 ?? 0;
  return `z = ${z.toFixed(6)}，n0 = z²·p(1−p)/e² = ${n0.toFixed(4)}，n = ceil(n0 / (1 + (n0 − 1)/${d.population})) = ${num(d.n)}（p = ${sm.proportion}，e = ${sm.margin}）`;
}

function samplingBlocks(inp: ReportInput): Block[] {
  const sm = inp.sample;
  const rs = inp.results;
  if (!sm) {
    return [
      p(
        '本报告生成时尚未开展抽样核实（可用 xinjian sample 抽样、xinjian sample import 导入核实结果后重新生成报告）。',
      ),
    ];
  }
  const out: Block[] = [];
  out.push(h(4, '抽样设计'));
  out.push({ kind: 'list', ordered: true, items: sm.procedure });
  out.push(
    tbl({
      caption: '表 4-7 抽样设计（每一持有人、每一类别为一个推断总体）',
      columns: [
        L('持有人', 1),
        L('类别', 1.6),
        L('单位', 0.8),
        R('总体 N', 1),
        L('方式', 0.8),
        R('样本量 n', 1),
        L('计算', 5),
      ],
      rows: sm.domains.map((d) => [
        d.holder,
        catLabel(d.category),
        d.unit === 'records' ? '记录' : '主体',
        num(d.population),
        d.design === 'census' ? '逐一' : '抽样',
        num(d.n),
        cochranText(d, sm),
      ]),
      dense: true,
    }),
  );
  out.push(
    tbl({
      caption: '表 4-8 分层与分配（层 = 持有人 × 检材 × 类别）',
      columns: [
        L('层', 0.6),
        L('持有人', 1),
        L('类别', 1.4),
        L('检材', 3.2, true),
        R('层内单位 N_h', 1.2),
        R('抽取 n_h', 1),
      ],
      rows: sm.domains.flatMap((d) =>
        d.strata.map((st) => [st.id, st.holder, catLabel(st.category), st.item, num(st.size), num(st.n)]),
      ),
      dense: true,
    }),
  );
  out.push(h(4, '核实结果'));
  if (!rs) {
    out.push(p(`已抽取 ${num(sm.rows.length)} 条记录，核实结果尚未导入（xinjian sample import）。`, 'note'));
  } else {
    out.push(
      p(
        `核实结果取自已填写的核实表（${rs.workbook.file}，SHA-256 ${rs.workbook.sha256}）。“无法核实”按“不真实”计（有利于被告人）。核实方法：${
          Object.entries(rs.methods)
            .map(([k, v]) => `${k} ${num(v)} 条`)
            .join('；') || '未填写'
        }。`,
      ),
    );
    for (const d of rs.domains) {
      const k = d.verified_true;
      const sentence =
        d.design === 'census'
          ? `持有人${d.holder}的${catLabel(d.category)}共 ${num(d.population)} 个${d.unit === 'records' ? '记录' : '信息主体'}，全部导出逐一核实：${num(k)} 条真实、${num(d.not_true)} 条不真实、${num(d.unverifiable)} 条无法核实；认定真实的为 ${num(d.conservative)} 条。`
          : `按上述方法从持有人${d.holder}的${catLabel(d.category)} ${num(d.population)} 条中随机抽取 ${num(d.n)} 条，经核实 ${num(k)} 条真实、${num(d.not_true)} 条不真实、${num(d.unverifiable)} 条无法核实，真实率 ${pct(d.rate)}，${pct(rs.confidence, 0)} 精确（Clopper–Pearson）置信区间 [${pct(d.lower)}, ${pct(d.upper)}]；按区间下限保守推算，真实信息不少于 ${num(d.conservative)} 条（${d.conservative_working}）。${
              d.zero_failure_upper !== null
                ? `样本中无不真实记录，按“3/n 法则”（rule of three）不真实率的单侧 ${pct(rs.confidence, 0)} 上限为 ${pct(d.zero_failure_upper)}。`
                : ''
            }${d.tier < 3 ? '该类别为敏感信息，司法实践通常要求逐一认定，上述推算仅供参考。' : ''}`;
      out.push(p(sentence));
    }
    out.push(
      tbl({
        caption: `表 4-9 各推断总体的真实率（${pct(rs.confidence, 0)} Clopper–Pearson 精确区间）与保守数`,
        columns: [
          L('持有人', 1),
          L('类别', 1.5),
          R('查获数', 1),
          R('n', 0.8),
          R('真实', 0.8),
          R('不真实', 0.8),
          R('无法核实', 0.8),
          R('真实率', 1),
          R('区间下限', 1.1),
          R('区间上限', 1.1),
          R('保守数', 1),
        ],
        rows: rs.domains.map((d) => [
          d.holder,
          catLabel(d.category),
          num(d.population),
          num(d.n),
          num(d.verified_true),
          num(d.not_true),
          num(d.unverifiable),
          pct(d.rate),
          d.lower.toFixed(8),
          d.upper.toFixed(8),
          num(d.conservative),
        ]),
        dense: true,
      }),
    );
    out.push(
      tbl({
        caption: '表 4-10 各层的真实率',
        columns: [
          L('层', 0.6),
          L('检材', 3, true),
          R('N_h', 1),
          R('n_h', 0.8),
          R('真实', 0.8),
          R('不真实', 0.8),
          R('无法核实', 0.8),
          R('真实率', 1),
          L('区间', 2),
        ],
        rows: rs.strata.map((st) => [
          st.stratum,
          st.item,
          num(st.size),
          num(st.n),
          num(st.verified_true),
          num(st.not_true),
          num(st.unverifiable),
          pct(st.rate),
          st.n === 0 ? '—' : `[${pct(st.lower)}, ${pct(st.upper)}]`,
        ]),
        dense: true,
      }),
    );
  }
  const shown = sm.rows.slice(0, BODY_SAMPLE_ROWS);
  out.push(
    tbl({
      caption: '表 4-11 样本记录（已脱敏）',
      columns: [L('编号', 1), L('层', 0.5), L('检材', 2.2, true), R('行号', 0.7), L('记录（已脱敏）', 5)],
      rows: shown.map((r) => [r.id, r.stratum, r.item, String(r.line), r.masked]),
      note:
        sm.rows.length > shown.length
          ? `共 ${num(sm.rows.length)} 条，此处列前 ${shown.length} 条；全部（含核实结果）见 appendix.xlsx“抽样记录”。完整值仅见于核实表。`
          : '全部样本（含核实结果）亦见 appendix.xlsx“抽样记录”。完整值仅见于核实表。',
      dense: true,
    }),
  );
  return out;
}

function analysisSection(inp: ReportInput): Section {
  const s = inp.summary;
  const t = s.totals;
  const nonZero = CATEGORY_IDS.filter((id) => t.categories[id].count > 0);
  const blocks: Block[] = [
    h(3, '4.1 全案计数漏斗'),
    {
      kind: 'chart',
      chart: {
        kind: 'bars',
        id: 'funnel',
        title: '图 4-1 全案计数漏斗（条）',
        unit: '条',
        bars: funnelRows(t)
          .filter(([label]) => !label.startsWith('其中无效'))
          .map(([label, value]) => ({ label: label.replace(/（.*$/, ''), value })),
      },
    },
    tbl(funnelTable(t, '表 4-1 全案计数漏斗')),
    h(3, '4.2 各类别计数（全案）'),
  ];
  if (nonZero.length > 0) {
    blocks.push({
      kind: 'chart',
      chart: {
        kind: 'bars',
        id: 'categories',
        title: '图 4-2 各类别认定条数（全案）',
        unit: '条',
        bars: nonZero.map((id) => ({ label: CATEGORIES[id].label, value: t.categories[id].count })),
      },
    });
  }
  blocks.push(tbl(categoryTable(t, '表 4-2 各类别计数（全案）')));
  blocks.push(h(3, '4.3 各检材'));
  const itemsWithRecords = s.items
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => it.records + it.non_record_lines > 0)
    .sort((a, b) => b.it.records - a.it.records || a.i - b.i)
    .slice(0, CHART_ITEMS)
    .sort((a, b) => a.i - b.i);
  if (itemsWithRecords.length > 0) {
    blocks.push({
      kind: 'chart',
      chart: {
        kind: 'stacked',
        id: 'items',
        title: `图 4-3 各检材的行构成${s.items.length > itemsWithRecords.length ? `（记录最多的 ${itemsWithRecords.length} 件）` : ''}`,
        series: ['有效记录', '无效记录', '非记录行'],
        rows: itemsWithRecords.map(({ it, i }) => ({
          label: `${i + 1}. ${it.path}`,
          values: [it.valid, it.records - it.valid, it.non_record_lines],
        })),
      },
    });
  }
  blocks.push(tbl(itemFunnelTable(s)));
  blocks.push(h(3, '4.4 各持有人'));
  for (const [name, f] of Object.entries(s.holders)) {
    blocks.push(h(4, `持有人：${name}`));
    blocks.push(tbl(funnelTable(f, `表 4-4 计数漏斗（${name}）`)));
    blocks.push(tbl(categoryTable(f, `表 4-4 各类别计数（${name}）`)));
  }
  blocks.push(h(3, '4.5 无效记录示例'), ...examplesBlocks(inp.data));
  blocks.push(h(3, '4.6 完全重复记录示例'), ...duplicatesBlocks(inp.data));
  blocks.push(h(3, '4.7 类别争议与两种读法下的计数'), ...contestedBlocks(s));
  blocks.push(h(3, '4.8 逐件检材的判定依据'), ...itemDetailBlocks(s));
  blocks.push(h(3, '4.9 抽样核实'), ...samplingBlocks(inp));
  return { id: 'analysis', title: '四、分析说明', blocks };
}

// ── 五、鉴定意见 ────────────────────────────────────────────────────────────────────────────────────────────────

function opinionSection(inp: ReportInput): Section {
  const s = inp.summary;
  const rs = inp.results;
  const blocks: Block[] = [];
  const conservativeOf = (holder: string, cat: CategoryId) =>
    rs?.domains.find((d) => d.holder === holder && d.category === cat) ?? null;
  Object.entries(s.holders).forEach(([name, f], i) => {
    const parts = CATEGORY_IDS.filter((id) => f.categories[id].count > 0).map((id) => {
      const c = f.categories[id];
      const cons = conservativeOf(name, id);
      return `${CATEGORIES[id].label} ${num(c.count)} 条（${c.counted_by === 'records' ? '去重后的记录' : '去重后的信息主体'}${
        cons ? `；抽样核实保守数 ${num(cons.conservative)} 条` : ''
      }）`;
    });
    blocks.push(
      p(
        `${i + 1}. 持有人${name}名下检材中，有效且去重后的公民个人信息：${parts.length > 0 ? parts.join('，') : '无'}。`,
      ),
    );
  });
  const t = s.totals;
  const caseParts = CATEGORY_IDS.filter((id) => t.categories[id].count > 0).map(
    (id) => `${CATEGORIES[id].label} ${num(t.categories[id].count)} 条`,
  );
  blocks.push(
    p(
      `全案（跨持有人去重）：${caseParts.length > 0 ? caseParts.join('，') : '无'}。共读取记录 ${num(t.records)} 条，其中有效 ${num(t.valid)} 条、无效 ${num(invalidTotal(t))} 条、完全重复 ${num(t.exact_duplicates)} 条。`,
    ),
  );
  const rows: string[][] = [];
  for (const [name, f] of Object.entries(s.holders)) {
    for (const id of CATEGORY_IDS) {
      const c = f.categories[id];
      if (c.count === 0) continue;
      const cons = conservativeOf(name, id);
      rows.push([
        name,
        CATEGORIES[id].label,
        `第${CATEGORIES[id].tier}档（${num(TIER_THRESHOLDS[CATEGORIES[id].tier])}条）`,
        num(c.count),
        c.counted_by === 'records' ? '按记录' : '按主体',
        cons ? pct(cons.lower) : '未抽样',
        cons ? num(cons.conservative) : '—',
      ]);
    }
  }
  blocks.push(
    tbl({
      caption: '表 5-1 各持有人各类别认定条数（查获数与保守数）',
      columns: [
        L('持有人', 1),
        L('类别', 1.8),
        L('档次', 1.3),
        R('查获数', 1),
        L('口径', 0.8),
        R('真实率下限', 1.1),
        R('保守数', 1),
      ],
      rows,
      dense: true,
    }),
  );
  blocks.push(h(3, '法律评估（依据案件清单载明的事实）'));
  if (s.assessment) {
    blocks.push(p('以下为按查获数（去重后的认定条数）的评估：'));
    blocks.push({ kind: 'pre', text: renderAssessmentZh(s.assessment) });
  } else {
    blocks.push(
      p(
        '案件清单（case.yaml）未载明持有人的违法所得、身份等事实，未作法律评估。可用 xinjian assess 单独评估。',
      ),
    );
  }
  if (rs?.assessment_conservative) {
    blocks.push(p('以下为按抽样核实保守数（各抽样类别取保守数）的评估：'));
    blocks.push({ kind: 'pre', text: renderAssessmentZh(rs.assessment_conservative) });
  }
  blocks.push(
    p(
      '上述数字为对检材的机械计数结果；法律评估是按输入事实对规则的机械适用，不替代司法认定。标注“解释性读法”“原文未核实”的内容须人工核对。',
      'note',
    ),
  );
  return { id: 'opinion', title: '五、鉴定意见', blocks };
}

// ── 六、附件 ─────────────────────────────────────────────────────────────────────────────────────────────────

function annexSection(inp: ReportInput, sheets: readonly Sheet[]): Section {
  const s = inp.summary;
  const sm = inp.sample;
  const files: string[] = [
    `summary.json：计数结果（SHA-256 ${inp.summarySha256}）`,
    'custody.jsonl：保管链日志（每条记录含上一条的 SHA-256，可用以核对操作顺序与检材哈希）',
    `appendix.xlsx：附表（工作表：${sheets.map((x) => x.name).join('、')}）`,
  ];
  if (sm) {
    files.push(`sample.json：抽样设计与样本位置（设计校验值 ${sm.design_sha256}）`);
    files.push(
      `${sm.workbook.file}：抽样核实表（含完整值，须按证据保管；导出时 SHA-256 ${sm.workbook.sha256}）`,
    );
  }
  if (inp.results)
    files.push(`已填写的核实表：${inp.results.workbook.file}（SHA-256 ${inp.results.workbook.sha256}）`);
  const date = s.analysis_date;
  const steps = [
    `取得与表 2-2 所列 SHA-256 一致的检材副本，使用 ${s.tool.name} ${s.tool.version}（计数引擎 ${s.tool.engine}）。`,
    `运行：xinjian analyze <检材目录> --out <输出目录> --analysis-date ${date}${s.manifest ? '（案件清单 case.yaml 置于检材根目录）' : ''}，得到相同的 summary.json（SHA-256 ${inp.summarySha256}）。`,
  ];
  if (sm) {
    steps.push(
      `运行：xinjian sample --out <输出目录> --seed ${sm.seed} --confidence ${sm.confidence} --margin ${sm.margin}${sm.full_tiers.length > 0 ? ` --full-tiers ${sm.full_tiers.join(',')}` : ''}，得到相同的样本（sample.json 设计校验值 ${sm.design_sha256}）。抽样不依赖随机数状态：每一单位的排序键为 SHA-256(种子 ‖ U+001F ‖ 单位键)，可独立验算。`,
    );
    if (inp.results)
      steps.push(`运行：xinjian sample import --out <输出目录> <已填写的核实表>，得到相同的核实统计。`);
  }
  steps.push(
    '运行：xinjian report --out <输出目录>，重新生成 report.docx、appendix.xlsx 与 report.html，与本报告逐字节相同（文件内唯一的时间为分析基准日）；report.pdf 的文字内容相同。',
  );
  return {
    id: 'annex',
    title: '六、附件',
    blocks: [
      h(3, '附件清单'),
      { kind: 'list', ordered: true, items: files },
      h(3, '复现方法'),
      { kind: 'list', ordered: true, items: steps },
    ],
  };
}

// ── appendix.xlsx ─────────────────────────────────────────────────────────────────────────────────────────────

function buildSheets(inp: ReportInput): Sheet[] {
  const s = inp.summary;
  const sheets: Sheet[] = [];
  sheets.push({
    name: '说明',
    columns: [
      { header: '项目', width: 24 },
      { header: '内容', width: 100 },
    ],
    rows: [
      ['案件名称', s.case],
      ['检验人 / 鉴定机构', s.examiner ?? ''],
      ['分析基准日', s.analysis_date],
      ['工具', `${s.tool.name} ${s.tool.version}`],
      ['计数引擎', s.tool.engine],
      ['计数规则', s.rules.counting],
      ['summary.json SHA-256', inp.summarySha256],
      ['抽样种子', inp.sample?.seed ?? '未抽样'],
      ['说明', '本工作簿为检验报告的附表。标识值均已脱敏；完整值仅见于抽样核实表。'],
    ],
  });
  sheets.push({
    name: '检材',
    columns: [
      { header: '序号', width: 6 },
      { header: '检材', width: 48 },
      { header: '持有人', width: 12 },
      { header: '字节', width: 12 },
      { header: 'SHA-256', width: 68 },
      { header: '格式', width: 8 },
      { header: '编码', width: 10 },
      { header: '编码置信度', width: 10 },
      { header: '分隔符', width: 8 },
      { header: '类别', width: 18 },
      { header: '非记录行', width: 10 },
      { header: '记录', width: 10 },
      ...INVALID_REASONS.map((r) => ({ header: `无效：${r}`, width: 12 })),
      { header: '有效', width: 10 },
      { header: '状态', width: 30 },
    ],
    rows: s.items.map((it, i) => [
      i + 1,
      it.path,
      it.holder,
      it.bytes,
      it.sha256,
      it.format,
      it.encoding,
      it.detail?.encoding_confidence ?? null,
      it.detail ? delimiterLabel(it.detail.delimiter) : null,
      it.category ? catLabel(it.category) : null,
      it.non_record_lines,
      it.records,
      ...INVALID_REASONS.map((r) => it.invalid[r]),
      it.valid,
      it.error ? `读取失败：${it.error}` : '已读取',
    ]),
  });
  sheets.push({
    name: '列识别',
    columns: [
      { header: '检材序号', width: 8 },
      { header: '检材', width: 40 },
      { header: '列', width: 6 },
      { header: '表头', width: 16 },
      { header: '判定类型', width: 14 },
      { header: '有效率', width: 10 },
      { header: '非空值', width: 10 },
      { header: '有效值', width: 10 },
      { header: '非有效值（按原因）', width: 40 },
      { header: '来源', width: 10 },
      { header: '判定依据', width: 60 },
    ],
    rows: s.items.flatMap((it, i) =>
      it.columns.map((c) => [
        i + 1,
        it.path,
        c.index + 1,
        c.header,
        c.type ? FIELD_TYPE_LABELS[c.type as FieldType] : null,
        c.hit_rate,
        c.non_empty,
        c.valid_values,
        Object.entries(c.invalid_values)
          .map(([k, v]) => `${k}: ${v}`)
          .join('；'),
        c.source,
        c.explanation,
      ]),
    ),
  });
  sheets.push({
    name: '无效记录示例',
    columns: [
      { header: '检材', width: 40 },
      { header: '原因', width: 18 },
      { header: '该原因总数', width: 10 },
      { header: '行号', width: 8 },
      { header: '内容（已脱敏）', width: 70 },
      { header: '判定', width: 40 },
    ],
    rows: inp.data.invalid_examples.flatMap((g) =>
      g.examples.map((e) => [
        g.item,
        INVALID_REASON_LABELS[g.reason],
        g.total,
        e.line,
        e.cells.join(' | '),
        e.note,
      ]),
    ),
  });
  sheets.push({
    name: '重复记录示例',
    columns: [
      { header: '组', width: 6 },
      { header: '持有人', width: 12 },
      { header: '类别', width: 18 },
      { header: '出现次数', width: 10 },
      { header: '出现位置（检材:行号）', width: 90 },
    ],
    rows: inp.data.duplicate_groups.map((g, i) => [
      i + 1,
      g.holder,
      catLabel(g.category),
      g.count,
      g.occurrences.map((o) => `${o.item}:${o.line}`).join('；'),
    ]),
  });
  sheets.push({
    name: '类别计数',
    columns: [
      { header: '范围', width: 14 },
      { header: '类别', width: 22 },
      { header: '档次', width: 6 },
      { header: '有效记录', width: 12 },
      { header: '去重记录', width: 12 },
      { header: '信息主体', width: 12 },
      { header: '认定条数', width: 12 },
      { header: '口径', width: 8 },
      { header: '保守数', width: 12 },
    ],
    rows: [
      ...Object.entries(s.holders).map(([name, f]) => ({ name, f, holder: true })),
      { name: '全案', f: s.totals, holder: false },
    ].flatMap(({ name, f, holder }) =>
      CATEGORY_IDS.map((id) => {
        const c = f.categories[id];
        const cons = holder
          ? inp.results?.domains.find((d) => d.holder === name && d.category === id)
          : undefined;
        return [
          name,
          CATEGORIES[id].label,
          CATEGORIES[id].tier,
          c.valid,
          c.records,
          c.subjects,
          c.count,
          c.counted_by === 'records' ? '按记录' : '按主体',
          cons ? cons.conservative : null,
        ];
      }),
    ),
  });
  const sm = inp.sample;
  if (sm) {
    const results = new Map((inp.results?.rows ?? []).map((r) => [r.id, r]));
    sheets.push({
      name: '抽样层',
      columns: [
        { header: '层', width: 6 },
        { header: '持有人', width: 12 },
        { header: '类别', width: 18 },
        { header: '检材', width: 40 },
        { header: '检材 SHA-256', width: 68 },
        { header: 'N_h', width: 10 },
        { header: 'n_h', width: 8 },
        { header: '真实', width: 8 },
        { header: '不真实', width: 8 },
        { header: '无法核实', width: 8 },
        { header: '真实率', width: 10 },
        { header: '区间下限', width: 12 },
        { header: '区间上限', width: 12 },
      ],
      rows: sm.domains.flatMap((d) =>
        d.strata.map((st) => {
          const r = inp.results?.strata.find((x) => x.stratum === st.id);
          return [
            st.id,
            st.holder,
            catLabel(st.category),
            st.item,
            st.sha256,
            st.size,
            st.n,
            r ? r.verified_true : null,
            r ? r.not_true : null,
            r ? r.unverifiable : null,
            r ? r.rate : null,
            r && r.n > 0 ? r.lower : null,
            r && r.n > 0 ? r.upper : null,
          ];
        }),
      ),
    });
    sheets.push({
      name: '抽样记录',
      columns: [
        { header: '序号', width: 6 },
        { header: '编号', width: 10 },
        { header: '层', width: 6 },
        { header: '持有人', width: 12 },
        { header: '类别', width: 18 },
        { header: '检材', width: 40 },
        { header: '行号', width: 8 },
        { header: '层内名次', width: 8 },
        { header: '排序键 SHA-256(种子‖U+001F‖单位键)', width: 68 },
        { header: '记录（已脱敏）', width: 70 },
        { header: '核实结果', width: 10 },
        { header: '核实方法', width: 14 },
      ],
      rows: sm.rows.map((r) => [
        r.no,
        r.id,
        r.stratum,
        r.holder,
        catLabel(r.category),
        r.item,
        r.line,
        r.rank,
        r.order_key,
        r.masked,
        results.get(r.id)?.result ?? null,
        results.get(r.id)?.method ?? null,
      ]),
    });
  }
  sheets.push({
    name: '哈希清单',
    columns: [
      { header: '序号', width: 6 },
      { header: '检材', width: 60 },
      { header: '字节', width: 14 },
      { header: 'SHA-256', width: 68 },
    ],
    rows: s.items.map((it, i) => [i + 1, it.path, it.bytes, it.sha256]),
  });
  return sheets;
}

/** Builds the report model. Pure. */
export function buildReportModel(inp: ReportInput): ReportModel {
  const sheets = buildSheets(inp);
  return {
    title: '公民个人信息数据检验报告',
    caseName: inp.summary.case,
    analysisTime: `${inp.summary.analysis_date}T00:00:00Z`,
    sections: [
      basicSection(inp),
      itemsSection(inp),
      processSection(inp),
      analysisSection(inp),
      opinionSection(inp),
      annexSection(inp, sheets),
    ],
    sheets,
    hashes: inp.summary.items.map((it) => ({ path: it.path, sha256: it.sha256 })),
  };
}
