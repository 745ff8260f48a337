import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TIER_THRESHOLDS } from '../core/categories.js';
import { ForensicError } from '../core/errors.js';
import {
  loadRulebook,
  RULEBOOK_VERSION,
  RulebookError,
  ruleById,
  rulebookAsOf,
  validateRows,
} from './rulebook.js';
import { RULE_ROWS } from './rules/index.js';

const rb = loadRulebook();
const clone = <T>(x: T): T => structuredClone(x) as T;

function rejects(rows: unknown[], message: RegExp) {
  assert.throws(
    () => validateRows(rows),
    (e: unknown) =>
      e instanceof RulebookError &&
      e instanceof ForensicError &&
      e.code === 'RULES' &&
      message.test(e.message),
  );
}

describe('loadRulebook', () => {
  test('validates and freezes every row; version exported', () => {
    assert.equal(rb.version, RULEBOOK_VERSION);
    assert.equal(rb.rows.length, RULE_ROWS.length);
    assert.ok(Object.isFrozen(rb.rows[0]));
    assert.equal(loadRulebook(), rb);
  });

  test('covers the articles the issue lists: 253-1, Interp. Arts 5, 6, 7, 10, 11, 12', () => {
    const cited = new Set(rb.rows.map((r) => `${r.citation.document}${r.citation.article}`));
    for (const a of ['第五条', '第六条', '第七条', '第十条', '第十一条', '第十二条']) {
      assert.ok(cited.has(`法释〔2017〕10号${a}`), a);
    }
    assert.ok(cited.has('《刑法》第二百五十三条之一'));
    const items = rb.rows.filter(
      (r) => r.kind === 'band' && r.citation.article === '第五条' && r.citation.paragraph === '第一款',
    );
    assert.deepEqual(
      [...new Set(items.map((r) => r.citation.item))],
      ['第一项', '第二项', '第三项', '第四项', '第五项', '第六项', '第七项', '第八项', '第九项', '第十项'],
    );
  });

  test('every row is cited with a quote or a summary; unverified rows say so', () => {
    for (const r of rb.rows) {
      assert.ok(r.citation.summary.length > 0, r.id);
      assert.equal(r.citation.verified, r.citation.status !== 'R', r.id);
    }
    assert.equal(ruleById(rb, 'crim.art27')?.citation.verified, false);
    assert.equal(
      ruleById(rb, 'interp2017.art5.p1.i3')?.citation.quote,
      '行踪轨迹信息、通信内容、征信信息、财产信息',
    );
  });

  test('derived readings are flagged: proportional sum and the insider ×10 column', () => {
    for (const id of [
      'interp2017.art5.p1.i6',
      'interp2017.art5.p2.i3.of-i8.tier1',
      'interp2017.art5.p2.i3.of-i6',
    ]) {
      assert.equal(ruleById(rb, id)?.citation.interpretive, true, id);
    }
    assert.equal(ruleById(rb, 'interp2017.art5.p2.i3.of-i3')?.citation.interpretive, false);
  });

  test('tier thresholds agree with core/categories.ts', () => {
    const row = ruleById(rb, 'interp2017.art5.p1.i4');
    assert.ok(row?.kind === 'band');
    assert.deepEqual(row.conditions, [{ test: 'tier_count', tier: 2, op: '>=', value: TIER_THRESHOLDS[2] }]);
  });

  test('effective dates: Interp. rows from 2017-06-01; as_of filtering', () => {
    assert.equal(ruleById(rb, 'interp2017.art5.p1.i7')?.effective_from, '2017-06-01');
    assert.equal(ruleById(rb, 'crim.art253-1.p1.serious')?.effective_from, '2015-11-01');
    const old = rulebookAsOf(rb, '2016-06-01');
    assert.equal(ruleById(old, 'interp2017.art5.p1.i7'), undefined);
    assert.ok(ruleById(old, 'crim.art253-1.p1.serious'));
  });
});

describe('validateRows fails fast naming the row', () => {
  const rows = () => clone([...RULE_ROWS]) as unknown as Record<string, unknown>[];
  test('a schema error names the row id and the field', () => {
    const r = rows();
    (r[2] as { conditions: { value: number }[] }).conditions[0]!.value = -1;
    rejects(r, /^rulebook row 'interp2017\.art5\.p1\.i3': conditions\.0\.value: /);
  });
  test('a citation without source', () => {
    const r = rows();
    delete (r[0] as { citation: { source?: string } }).citation.source;
    rejects(r, /rulebook row 'interp2017\.art5\.p1\.i1': citation\.source/);
  });
  test('verified must match the status', () => {
    const r = rows();
    (r[0] as { citation: { status: string } }).citation.status = 'R';
    rejects(
      r,
      /'interp2017\.art5\.p1\.i1': citation\.verified: verified must be false exactly when status is R/,
    );
  });
  test('a threshold that disagrees with TIER_THRESHOLDS', () => {
    const r = rows();
    (r[3] as { conditions: { value: number }[] }).conditions[0]!.value = 400;
    rejects(r, /'interp2017\.art5\.p1\.i4': must test tier 2 ≥ 500/);
  });
  test('duplicate ids and forward none_fired references', () => {
    const r = rows();
    r.push(clone(r[0]!));
    rejects(r, /'interp2017\.art5\.p1\.i1': duplicate id/);
    const f = rows();
    const i6 = f.splice(5, 1)[0]!;
    f.unshift(i6);
    rejects(
      f,
      /'interp2017\.art5\.p1\.i6': none_fired names 'interp2017\.art5\.p1\.i3', which is not an earlier row/,
    );
  });
  test('post-decision tests are refused in band rows', () => {
    const r = rows();
    (r[2] as { conditions: unknown[] }).conditions.push({ test: 'severity_in', values: ['serious'] });
    rejects(r, /'interp2017\.art5\.p1\.i3': condition 'severity_in' is only allowed in notes/);
  });
  test('weights of the proportional sum must match the tier thresholds', () => {
    const r = rows();
    (r[5] as { conditions: { weights?: Record<number, number> }[] }).conditions[1]!.weights![2] = 9;
    rejects(r, /'interp2017\.art5\.p1\.i6': weighted_units weight of tier 2/);
  });
});
