/**
 * @module report/html
 * A self-contained Chinese HTML report: the counting funnel, per-category counts, per-item table (hash, encoding,
 * format, columns), masked examples of every invalid reason with file and line, duplicate-group examples and every
 * method choice. Identifying values are masked; nothing is loaded from outside the file.
 */
import { CATEGORIES, CATEGORY_IDS, TIER_THRESHOLDS } from '../core/categories.js';
import { FIELD_TYPE_LABELS, type FieldType } from '../core/field-types.js';
import { INVALID_REASON_LABELS, INVALID_REASONS } from '../detect/record.js';
import { renderAssessmentZh } from '../law/render.js';
import type { Figures, ItemOutcome, Summary } from '../services/summary.js';

export interface HtmlExtras {
  readonly outcomes: readonly ItemOutcome[];
  readonly duplicateGroups: readonly {
    holder: number;
    category: string;
    count: number;
    occurrences: readonly { path: string; line: number }[];
  }[];
}

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
};

export function esc(s: unknown): string {
  return String(s ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function delimiterLabel(d: string | null | undefined): string {
  if (d === null || d === undefined) return '无（单列）';
  if (d === '\t') return 'TAB';
  return d;
}

function funnel(f: Figures): string {
  const invalidTotal = INVALID_REASONS.reduce((a, r) => a + f.invalid[r], 0);
  const distinct = f.valid - f.exact_duplicates;
  const rows: [string, number, string][] = [
    ['非记录行（表头、标题、空行、分隔/注释行）', f.non_record_lines, '不计入记录'],
    ['记录（条）', f.records, '每一数据行 / 每一行转储为一条'],
    ...INVALID_REASONS.map((r): [string, number, string] => [
      `　其中无效：${INVALID_REASON_LABELS[r]}`,
      f.invalid[r],
      '剔除',
    ]),
    ['有效记录', f.valid, `记录 − 无效 ${n(invalidTotal)}`],
    ['　完全重复记录', f.exact_duplicates, '同一类别、全部有类型字段规范化后相同'],
    ['去重后的记录', distinct, '有效记录 − 完全重复'],
    ['　同一信息主体的重复', f.same_subject_duplicates, '同一类别内按主体键（身份号码 → 手机 → …）合并'],
  ];
  const max = Math.max(f.records + f.non_record_lines, 1);
  return `<table class="funnel"><tr><th>环节</th><th class="num">数量</th><th>说明</th><th></th></tr>${rows
    .map(
      ([label, v, note]) =>
        `<tr><td>${esc(label)}</td><td class="num">${n(v)}</td><td>${esc(note)}</td><td><div class="bar" style="width:${Math.round((v / max) * 300)}px"></div></td></tr>`,
    )
    .join('')}</table>`;
}

function categoryTable(f: Figures): string {
  const rows = CATEGORY_IDS.map((id) => {
    const c = f.categories[id];
    const def = CATEGORIES[id];
    const thr = TIER_THRESHOLDS[def.tier];
    const band =
      c.count >= thr * 10 ? '达到×10标准' : c.count >= thr ? '达到入罪标准' : c.count > 0 ? '未达标准' : '';
    return `<tr${c.count === 0 ? ' class="zero"' : ''}><td>${esc(def.label)}<br><small>${esc(id)}</small></td><td class="num">${def.tier}（${n(thr)}条）</td><td class="num">${n(c.valid)}</td><td class="num">${n(c.records)}</td><td class="num">${n(c.subjects)}</td><td class="num"><b>${n(c.count)}</b></td><td>${def.countedBy === 'records' ? '按记录' : '按主体'}</td><td>${esc(band)}</td></tr>`;
  }).join('');
  return `<table><tr><th>类别</th><th>档次（情节严重标准）</th><th>有效记录</th><th>去重记录</th><th>信息主体</th><th>认定条数</th><th>计数口径</th><th>参照</th></tr>${rows}</table>`;
}

function itemsTable(s: Summary): string {
  const rows = s.items
    .map((it, i) => {
      const d = it.detail;
      const status = it.error ? `<span class="err">读取失败：${esc(it.error)}</span>` : '已读取';
      return `<tr><td>${i + 1}</td><td class="path">${esc(it.path)}</td><td class="num">${n(it.bytes)}</td><td class="hash">${esc(it.sha256 ?? '—')}</td><td>${esc(it.format ?? '—')}</td><td>${esc(it.encoding ?? '—')}${d ? `<br><small>置信度 ${d.encoding_confidence}</small>` : ''}</td><td>${esc(d ? delimiterLabel(d.delimiter) : '—')}</td><td>${esc(it.holder)}</td><td>${it.category ? esc(CATEGORIES[it.category].label) : '—'}</td><td class="num">${n(it.records)}</td><td class="num">${n(it.valid)}</td><td class="num">${n(it.non_record_lines)}</td><td>${status}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>#</th><th>检材（相对路径）</th><th>字节</th><th>SHA-256</th><th>格式</th><th>编码</th><th>分隔符</th><th>持有人</th><th>类别</th><th>记录</th><th>有效</th><th>非记录行</th><th>状态</th></tr>${rows}</table>`;
}

function itemDetail(s: Summary, extras: HtmlExtras): string {
  return s.items
    .map((it, i) => {
      const d = it.detail;
      if (!d) return '';
      const a = extras.outcomes[i]?.analysis;
      const cols = it.columns
        .map(
          (c) =>
            `<tr><td>${c.index + 1}</td><td>${esc(c.header ?? '（无表头）')}</td><td>${c.type ? esc(FIELD_TYPE_LABELS[c.type as FieldType]) : '—'}</td><td class="num">${c.hit_rate === null ? '—' : `${(c.hit_rate * 100).toFixed(2)}%`}</td><td class="num">${n(c.non_empty)}</td><td>${esc(
              Object.entries(c.invalid_values)
                .map(([k, v]) => `${k}: ${v}`)
                .join('；'),
            )}</td><td><small>${esc(c.explanation)}</small></td></tr>`,
        )
        .join('');
      const nonRec = Object.entries(d.non_record_by_reason)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${NON_RECORD_LABELS[k] ?? k} ${n(v)}`)
        .join('，');
      const warn = Object.entries(d.warnings)
        .map(([k, v]) => `${WARNING_LABELS[k] ?? k}：${n(v ?? 0)} 处`)
        .join('；');
      const warnEx = d.warning_examples.map((w) => `第${w.line}行：${esc(w.detail)}`).join('<br>');
      const examples = a
        ? INVALID_REASONS.map((r) => {
            const list = a.invalid_examples[r];
            if (list.length === 0) return '';
            return `<h5>${esc(INVALID_REASON_LABELS[r])}（共 ${n(it.invalid[r])} 条，示例 ${list.length} 条）</h5><table class="ex"><tr><th>行号</th><th>内容（已脱敏）</th><th>判定</th></tr>${list
              .map(
                (e) =>
                  `<tr><td>${e.line}</td><td>${e.cells.map(esc).join(' | ')}</td><td><small>${esc(e.note)}</small></td></tr>`,
              )
              .join('')}</table>`;
          }).join('')
        : '';
      const adv = d.advisories
        .map(
          (x) =>
            `<p class="adv">⚠ 类别争议：${esc(x.note)}（备选类别：${esc(CATEGORIES[x.alternative].label)}）</p>`,
        )
        .join('');
      return `<section class="item"><h4>${i + 1}. ${esc(it.path)}</h4>
<p>编码：${esc(d.encoding_evidence)}。分隔符：${esc(d.delimiter_evidence)}。表头：${esc(d.header_evidence)}。</p>
<p>类别：${esc(d.category_explanation)}</p>${adv}
<p>非记录行：${esc(nonRec || '无')}。${warn ? `行级警告：${esc(warn)}。` : ''}</p>${warnEx ? `<p class="warn">${warnEx}</p>` : ''}
<table><tr><th>列</th><th>表头</th><th>判定类型</th><th>有效率</th><th>非空值</th><th>非有效值（按原因）</th><th>判定依据</th></tr>${cols}</table>
${examples}</section>`;
    })
    .join('');
}

function duplicates(extras: HtmlExtras): string {
  if (extras.duplicateGroups.length === 0) return '<p>未发现完全重复的有效记录。</p>';
  return `<table><tr><th>类别</th><th>出现次数</th><th>出现位置（检材:行号，最多5处）</th></tr>${extras.duplicateGroups
    .map(
      (g) =>
        `<tr><td>${esc(CATEGORIES[g.category as keyof typeof CATEGORIES]?.label ?? g.category)}</td><td class="num">${g.count}</td><td>${g.occurrences.map((o) => `${esc(o.path)}:${o.line}`).join('；')}</td></tr>`,
    )
    .join('')}</table>`;
}

function contestedSection(s: Summary): string {
  if (s.contested.length === 0) return '<p>未发现类别争议。</p>';
  return s.contested
    .map((g) => {
      const label = (id: string) => CATEGORIES[id as keyof typeof CATEGORIES].label;
      const t = g.totals;
      return `<p class="adv">⚠ ${esc(g.note)}</p><p>涉及检材：${g.items.map(esc).join('；')}</p>
<table><tr><th>读法</th><th>${esc(label(g.counted_as))}</th><th>${esc(label(g.alternative))}</th></tr>
<tr><td>本报告采用：计入${esc(label(g.counted_as))}</td><td class="num">${n(t.counted_as_count)}</td><td class="num">${n(t.alternative_count)}</td></tr>
<tr><td>另一读法：计入${esc(label(g.alternative))}</td><td class="num">${n(t.counted_as_count_alternative)}</td><td class="num">${n(t.alternative_count_alternative)}</td></tr></table>`;
    })
    .join('');
}

function assessmentSection(s: Summary): string {
  if (!s.assessment) {
    return '<p>案件清单（case.yaml）未载明持有人的违法所得、身份等事实，未作法律评估。可用 <code>xinjian assess</code> 单独评估。</p>';
  }
  return `<pre class="assess">${esc(renderAssessmentZh(s.assessment))}</pre>`;
}

const CSS = `body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top}th{background:#eef}
.num{text-align:right;font-variant-numeric:tabular-nums}.hash,.path{font-family:monospace;font-size:11px;word-break:break-all}
.bar{background:#5b7bd5;height:10px}.zero{color:#999}.err{color:#b00}.adv{color:#a60}.warn{color:#555;font-size:12px}
pre.assess{white-space:pre-wrap;font-family:inherit;background:#f7f7fa;border:1px solid #ccd;padding:8px}h1{font-size:22px}h2{border-bottom:2px solid #335;padding-bottom:2px;margin-top:28px}section.item{border-top:1px dashed #aaa;margin-top:12px}`;

/** Renders the report. Deterministic for the same inputs. */
export function renderHtmlReport(s: Summary, extras: HtmlExtras): string {
  const holders = Object.entries(s.holders)
    .map(([name, f]) => `<h3>持有人：${esc(name)}</h3>${funnel(f)}${categoryTable(f)}`)
    .join('');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(s.case)} — 公民个人信息数据检验报告</title><style>${CSS}</style></head><body>
<h1>${esc(s.case)}<br>公民个人信息数据检验报告（计数部分）</h1>
<p>工具：${esc(s.tool.name)} ${esc(s.tool.version)}；引擎：${esc(s.tool.engine)}；计数规则：${esc(s.rules.counting)}；分析基准日：${esc(s.analysis_date)}；检材根目录：<span class="path">${esc(s.evidence_root)}</span>；案件清单：${esc(s.manifest ?? '无（全部检材归属一个持有人“case”）')}${s.examiner ? `；检验人：${esc(s.examiner)}` : ''}</p>
<h2>一、结论摘要（全案）</h2>${funnel(s.totals)}${categoryTable(s.totals)}
<p>检材 ${n(s.totals.items)} 件，其中读取失败 ${n(s.totals.failed_items)} 件（见检材表）；读取失败的检材不计入任何数字。</p>
<h2>二、各持有人</h2>${holders}
<h2>三、检材</h2>${itemsTable(s)}
<h2>四、方法说明</h2><ol>
<li>每件检材在读取前计算 SHA-256，并以只读方式打开；每一操作记入保管链日志（custody.jsonl，每条记录含上一条的哈希值）。读取后再次计算哈希，变化的检材不予计数。</li>
<li>编码：先查字节序标记，再严格 UTF-8 解码，不成立时按 GB18030（GBK 的超集，用 gb18030 标签解码）或 Big5 统计判定；无效字节逐行报告。</li>
<li>记录：每一数据行为一条；表头、重复表头、表头上方的标题行、空行、分隔行与注释行计为非记录行；仅由分隔符组成的行计为空记录。</li>
<li>字段类型：先按表头词（中文、英文、拼音缩写），再按样本值投票（至多 1,000 个非空值）确定每列类型，然后对每一条记录逐值校验（公民身份号码 GB 11643 校验位、出生日期不晚于分析基准日、省级代码；手机号段；银行卡 Luhn 等）。</li>
<li>有效记录：至少含一个有效的强标识（身份号码、手机号、银行卡号、电子邮箱、QQ、微信号、护照号），或有效姓名加有效地址/固定电话；否则按首个适用原因计为无效（空记录 → 已脱敏 → 被截断 → 标识无效 → 不含身份信息）。</li>
<li>完全重复：同一类别内，全部有类型字段（规范化：NFKC、去空白、去 +86、15 位身份号码升 18 位）均相同者为一条；全案与各持有人分别去重。按主体计数的类别以主体键（身份号码 → 手机 → 银行卡 → 邮箱 → QQ → 微信 → 护照 → 姓名+地址 → 姓名+固话）合并，不做跨键传递。</li>
<li>类别与档次：依《最高人民法院、最高人民检察院关于办理侵犯公民个人信息刑事案件适用法律若干问题的解释》（法释〔2017〕10号）第五条，行踪轨迹、通信内容、征信、财产信息 50 条，住宿、通信记录、健康生理、交易信息等 500 条，其他 5,000 条；类别由表头与字段类型判定，案件清单可覆盖。</li>
<li>精确去重由嵌入式 DuckDB 的 COUNT(DISTINCT)/GROUP BY 完成（可溢写磁盘），不使用抽样或近似算法。</li>
</ol>
<h2>五、类别争议与两种读法下的计数</h2>${contestedSection(s)}
<h2>六、法律评估（依据案件清单载明的事实）</h2>${assessmentSection(s)}
<h2>七、完全重复记录示例</h2>${duplicates(extras)}
<h2>八、逐件检材的判定依据与无效记录示例</h2>${itemDetail(s, extras)}
</body></html>
`;
}
