import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { StagingWriter } from './staging.js';

test('staging bytes equal Buffer UTF-8 encoding of the same rows (any text, any sizes)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xj-staging-'));
  try {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 5 }), { maxLength: 30 }),
        async (rows) => {
          const path = join(dir, `${n++}.tsv`);
          const w = new StagingWriter(path);
          let expected = '';
          for (const row of rows) {
            w.putRow(`${row.join('')}${row.length}\n`);
            expected += `${row.join('')}${row.length}\n`;
            if (w.full) await w.flush();
          }
          await w.close();
          assert.equal(w.rows, rows.length);
          assert.deepEqual(await readFile(path), Buffer.from(expected, 'utf8'));
        },
      ),
      { numRuns: 300 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('staging handles rows larger than its buffer and many flushes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xj-staging-'));
  try {
    const path = join(dir, 'big.tsv');
    const w = new StagingWriter(path);
    const big = '张'.repeat(700_000); // 2.1 MB of UTF-8 in one piece
    w.putRow(`a\t${big}\n`);
    for (let i = 0; i < 100_000; i++) {
      w.putRow(`${i}\t𠀀\tx\n`);
      if (w.full) await w.flush();
    }
    await w.close();
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    assert.equal(lines.length, 100_002);
    assert.equal(lines[0], `a\t${big}`);
    assert.equal(lines[100_000], '99999\t𠀀\tx');
    assert.equal(w.rows, 100_001);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('staging refuses a row without its newline (rows are joined before encoding)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xj-staging-'));
  try {
    const path = join(dir, 'rows.tsv');
    const w = new StagingWriter(path);
    assert.throws(() => w.putRow('a\tb'), /must end with a newline/);
    assert.throws(() => w.putRow(''), /must end with a newline/);
    // Lone surrogates at a row's end and the next row's start stay two replacement characters, as when each row
    // is encoded on its own.
    w.putRow('x\ud800\n');
    w.putRow('\udc00y\n');
    await w.close();
    assert.equal(w.rows, 2);
    assert.deepEqual(
      await readFile(path),
      Buffer.concat([Buffer.from('x\ud800\n', 'utf8'), Buffer.from('\udc00y\n', 'utf8')]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
