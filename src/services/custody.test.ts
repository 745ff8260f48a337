import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CustodyLog, GENESIS, readCustodyLog, verifyCustodyChain } from './custody.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinjian-custody-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('custody log', () => {
  test('entries chain by hash, carry tool/user/time, and survive reopening', async () => {
    const p = join(dir, 'a.jsonl');
    const log = await CustodyLog.open(p);
    log.setEngine('duckdb v1.5.6');
    await log.append('analysis_started', { details: { x: 1 } });
    await log.append('item_hashed', { item: 'a.csv', sha256: 'ab'.repeat(32), bytes: 10 });
    const again = await CustodyLog.open(p);
    await again.append('analysis_finished');
    const text = await readFile(p, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.deepEqual(
      lines.map((l) => l.seq),
      [1, 2, 3],
    );
    assert.equal(lines[0].prev, GENESIS);
    assert.match(lines[0].tool, /^xinjian \d+\.\d+\.\d+/);
    assert.equal(lines[1].engine, 'duckdb v1.5.6');
    assert.equal(lines[1].item, 'a.csv');
    assert.ok(typeof lines[0].user === 'string' && lines[0].user.length > 0);
    assert.ok(!Number.isNaN(Date.parse(lines[0].time)));
    assert.equal(verifyCustodyChain(text).ok, true);
  });

  test('editing any entry breaks the chain at the next line, and the log is refused', async () => {
    const p = join(dir, 'b.jsonl');
    const log = await CustodyLog.open(p);
    await log.append('one');
    await log.append('two');
    await log.append('three');
    const text = await readFile(p, 'utf8');
    const tampered = text.replace('"action":"one"', '"action":"uno"');
    const check = verifyCustodyChain(tampered);
    assert.equal(check.ok, false);
    assert.equal(check.brokenAt, 2);
    await writeFile(p, tampered);
    await assert.rejects(CustodyLog.open(p), /broken at line 2/);
  });

  test('removing an entry is detected', async () => {
    const p = join(dir, 'c.jsonl');
    const log = await CustodyLog.open(p);
    await log.append('one');
    await log.append('two');
    await log.append('three');
    const lines = (await readFile(p, 'utf8')).trim().split('\n');
    const check = verifyCustodyChain(`${[lines[0], lines[2]].join('\n')}\n`);
    assert.equal(check.ok, false);
    assert.equal(check.brokenAt, 2);
  });

  test('entries name the machine, the run and the runtime', async () => {
    const p = join(dir, 'd.jsonl');
    const a = await CustodyLog.open(p);
    await a.append('one');
    const b = await CustodyLog.open(p);
    await b.append('two');
    const [e1, e2] = (await readCustodyLog(p)).entries;
    assert.ok(e1?.host && e1.host.length > 0);
    assert.match(e1?.runtime ?? '', /^node v\d+\.\d+\.\d+ \w+ \w+$/);
    assert.notEqual(e1?.run, e2?.run);
    assert.equal(e1?.run, a.run);
  });
});

/** A log of three entries (one with Chinese text, so a cut can fall inside a character) and the fourth's line. */
async function logWithFourthLine(name: string): Promise<{ p: string; base: Buffer; fourth: Buffer }> {
  const p = join(dir, name);
  const log = await CustodyLog.open(p);
  await log.append('one');
  await log.append('two', { item: '通讯录/名单.csv' });
  await log.append('three');
  const base = await readFile(p);
  await log.append('four', { item: '快递/面单.csv', details: { records: 12 } });
  const fourth = (await readFile(p)).subarray(base.length);
  await writeFile(p, base);
  return { p, base, fourth };
}

describe('custody log: interrupted writes', () => {
  test('a cut at any byte of the last entry is kept and recorded by a recovered entry', async () => {
    const { p, base, fourth } = await logWithFourthLine('cut.jsonl');
    assert.equal(fourth[fourth.length - 1], 0x0a);
    for (let cut = 1; cut < fourth.length; cut++) {
      const partial = fourth.subarray(0, cut);
      await writeFile(p, Buffer.concat([base, partial]));
      const before = verifyCustodyChain(await readFile(p));
      if (cut === fourth.length - 1) {
        // only the newline is missing: a complete entry
        assert.equal(before.ok, true);
        assert.equal(before.unterminated, true);
      } else {
        assert.equal(before.ok, false, `cut ${cut}`);
        assert.equal(before.partialTail?.bytes, cut);
        assert.equal(before.brokenAt, 4);
      }
      const log = await CustodyLog.open(p);
      await log.append('next');
      const after = await readFile(p);
      assert.ok(
        after.subarray(0, base.length + cut).equals(Buffer.concat([base, partial])),
        'history kept byte for byte',
      );
      const check = verifyCustodyChain(after);
      assert.equal(check.ok, true, `cut ${cut}: ${check.reason}`);
      if (cut < fourth.length - 1) {
        assert.equal(check.recoveries, 1);
        assert.equal(check.entries, 5);
        const { entries } = await readCustodyLog(p);
        const rec = entries.find((e) => e.action === 'recovered')!;
        assert.equal(rec.seq, 4);
        assert.equal(rec.details?.['partial_bytes'], cut);
        assert.equal(rec.details?.['partial_sha256'], createHash('sha256').update(partial).digest('hex'));
        assert.equal(
          rec.prev,
          createHash('sha256')
            .update(base.subarray(base.lastIndexOf(0x0a, base.length - 2) + 1, base.length - 1))
            .digest('hex'),
        );
      } else {
        assert.equal(check.entries, 5);
        assert.equal(check.recoveries, 0);
      }
    }
  });

  test('a kill during the recovery itself is recovered on the next open', async () => {
    const { p, base, fourth } = await logWithFourthLine('twice.jsonl');
    await writeFile(p, Buffer.concat([base, fourth.subarray(0, 40)]));
    await CustodyLog.open(p);
    const recovered = await readFile(p);
    // cut the recovered entry's own write
    await writeFile(p, recovered.subarray(0, base.length + 40 + 30));
    const log = await CustodyLog.open(p);
    await log.append('next');
    const check = verifyCustodyChain(await readFile(p));
    assert.equal(check.ok, true, check.reason);
    assert.equal(check.recoveries, 1);
  });

  test('nothing else is accepted: removed or edited partial bytes, a bare recovered entry, garbage in the middle', async () => {
    const { p, base, fourth } = await logWithFourthLine('strict.jsonl');
    const partial = fourth.subarray(0, 50);
    await writeFile(p, Buffer.concat([base, partial]));
    await (await CustodyLog.open(p)).append('next');
    const good = await readFile(p);
    assert.equal(verifyCustodyChain(good).ok, true);
    const lines = good.toString('utf8').split('\n');
    // remove the partial line: the recovered entry has nothing to record
    const removed = verifyCustodyChain([...lines.slice(0, 3), ...lines.slice(4)].join('\n'));
    assert.equal(removed.ok, false);
    assert.match(removed.reason ?? '', /recovered entry without the interrupted write/);
    // edit the partial bytes
    const edited = Buffer.from(good);
    edited[base.length + 10] = edited[base.length + 10]! ^ 1;
    const e = verifyCustodyChain(edited);
    assert.equal(e.ok, false);
    assert.equal(e.brokenAt, 4);
    // a non-JSON line in the middle, not recorded
    const garbage = [...lines.slice(0, 2), 'garbage', ...lines.slice(2)].join('\n');
    assert.equal(verifyCustodyChain(garbage).ok, false);
    await writeFile(p, garbage);
    await assert.rejects(CustodyLog.open(p), /broken at line 3/);
    // a partial line followed by an ordinary entry (not a recovered one)
    const notRecovered = [...lines.slice(0, 3), 'partial{"seq"', lines[6]!, ''].join('\n');
    assert.equal(verifyCustodyChain(notRecovered).ok, false);
  });
});
