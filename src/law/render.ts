/**
 * @module law/render
 * Plain-text Chinese rendering of an assessment, for terminals and for reuse in reports. Every
 * conclusion is printed with its rule id, citation and working; assumed facts and contested
 * readings are printed, never dropped.
 */
import type { Assessment, Effect, HolderAssessment } from './assessment.js';
import { PATH_LABELS, SEVERITY_LABELS } from './conditions.js';
import { nonZeroCategories } from './evaluate.js';

const NUMERIC_TESTS = new Set(['tier_count', 'category_count', 'weighted_units', 'gain_fen', 'profit_fen']);

const FIELD_LABELS: Readonly<Record<string, string>> = {
  counts: '各类信息条数',
  illegal_gain_yuan: '违法所得',
  insider: '信息系履职或提供服务中获得（内部人员）',
  sold_or_provided: '出售或者提供给他人',
  used_for_crime: '信息被他人用于犯罪',
  knew_buyer_criminal: '明知对方利用信息实施犯罪',
  consequence: '严重后果（死亡、重伤、精神失常、被绑架）',
  major_loss_or_bad_influence: '重大经济损失或者恶劣社会影响',
  prior_criminal_record: '曾因侵犯公民个人信息受过刑事处罚',
  admin_penalty_within_2_years: '二年内受过行政处罚',
  lawful_business_purchase: '为合法经营活动购买',
  profit_from_use_yuan: '利用所购信息获利',
  first_offender: '初犯',
  returned_all_gains: '全部退赃',
  remorse: '确有悔罪表现',
};

function effectLines(title: string, list: readonly Effect[]): string[] {
  if (list.length === 0) return [`${title}：无`];
  const lines = [`${title}：`];
  for (const e of list) {
    lines.push(`  - ${e.rule ? `[${e.rule}] ` : ''}${e.label}：${e.text}`);
    lines.push(`    依据：${e.citation}`);
  }
  return lines;
}

function renderHolder(h: HolderAssessment, index: number): string[] {
  const out: string[] = [];
  out.push(`━━ ${index + 1}. ${h.name} ━━`);
  const warn = h.contested_outcome ? '（⚠ 其他可成立的读法结论不同，见“争议与其他读法”）' : '';
  out.push(`结论：${h.severity_label}${warn}`);
  out.push(`适用：${PATH_LABELS[h.path]}`);
  if (h.penalty_range) {
    out.push(`法定刑：${h.penalty_range.text}（[${h.penalty_range.rule}] ${h.penalty_range.citation}）`);
  } else {
    out.push('法定刑：未达“情节严重”，按本规则库不构成本罪（兜底条款须由司法机关认定）');
  }
  out.push(`读法：${h.reading}`);
  if (h.reading_support) out.push(`  支持：${h.reading_support}`);
  const cats = nonZeroCategories(h.counts);
  out.push(`计数：${cats.length > 0 ? cats.join('；') : '无'}`);
  out.push(
    `  第三项 ${h.tier_totals.tier1} 条、第四项 ${h.tier_totals.tier2} 条、第五项 ${h.tier_totals.tier3} 条；比例合计 ${h.proportional_sum.working}`,
  );
  out.push(`违法所得：${h.illegal_gain_yuan} 元`);

  if (h.path_checks.some((c) => c.met) || h.notes.some((n) => n.rule === 'interp2017.art6.p2')) {
    for (const c of h.path_checks)
      out.push(`路径判断 [${c.rule}]：${c.met ? '适用' : '不适用'} — ${c.working}`);
  }

  out.push('已满足的规则：');
  if (h.triggers.length === 0) out.push('  （无）');
  h.triggers.forEach((t, i) => {
    out.push(`  ${i + 1}. [${t.rule}] ${SEVERITY_LABELS[t.band]} — ${t.label}`);
    out.push(`     计算：${t.working}`);
    out.push(`     依据：${t.citation}`);
    if (t.interpretive_note) out.push(`     说明（解释性读法）：${t.interpretive_note}`);
  });

  if (h.severity !== 'especially_serious') {
    const next = h.severity === 'none' ? 'serious' : 'especially_serious';
    // Shortfalls by number only: the rows whose premises hold but whose threshold is not reached.
    const misses = h.checks.filter(
      (c) => c.band === next && !c.met && c.failed.every((t) => NUMERIC_TESTS.has(t)),
    );
    const others = h.checks.filter((c) => c.band === next && !c.met).length - misses.length;
    if (misses.length > 0 || others > 0) {
      out.push(
        `未达到“${SEVERITY_LABELS[next]}”的数量、数额标准：${misses.length === 0 ? '（无此类标准）' : ''}`,
      );
      for (const c of misses) out.push(`  - [${c.rule}] ${c.working}`);
      if (others > 0) {
        out.push(
          `  另有 ${others} 项标准的前提事实不成立（内部人员、后果、前科、兜底主张等；逐项计算见 --json 的 checks）。`,
        );
      }
    }
  }

  if (h.fine_guidance) {
    out.push(`罚金：${h.fine_guidance.working}`);
    out.push(`  依据：[${h.fine_guidance.rule}] ${h.fine_guidance.citation}；${h.fine_guidance.text}`);
  }
  if (h.penalty_range) for (const n of h.penalty_range.notes) out.push(`  提示：${n}`);
  out.push(...effectLines('从重情节', h.aggravations));
  out.push(...effectLines('从宽情节', h.mitigations));

  if (h.alternatives.length > 0) {
    out.push('争议与其他读法（每一种可成立的读法下的结论）：');
    for (const a of h.alternatives) {
      out.push(`  - ${a.reading} → ${SEVERITY_LABELS[a.severity]}${a.differs ? '（⚠ 与主要读法不同）' : ''}`);
      out.push(`    支持：${a.support}`);
    }
  }

  if (h.facts_not_given.length > 0) {
    out.push('未提供的事实（按默认值假定，并非查明）：');
    for (const f of h.facts_not_given) {
      const label = FIELD_LABELS[f.field] ?? f.field;
      const premise = f.field === 'consequence' ? '若查明有此类后果' : '若查明为“是”';
      const change =
        f.severity_if_true !== null && f.severity_if_true !== h.severity
          ? `；${premise}，结论将为：${SEVERITY_LABELS[f.severity_if_true]}`
          : '';
      out.push(`  - ${label}（${f.field}）：假定为 ${f.assumed}${change}`);
    }
  }
  if (h.ignored_fields.length > 0)
    out.push(`未识别的字段（已忽略，请检查拼写）：${h.ignored_fields.join('，')}`);
  out.push(...effectLines('提示', h.notes));
  return out;
}

/**
 * Renders the whole assessment as plain text (no colour codes).
 * @example process.stdout.write(renderAssessmentZh(assessCase(facts)))
 */
export function renderAssessmentZh(a: Assessment): string {
  const out: string[] = [];
  out.push('信鉴 · 侵犯公民个人信息罪 法律评估（刑法第二百五十三条之一；法释〔2017〕10号）');
  out.push(
    `规则库版本：${a.rulebook_version}；事实来源：${a.source}${a.case_name ? `；案件：${a.case_name}` : ''}`,
  );
  out.push(`适用日期：${a.as_of ?? '未提供（按现行有效的规则）'}`);
  out.push(
    '本评估是按输入事实对规则的机械适用，不替代司法认定；标注“解释性读法”“原文未核实”的内容须人工核对。',
  );
  if (a.ignored_fields.length > 0) out.push(`未识别的字段（已忽略）：${a.ignored_fields.join('，')}`);
  a.holders.forEach((h, i) => {
    out.push('');
    out.push(...renderHolder(h, i));
  });
  return `${out.join('\n')}\n`;
}
