/**
 * @module bench/duckdb-child
 * The DuckDB baseline as its own process, so that its time and peak RSS are measured like the other tools':
 * `node dist/bench/duckdb-child.js SPEC.json` prints `{"lines":…,"distinct":…,"engine":…}` on standard output.
 */
import { readFile } from 'node:fs/promises';
import {
  countDistinctLines,
  type DistinctLinesOptions,
  type LineFile,
} from '../engine/duckdb/distinct-lines.js';

export interface DuckdbSpec extends DistinctLinesOptions {
  readonly files: readonly LineFile[];
}

try {
  const specPath = process.argv[2];
  if (!specPath) throw new Error('usage: duckdb-child.js SPEC.json');
  const spec = JSON.parse(await readFile(specPath, 'utf8')) as DuckdbSpec;
  const result = await countDistinctLines(spec.files, spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (e) {
  process.stderr.write(`duckdb baseline: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
