import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PUBLISHED_CASES } from './cases.fixtures.js';
import { assessHolder } from './evaluate.js';
import { parseHolderFacts } from './facts.js';

describe('published cases: the band the court gave, from the stated facts', () => {
  for (const c of PUBLISHED_CASES) {
    test(`${c.title}${c.determined ? '' : '（所述事实不能决定档位）'}`, () => {
      const h = assessHolder(parseHolderFacts(c.facts, `${c.id}: holders[0]`));
      assert.equal(h.severity, c.expect.severity, `${c.id}: tool band`);
      if (c.determined) {
        assert.equal(h.severity, c.court_band, `${c.id}: must reproduce the court's band`);
      } else {
        // Documented: why the stated facts cannot give the court's band.
        assert.ok(c.why.length > 20, `${c.id}: explain why the band is not determined`);
        if (c.court_band !== null) assert.notEqual(h.severity, c.court_band);
      }
      const rules = h.triggers.map((t) => t.rule);
      for (const r of c.expect.triggers ?? [])
        assert.ok(rules.includes(r), `${c.id}: expected trigger ${r} in ${rules}`);
      const aggr = h.aggravations.map((a) => a.rule);
      for (const r of c.expect.aggravations ?? [])
        assert.ok(aggr.includes(r), `${c.id}: expected aggravation ${r}`);
      const notes = h.notes.map((n) => n.rule);
      for (const r of c.expect.notes ?? [])
        assert.ok(notes.includes(r), `${c.id}: expected note ${r} in ${notes}`);
      if (c.expect.alternatives) {
        assert.deepEqual(
          h.alternatives.map((a) => a.severity),
          c.expect.alternatives,
          `${c.id}: alternative readings`,
        );
      }
    });
  }

  test('the fixtures cover every seed case that states a band', () => {
    const ids = new Set(PUBLISHED_CASES.map((c) => c.id));
    for (const id of [
      'gc192-li-kaixiang',
      'gc193-wen-wei',
      'gc193-zhu-xudong',
      'gc193-zhang-jiangtao',
      'gc194-xiong-changheng',
      'gc194-fan-jiacong',
      'gc195-luo-wenjun',
      'gc195-qu-xiaozhen',
      'spp2022-1-xie',
      'spp2022-2-li',
      'spp2022-3-li-jia',
      'spp2022-4-chen-jia',
      'spp2022-5-wei',
      'changsha-kaifu-luo',
      'changsha-furong-cao',
    ]) {
      assert.ok(ids.has(id), id);
    }
  });

  test('GC 193: the defence reading (tier 3) is shown with its rejected status', () => {
    const c = PUBLISHED_CASES.find((x) => x.id === 'gc193-wen-wei')!;
    const h = assessHolder(parseHolderFacts(c.facts, 'x'));
    assert.match(h.reading_support, /指导性案例193号/);
    assert.match(h.alternatives[0]?.support ?? '', /未被采纳/);
  });

  test('曹某: fine of 40,000 yuan lies inside the Art. 12 range 31,831–159,155', () => {
    const c = PUBLISHED_CASES.find((x) => x.id === 'changsha-furong-cao')!;
    const f = assessHolder(parseHolderFacts(c.facts, 'x')).fine_guidance!;
    assert.equal(f.min_yuan, 31_831);
    assert.equal(f.max_yuan, 159_155);
  });

  test('罗某（普陀）with a lawful-business claim: Art. 6 main reading, Art. 5 band B as the alternative', () => {
    const c = PUBLISHED_CASES.find((x) => x.id === 'lr-luo-putuo')!;
    const h = assessHolder(parseHolderFacts({ ...c.facts, lawful_business_purchase: true }, 'x'));
    assert.equal(h.path, 'art6');
    assert.equal(h.severity, 'none');
    assert.deepEqual(
      h.alternatives.map((a) => a.severity),
      ['especially_serious'],
    );
  });
});
