import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CustodyLog, GENESIS, verifyCustodyChain } from './custody.js';

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
});
