import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, test } from 'node:test';
import { ConfigError, UsageError } from '../../core/errors.js';
import type { Assessment } from '../../law/assessment.js';
import { main } from '../index.js';
import { EXIT_USAGE, exitCodeFor, type Io } from '../output.js';
import { assessCommand } from './assess.js';

const dir = mkdtempSync(join(tmpdir(), 'xinjian-assess-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function io(): { io: Io; out: () => string } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  return {
    io: { out, err: new PassThrough(), isTTY: false },
    out: () => Buffer.concat(chunks).toString('utf8'),
  };
}

function write(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content), 'utf8');
  return p;
}

const FACTS = {
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
};

describe('xinjian assess', () => {
  test('--json prints the assessment with the documented per-holder fields', async () => {
    const t = io();
    const code = await assessCommand.run(
      { values: { facts: write('f.json', FACTS), json: true }, positionals: [] },
      t.io,
    );
    assert.equal(code, 0);
    const a = JSON.parse(t.out()) as Assessment;
    const h = a.holders[0]!;
    assert.equal(h.name, '张某');
    assert.equal(h.severity, 'serious');
    for (const k of [
      'triggers',
      'penalty_range',
      'fine_guidance',
      'aggravations',
      'mitigations',
      'alternatives',
    ]) {
      assert.ok(k in h, k);
    }
    assert.deepEqual(
      h.triggers.map((x) => x.rule),
      ['interp2017.art5.p1.i4', 'interp2017.art5.p1.i5', 'interp2017.art5.p1.i7'],
    );
    assert.ok(h.triggers.every((x) => x.citation.length > 0 && x.working.length > 0));
  });

  test('without --json prints the Chinese rendering', async () => {
    const t = io();
    await assessCommand.run(
      { values: { facts: write('f2.json', `\uFEFF${JSON.stringify(FACTS)}`) }, positionals: [] },
      t.io,
    );
    assert.match(t.out(), /━━ 1\. 张某 ━━\n结论：情节严重\n/);
  });

  test('a bad facts file is refused naming the field, with exit code 2', async () => {
    const bad = write('bad.json', { holders: [{ name: '张某', counts: { lodgin: 620 } }] });
    await assert.rejects(
      () => assessCommand.run({ values: { facts: bad }, positionals: [] }, io().io),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.ok(
          e.message.startsWith(`${bad}: holders[0].counts.lodgin: unknown category id (known: trajectory, `),
        );
        assert.equal(exitCodeFor(e), EXIT_USAGE);
        return true;
      },
    );
    for (const [name, content, msg] of [
      [
        'neg.json',
        { holders: [{ name: 'a', counts: { general: -1 } }] },
        /holders\[0\]\.counts\.general: must not be negative/,
      ],
      [
        'type.json',
        { holders: [{ name: 'a', insider: 'no' }] },
        /holders\[0\]\.insider: must be true, false or null/,
      ],
      ['syntax.json', '{"holders": [', /syntax\.json: not valid JSON/],
    ] as const) {
      await assert.rejects(
        () => assessCommand.run({ values: { facts: write(name, content) }, positionals: [] }, io().io),
        (e: unknown) => e instanceof ConfigError && msg.test(e.message) && exitCodeFor(e) === EXIT_USAGE,
      );
    }
  });

  test('missing file and missing --facts', async () => {
    await assert.rejects(
      () => assessCommand.run({ values: { facts: join(dir, 'nope.json') }, positionals: [] }, io().io),
      (e: unknown) => e instanceof ConfigError && /cannot read the facts file/.test(e.message),
    );
    await assert.rejects(
      () => assessCommand.run({ values: {}, positionals: [] }, io().io),
      (e: unknown) => e instanceof UsageError && exitCodeFor(e) === EXIT_USAGE,
    );
  });

  test('through the dispatcher: registered, and a bad file exits 2 with the field named', async () => {
    const t = io();
    const bad = write('bad2.json', { holders: [{ name: '张某', counts: { lodgin: 620 } }] });
    assert.equal(await main(['assess', '--facts', bad], t.io), EXIT_USAGE);
    const good = io();
    assert.equal(await main(['assess', '--facts', write('ok.json', FACTS), '--json'], good.io), 0);
    assert.equal((JSON.parse(good.out()) as Assessment).holders[0]?.severity, 'serious');
  });
});
