/**
 * @module cli/run.fixtures
 * For tests: runs the CLI in this process with captured output streams (not a terminal).
 */
import { PassThrough } from 'node:stream';
import { main } from './index.js';

export async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => {
    o += c;
  });
  err.on('data', (c) => {
    e += c;
  });
  const code = await main(argv, { out, err, isTTY: false });
  return { code, out: o, err: e };
}
