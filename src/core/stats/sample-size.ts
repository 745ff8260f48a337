/**
 * @module core/stats/sample-size
 * Sample size by Cochran's formula with the finite-population correction, and proportional allocation of a
 * sample over strata by the largest-remainder (Hamilton) method (forensic-practice.md §6).
 */
import { normalQuantile } from './normal.js';

export interface CochranInput {
  /** Two-sided confidence level, e.g. 0.95. */
  readonly confidence: number;
  /** Margin of error (half-width), e.g. 0.05. */
  readonly margin: number;
  /** Population size (the sampling frame). */
  readonly population: number;
  /** Anticipated proportion; 0.5 (the default) gives the largest, most conservative size. */
  readonly proportion?: number;
}

export interface CochranResult {
  readonly z: number;
  /** n0 = z²·p(1−p)/e², before rounding. */
  readonly n0: number;
  /** n = ⌈n0 / (1 + (n0 − 1)/N)⌉, at most N. */
  readonly n: number;
  readonly population: number;
  readonly proportion: number;
}

/**
 * Cochran's sample size for estimating a proportion: n0 = z²·p(1−p)/e², corrected for a finite population N as
 * n = n0 / (1 + (n0 − 1)/N), rounded up (and never above N).
 * @example cochranSampleSize({ confidence: 0.95, margin: 0.05, population: 1e9 }).n // 385
 */
export function cochranSampleSize(input: CochranInput): CochranResult {
  const { confidence, margin, population } = input;
  const p = input.proportion ?? 0.5;
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!(margin > 0 && margin < 1)) throw new RangeError(`margin must be in (0, 1), got ${margin}`);
  if (!(p > 0 && p < 1)) throw new RangeError(`proportion must be in (0, 1), got ${p}`);
  if (!Number.isInteger(population) || population < 0) {
    throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  if (population === 0) return { z, n0, n: 0, population, proportion: p };
  // Rounding guard: values within 1e-9 of an integer are that integer (floating noise, not a real excess).
  const corrected = n0 / (1 + (n0 - 1) / population);
  const n = Math.min(population, Math.ceil(corrected - 1e-9));
  return { z, n0, n, population, proportion: p };
}

/**
 * Allocates `n` over strata in proportion to their sizes by the largest-remainder method: each stratum gets
 * ⌊n·N_h/N⌋, and the units still missing go one each to the strata with the largest remainders n·N_h mod N
 * (ties: the larger stratum, then the earlier one in the given order). Exact integer arithmetic; Σ = n and
 * every n_h ≤ N_h.
 * @example allocateProportional(10, [5, 3, 2]) // [5, 3, 2]
 */
export function allocateProportional(n: number, sizes: readonly number[]): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(n) || n < 0 || n > total) {
    throw new RangeError(`cannot allocate ${n} over strata totalling ${total}`);
  }
  if (total === 0) return sizes.map(() => 0);
  const bn = BigInt(n);
  const bt = BigInt(total);
  const parts = sizes.map((s, i) => {
    if (!Number.isInteger(s) || s < 0)
      throw new RangeError(`stratum size must be a whole number ≥ 0, got ${s}`);
    const q = bn * BigInt(s);
    return { i, size: s, base: Number(q / bt), rem: q % bt };
  });
  let missing = n - parts.reduce((a, p) => a + p.base, 0);
  const order = [...parts].sort((a, b) => {
    if (a.rem !== b.rem) return a.rem > b.rem ? -1 : 1;
    if (a.size !== b.size) return b.size - a.size;
    return a.i - b.i;
  });
  const out = parts.map((p) => p.base);
  for (const p of order) {
    if (missing === 0) break;
    if (out[p.i]! < p.size) {
      out[p.i]! += 1;
      missing--;
    }
  }
  return out;
}
