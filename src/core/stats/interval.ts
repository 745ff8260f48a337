/**
 * @module core/stats/interval
 * Exact binomial confidence intervals (Clopper & Pearson, Biometrika 1934) and the zero-failure upper bound
 * ("rule of three", Eypasch et al., BMJ 1995; Jovanovic & Levy, Am. Stat. 1997), as forensic-practice.md §6
 * requires for authenticity rates: n sampled, k verified true, p̂ = k/n, [L, U].
 */
import { inverseRegularizedBeta } from './beta.js';

export interface BinomialInterval {
  readonly n: number;
  readonly k: number;
  /** k / n (null when n = 0). */
  readonly estimate: number | null;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`need whole numbers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
}

function checkConfidence(c: number): void {
  if (!(c > 0 && c < 1)) throw new RangeError(`confidence must be in (0, 1), got ${c}`);
}

/**
 * Two-sided exact interval at `confidence` (α = 1 − confidence, α/2 in each tail):
 * L = B⁻¹(α/2; k, n−k+1) (0 when k = 0), U = B⁻¹(1−α/2; k+1, n−k) (1 when k = n).
 * The edge cases use their closed forms: k = n → L = (α/2)^(1/n); k = 0 → U = 1 − (α/2)^(1/n).
 * @example clopperPearson(10, 10, 0.95).lower // 0.6915029...
 */
export function clopperPearson(k: number, n: number, confidence: number): BinomialInterval {
  checkCounts(k, n);
  checkConfidence(confidence);
  const half = (1 - confidence) / 2;
  if (n === 0) return { n, k, estimate: null, lower: 0, upper: 1, confidence };
  const lower = k === 0 ? 0 : k === n ? half ** (1 / n) : inverseRegularizedBeta(half, k, n - k + 1);
  const upper = k === n ? 1 : k === 0 ? 1 - half ** (1 / n) : inverseRegularizedBeta(1 - half, k + 1, n - k);
  return { n, k, estimate: k / n, lower, upper, confidence };
}

/**
 * With no failure among n checked, the one-sided upper bound on the failure rate at `confidence`:
 * 1 − (1 − confidence)^(1/n), which is ≈ 3/n at 95 % (the "rule of three").
 * @example zeroFailureUpperBound(385, 0.95) // 0.00775...
 */
export function zeroFailureUpperBound(n: number, confidence: number): number {
  checkConfidence(confidence);
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`n must be a positive whole number, got ${n}`);
  return 1 - (1 - confidence) ** (1 / n);
}
