import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assessCase } from './evaluate.js';
import { parseFactsFile } from './facts.js';
import { renderAssessmentZh } from './render.js';

const facts = parseFactsFile(
  {
    case: '示例案',
    holders: [
      {
        name: '曹某',
        counts: { general: 7967 },
        illegal_gain_yuan: 31831,
        sold_or_provided: true,
        contested: [{ kind: 'bare_id_numbers', count: 7967 }],
        insdier: true,
      },
      {
        name: '乙',
        counts: { credit: 30, transaction: 200, general: 100 },
        insider: false,
        sold_or_provided: true,
      },
    ],
  },
  'facts.json',
);

describe('renderAssessmentZh', () => {
  const text = renderAssessmentZh(assessCase(facts));
  const lines = text.split('\n');

  test('header names the rulebook version, the source and the case', () => {
    assert.equal(lines[0], '信鉴 · 侵犯公民个人信息罪 法律评估（刑法第二百五十三条之一；法释〔2017〕10号）');
    assert.equal(lines[1], '规则库版本：1.0.0；事实来源：facts.json；案件：示例案');
  });

  test('each holder: band, penalty, fired rules with working and citation', () => {
    assert.ok(lines.includes('━━ 1. 曹某 ━━'));
    assert.ok(lines.includes('结论：情节严重（⚠ 其他可成立的读法结论不同，见“争议与其他读法”）'));
    assert.ok(lines.includes('  1. [interp2017.art5.p1.i5] 情节严重 — 第五项信息五千条以上'));
    assert.ok(lines.includes('     计算：第五项信息（其他公民个人信息 7967）合计 7967 条 ≥ 5000 条'));
    assert.ok(
      lines.includes('     依据：法释〔2017〕10号第五条第一款第五项：“第三项、第四项规定以外的公民个人信息”'),
    );
    assert.ok(text.includes('法定刑：处三年以下有期徒刑或者拘役，并处或者单处罚金'));
  });

  test('shows why band B was not reached, by number', () => {
    assert.ok(
      lines.includes(
        '  - [interp2017.art5.p2.i3.of-i5] 第五项信息（其他公民个人信息 7967）合计 7967 条 < 50000 条（第五项标准 5000 条 × 10）',
      ),
    );
  });

  test('contested reading, assumed facts and ignored fields are printed, not dropped', () => {
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          '  - 单独的身份证号码（或身份证号 + 姓名 + 电话） 7967 条按“居民身份证信息（整体）”（第四项信息）计 → 情节特别严重（⚠ 与主要读法不同）',
        ),
      ),
    );
    assert.ok(
      lines.includes(
        '  - 信息系履职或提供服务中获得（内部人员）（insider）：假定为 false；若查明为“是”，结论将为：情节特别严重',
      ),
    );
    assert.ok(lines.includes('未识别的字段（已忽略，请检查拼写）：facts.json: holders[0].insdier'));
  });

  test('the proportional sum is printed with its working and flagged as interpretive', () => {
    assert.ok(text.includes('计算：各类信息均未单独达到该档标准；比例合计 S = 30/50 + 200/500 + 100/5000'));
    assert.ok(text.includes('说明（解释性读法）：司法解释未规定计算公式'));
  });

  test('deterministic', () => {
    assert.equal(renderAssessmentZh(assessCase(facts)), text);
  });
});
