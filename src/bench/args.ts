/**
 * @module bench/args
 * The benchmark's command line: `npm run bench [-- --records N] [--seed S] [--dir DIR] [--keep]`.
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { MAX_RECORDS, MIN_RECORDS } from '../demo/generate.js';

export const DEFAULT_RECORDS = 10_000_000;
export const DEFAULT_SEED = 1;

export const BENCH_USAGE = `Usage: npm run bench [-- --records N] [--seed S] [--dir DIR] [--keep]

Generates a demo case of N records (src/demo/generate.ts, with its truth.json) and times, on the same files:
wc -l (the I/O floor), LC_ALL=C sort -u | wc -l, DuckDB's count(DISTINCT line) and xinjian analyze. Prints a
table, checks xinjian's summary.json against truth.json and writes bench/results.json.

Options:
  --records N   records to generate (default 10m; ${MIN_RECORDS}–${MAX_RECORDS}): 1000000, 1_000_000, 1e6, 1m,
                1M, 250k, 1.5m
  --seed S      generator seed, a whole number (default ${DEFAULT_SEED})
  --dir DIR     work folder; the generated case in it is kept and reused by a later run with the same N and
                seed (default: a fresh folder under the system temp folder, removed afterwards)
  --keep        keep the whole work folder, also the xinjian output and DuckDB's temporary files

Exit codes: 0 all ran and xinjian's counts equal the truth; 1 a count differs, a tool failed or a check failed;
2 bad command line.`;

export interface BenchArgs {
  readonly records: number;
  readonly seed: number;
  readonly dir: string | undefined;
  readonly keep: boolean;
  readonly help: boolean;
}

const SUFFIX: Readonly<Record<string, number>> = { '': 0, k: 3, m: 6, g: 9, b: 9 };

/**
 * A record count as people write it: `10000000`, `10_000_000`, `10,000,000`, `1e7`, `10m`, `10M`, `250k`, `1.5m`,
 * `2.5e6`. Exact (no floating point); the result must be a whole, positive, safe integer.
 */
export function parseCount(text: string): number {
  const t = text.trim().toLowerCase();
  const m = /^(\d+(?:[_,]\d+)*)(?:\.(\d+))?(?:e\+?(\d+))?([kmgb]?)$/u.exec(t);
  if (!m) throw new UsageError(`not a count: '${text}' (write e.g. 1000000, 1e6, 1m or 250k)`);
  const [, whole = '', frac = '', exp = '0', suffix = ''] = m;
  if (Number(exp) > 30) throw new UsageError(`count out of range: '${text}'`);
  const digits = BigInt(whole.replaceAll(/[_,]/gu, '') + frac);
  const shift = Number(exp) + SUFFIX[suffix]! - frac.length;
  let value: bigint;
  if (shift >= 0) value = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    if (digits % div !== 0n) throw new UsageError(`not a whole number: '${text}'`);
    value = digits / div;
  }
  if (value <= 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(`count out of range: '${text}'`);
  }
  return Number(value);
}

const OPTIONS = {
  records: { type: 'string' },
  seed: { type: 'string' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const parse = () => {
    try {
      return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: false, strict: true }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  const v = parse();
  const records = v.records === undefined ? DEFAULT_RECORDS : parseCount(v.records);
  if (records < MIN_RECORDS || records > MAX_RECORDS) {
    throw new UsageError(`--records must be from ${MIN_RECORDS} to ${MAX_RECORDS}, got ${records}`);
  }
  let seed = DEFAULT_SEED;
  if (v.seed !== undefined) {
    if (!/^-?\d+$/u.test(v.seed) || !Number.isSafeInteger(Number(v.seed))) {
      throw new UsageError(`--seed must be a whole number, got '${v.seed}'`);
    }
    seed = Number(v.seed);
  }
  if (v.dir !== undefined && v.dir.trim() === '') throw new UsageError('--dir needs a folder');
  return { records, seed, dir: v.dir, keep: v.keep ?? false, help: v.help ?? false };
}
