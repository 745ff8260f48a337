/**
 * A file that changes while it is being read counts for nothing: it is hashed before and after reading, and a
 * different hash fails the item (with both hashes) and leaves every other item's figures as they were.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gb11643CheckChar } from '../detect/validators/gb11643.js';
import { analyzeCase } from './analyze.js';

let dir = '';
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function rows(n: number, from: number): string {
  const out = ['姓名,身份证号'];
  for (let i = from; i < from + n; i++) {
    const id17 = `3201021980010${1 + Math.floor(i / 1000)}${String(i % 1000).padStart(3, '0')}`;
    out.push(`张伟,${id17}${gb11643CheckChar(id17)}`);
  }
  return `${out.join('\n')}\n`;
}

for (const workers of [0, 2]) {
  test(`a file changed while read fails with both hashes; the others count as before (workers ${workers})`, async () => {
    dir = await mkdtemp(join(tmpdir(), 'xinjian-changed-'));
    const ev = join(dir, 'evidence');
    await mkdir(ev, { recursive: true });
    await writeFile(join(ev, 'a.csv'), rows(300, 0));
    await writeFile(join(ev, 'b.csv'), rows(200, 1000));
    const r = await analyzeCase({
      evidenceRoot: ev,
      outDir: join(dir, 'out'),
      analysisDate: '2026-01-01',
      workers,
      // The read of b.csv has begun (or ended) when its item starts; the hash after reading comes later.
      onEvent: (e) => {
        if (e.type === 'item_start' && e.path === 'b.csv') appendFileSync(join(ev, 'b.csv'), 'x,y\n');
      },
    });
    const b = r.summary.items.find((i) => i.path === 'b.csv')!;
    assert.match(
      b.error ?? '',
      /changed while it was being read \(SHA-256 [0-9a-f]{64} before, [0-9a-f]{64} after\)/,
    );
    assert.equal(b.records, 0);
    assert.equal(r.failedItems, 1);
    assert.equal(r.summary.totals.records, 300);
    assert.equal(r.summary.totals.valid, 300);
    await rm(dir, { recursive: true, force: true });
    dir = '';
  });
}
