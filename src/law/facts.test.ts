import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError } from '../core/errors.js';
import { parseFactsFile, parseHolderFacts } from './facts.js';

/** Asserts that parsing throws a ConfigError whose message is exactly `message`. */
function refuses(json: unknown, message: string | RegExp) {
  assert.throws(
    () => parseFactsFile(json, 'facts.json'),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    },
  );
}
const one = (h: Record<string, unknown>) => ({ holders: [{ name: '张某', ...h }] });

describe('parseFactsFile: the issue example', () => {
  test('parses every field of the documented shape', () => {
    const f = parseFactsFile(
      {
        holders: [
          {
            name: '张某',
            counts: { lodging: 620, general: 12000 },
            illegal_gain_yuan: 13000,
            insider: false,
            sold_or_provided: true,
            used_for_crime: false,
            knew_buyer_criminal: false,
            consequence: null,
            major_loss_or_bad_influence: false,
            prior_criminal_record: false,
            admin_penalty_within_2_years: false,
            lawful_business_purchase: false,
            profit_from_use_yuan: null,
            first_offender: true,
            returned_all_gains: false,
            remorse: true,
          },
        ],
      },
      'facts.json',
    );
    const h = f.holders[0]!;
    assert.equal(h.name, '张某');
    assert.equal(h.counts.lodging, 620);
    assert.equal(h.counts.general, 12000);
    assert.equal(h.counts.trajectory, 0);
    assert.equal(h.illegal_gain_fen, 1_300_000);
    assert.equal(h.sold_or_provided, true);
    assert.equal(h.consequence, null);
    assert.deepEqual(h.not_given, []);
    assert.deepEqual(h.ignored_fields, []);
    assert.equal(f.as_of, null);
  });

  test('absent facts default and are recorded as assumed; unknown fields are listed', () => {
    const f = parseFactsFile({ holders: [{ name: '李某', insdier: true }], note: 'x' }, 'facts.json');
    const h = f.holders[0]!;
    assert.equal(h.insider, false);
    assert.deepEqual(
      h.not_given.map((n) => `${n.field}=${n.assumed}`),
      [
        'counts=各类 0 条',
        'illegal_gain_yuan=0 元',
        'insider=false',
        'sold_or_provided=false',
        'used_for_crime=false',
        'knew_buyer_criminal=false',
        'major_loss_or_bad_influence=false',
        'prior_criminal_record=false',
        'admin_penalty_within_2_years=false',
        'lawful_business_purchase=false',
        'first_offender=false',
        'returned_all_gains=false',
        'remorse=false',
        'consequence=无',
      ],
    );
    assert.deepEqual(h.ignored_fields, ['facts.json: holders[0].insdier']);
    assert.deepEqual(f.ignored_fields, ['facts.json: note']);
  });

  test('explicit null for a yes/no fact means "not given"; null consequence means none stated', () => {
    const h = parseHolderFacts({ name: 'x', insider: null, consequence: null }, 'p');
    assert.ok(h.not_given.some((n) => n.field === 'insider'));
    assert.equal(
      h.not_given.some((n) => n.field === 'consequence'),
      false,
    );
  });

  test('money: exact fen from yuan with up to two decimals', () => {
    assert.equal(parseHolderFacts({ name: 'x', illegal_gain_yuan: 9266.5 }, 'p').illegal_gain_fen, 926_650);
    assert.equal(parseHolderFacts({ name: 'x', illegal_gain_yuan: 4999.99 }, 'p').illegal_gain_fen, 499_999);
    assert.equal(parseHolderFacts({ name: 'x', illegal_gain_yuan: 0.07 }, 'p').illegal_gain_fen, 7);
  });

  test('profit_from_use_yuan is reported as not given only on a lawful-business purchase', () => {
    const h = parseHolderFacts({ name: 'x', lawful_business_purchase: true }, 'p');
    assert.ok(h.not_given.some((n) => n.field === 'profit_from_use_yuan'));
  });

  test('contested entry with defaults from the rulebook', () => {
    const h = parseHolderFacts(
      { name: 'x', counts: { general: 900 }, contested: [{ kind: 'bare_id_numbers', count: 800 }] },
      'p',
    );
    assert.deepEqual(h.contested[0], {
      kind: 'bare_id_numbers',
      count: 800,
      counted_as: 'general',
      alternatives: ['id_card'],
      support: null,
      label: null,
    });
  });
});

describe('parseFactsFile: refusals name the field', () => {
  test('unknown category id (the issue’s example message)', () => {
    refuses(
      one({ counts: { lodgin: 620 } }),
      'facts.json: holders[0].counts.lodgin: unknown category id (known: trajectory, communication_content, credit, property, lodging, communication_record, health, transaction, id_card, biometric, general)',
    );
  });
  test('negative, fractional and string counts', () => {
    refuses(
      one({ counts: { general: -5 } }),
      'facts.json: holders[0].counts.general: must not be negative (got -5)',
    );
    refuses(
      one({ counts: { general: 1.5 } }),
      'facts.json: holders[0].counts.general: must be a whole number of records (got 1.5)',
    );
    refuses(
      one({ counts: { general: '620' } }),
      'facts.json: holders[0].counts.general: must be a number of records (got string)',
    );
    refuses(
      one({ counts: [1] }),
      'facts.json: holders[0].counts: must be an object of category id → count (got array)',
    );
  });
  test('wrong types of facts', () => {
    refuses(
      one({ insider: 'yes' }),
      'facts.json: holders[0].insider: must be true, false or null (got string)',
    );
    refuses(
      one({ illegal_gain_yuan: '13000' }),
      'facts.json: holders[0].illegal_gain_yuan: must be an amount in yuan (got string)',
    );
    refuses(
      one({ illegal_gain_yuan: -1 }),
      'facts.json: holders[0].illegal_gain_yuan: must not be negative (got -1)',
    );
    refuses(
      one({ illegal_gain_yuan: 4999.995 }),
      'facts.json: holders[0].illegal_gain_yuan: must have at most two decimal places (got 4999.995)',
    );
    refuses(
      one({ consequence: 'injury' }),
      /holders\[0\]\.consequence: must be null or one of death, serious_injury/,
    );
    refuses(
      one({ other_serious: 5 }),
      'facts.json: holders[0].other_serious: must be a string or null (got number)',
    );
  });
  test('file structure', () => {
    refuses([], 'facts.json: must be a JSON object with "holders" (got array)');
    refuses({}, 'facts.json: holders: must be an array (got undefined)');
    refuses({ holders: [] }, 'facts.json: holders: must list at least one holder');
    refuses({ holders: [5] }, 'facts.json: holders[0]: must be an object (got number)');
    refuses({ holders: [{}] }, 'facts.json: holders[0].name: must be a non-empty string (got undefined)');
    refuses(
      { holders: [{ name: '甲' }, { name: '甲' }] },
      "facts.json: holders[1].name: duplicate holder name '甲' (also holders[0])",
    );
    refuses(
      { holders: [{ name: '甲' }], as_of: '2021-02-30' },
      'facts.json: as_of: must be a date YYYY-MM-DD (got "2021-02-30")',
    );
  });
  test('contested entries', () => {
    refuses(
      one({ counts: { general: 10 }, contested: [{ kind: 'bare_ids', count: 5 }] }),
      /contested\[0\]\.kind: unknown contested kind 'bare_ids' \(known: bare_id_numbers, /,
    );
    refuses(
      one({ counts: { general: 500 }, contested: [{ kind: 'bare_id_numbers', count: 800 }] }),
      'facts.json: holders[0].contested[0].count: contested records counted as general (800 in all) exceed counts.general (500)',
    );
    refuses(
      one({
        counts: { general: 10 },
        contested: [{ kind: 'bare_id_numbers', count: 5, alternative: 'idcard' }],
      }),
      /contested\[0\]\.alternative: unknown category id 'idcard'/,
    );
    refuses(
      one({
        counts: { general: 10 },
        contested: [{ kind: 'bare_id_numbers', count: 5, alternative: 'general' }],
      }),
      "facts.json: holders[0].contested[0].alternative: repeats counted_as 'general'",
    );
    refuses(
      one({
        counts: { general: 10 },
        contested: [{ kind: 'other', count: 5, counted_as: 'general', alternative: 'lodging' }],
      }),
      "facts.json: holders[0].contested[0].support: is required for kind 'other'",
    );
    const many = Array.from({ length: 9 }, () => ({ kind: 'bare_id_numbers', count: 1 }));
    refuses(
      one({ counts: { general: 10 }, contested: many }),
      'facts.json: holders[0].contested: 512 combinations of readings; at most 256 can be assessed',
    );
  });
  test('joint totals must include the holder’s own share', () => {
    refuses(
      one({ counts: { general: 100 }, joint: { counts: { general: 50 } } }),
      "facts.json: holders[0].joint.counts.general: (50) is less than the holder's own counts.general (100); joint totals include the holder's share",
    );
    refuses(
      one({ joint: {} }),
      'facts.json: holders[0].joint: must give counts and/or illegal_gain_yuan of the joint crime',
    );
  });
});
