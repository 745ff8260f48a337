import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { parseArgs } from 'node:util';
import { demoCommand } from '../cli/commands/demo.js';
import { UsageError } from '../core/errors.js';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  return { io: { out, err, isTTY: false }, text: () => chunks.join('') };
}

function parse(argv: string[]) {
  const p = parseArgs({ args: argv, options: demoCommand.options, allowPositionals: true, strict: true });
  return { values: p.values, positionals: p.positionals };
}

test('xinjian demo DIR --records N --seed S writes the case and prints a summary', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'xinjian-demo-cli-'));
  try {
    const o = io();
    const code = await demoCommand.run(parse([dir, '--records', '600', '--seed', '9']), o.io);
    assert.equal(code, 0);
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8'));
    assert.deepEqual(truth.generator, { seed: 9, records: 600, analysis_date: '2026-01-01' });
    const text = o.text();
    assert.match(text, /演示案例已生成 \/ demo case written/u);
    assert.match(text, /600 条记录 records/u);
    assert.match(text, new RegExp(`完全重复 exact duplicates ${truth.totals.exact_duplicates}\\n`, 'u'));
    assert.match(text, /住宿信息 lodging \(tier 2\)/u);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('xinjian demo: usage errors', async () => {
  const o = io();
  await assert.rejects(demoCommand.run(parse([]), o.io), UsageError);
  await assert.rejects(demoCommand.run(parse(['x', '--records', '1e5']), o.io), UsageError);
  await assert.rejects(demoCommand.run(parse(['x', '--records', '50']), o.io), UsageError);
});
