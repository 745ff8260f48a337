import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allocateProportional,
  clopperPearson,
  cochranSampleSize,
  inverseRegularizedBeta,
  normalQuantile,
  regularizedBeta,
  zeroFailureUpperBound,
} from './index.js';

const close = (a: number, b: number, tol: number, what = '') =>
  assert.ok(Math.abs(a - b) <= tol, `${what} ${a} ≉ ${b} (tol ${tol})`);

/** P(X ≥ k) for X ~ Bin(n, p), summed directly in log space: an independent check of the beta inversion. */
function upperTail(k: number, n: number, p: number): number {
  let lnC = 0; // ln C(n, 0)
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) lnC += Math.log(n - i + 1) - Math.log(i);
    if (i >= k) sum += Math.exp(lnC + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return sum;
}

describe('normal quantile', () => {
  test('matches tabulated z values', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-12, 'z95');
    close(normalQuantile(0.995), 2.5758293035489, 1e-11, 'z99');
    close(normalQuantile(0.95), 1.6448536269514722, 1e-12, 'z90');
    close(normalQuantile(0.5), 0, 1e-15, 'median');
    close(normalQuantile(0.001), -3.090232306167813, 1e-10, 'tail');
  });
});

describe('incomplete beta', () => {
  test('known identities', () => {
    close(regularizedBeta(0.5, 2, 2), 0.5, 1e-14);
    close(regularizedBeta(0.3, 1, 1), 0.3, 1e-14);
    close(regularizedBeta(0.7, 4, 1), 0.7 ** 4, 1e-14);
    close(regularizedBeta(0.2, 1, 3), 1 - 0.8 ** 3, 1e-14);
    assert.equal(regularizedBeta(0, 3, 4), 0);
    assert.equal(regularizedBeta(1, 3, 4), 1);
  });
  test('inverse is the inverse', () => {
    for (const [p, a, b] of [
      [0.025, 5, 6],
      [0.975, 380, 6],
      [0.5, 1000, 3],
      [0.001, 2, 900],
    ] as const) {
      close(regularizedBeta(inverseRegularizedBeta(p, a, b), a, b), p, 1e-12, `${p},${a},${b}`);
    }
  });
});

describe('Clopper–Pearson', () => {
  test('all verified true: L = (α/2)^(1/n)', () => {
    close(clopperPearson(10, 10, 0.95).lower, 0.6915029, 1e-7, 'n=10');
    assert.equal(clopperPearson(10, 10, 0.95).upper, 1);
    const big = clopperPearson(385, 385, 0.95);
    close(big.lower, 0.025 ** (1 / 385), 1e-15);
    // scipy.stats.beta.ppf(0.025, 385, 1) = 0.990464251289245
    close(big.lower, 0.990464251289245, 1e-13);
  });
  test('none verified true: [0, 1 − (α/2)^(1/n)]', () => {
    const r = clopperPearson(0, 10, 0.95);
    assert.equal(r.lower, 0);
    close(r.upper, 1 - 0.025 ** (1 / 10), 1e-15);
    close(r.upper, 0.3084971, 1e-7);
    assert.equal(r.estimate, 0);
  });
  test('reference values (scipy.stats.beta.ppf)', () => {
    const a = clopperPearson(5, 10, 0.95);
    close(a.lower, 0.187086, 1e-6);
    close(a.upper, 0.812914, 1e-6);
    const b = clopperPearson(95, 100, 0.95);
    close(b.lower, 0.8871650888945373, 1e-12);
    close(b.upper, 0.9835681208179479, 1e-12);
  });
  test('bounds solve the binomial tail equations (independent check)', () => {
    for (const [k, n] of [
      [1, 1],
      [3, 7],
      [380, 385],
      [1000, 1068],
      [2, 2401],
    ] as const) {
      const r = clopperPearson(k, n, 0.95);
      if (k > 0) close(upperTail(k, n, r.lower), 0.025, 1e-9, `L k=${k} n=${n}`);
      if (k < n) close(1 - upperTail(k + 1, n, r.upper), 0.025, 1e-9, `U k=${k} n=${n}`);
      assert.ok(r.lower <= k / n && k / n <= r.upper);
    }
  });
  test('n = 0 gives the uninformative interval; bad counts are refused', () => {
    assert.deepEqual(clopperPearson(0, 0, 0.95), {
      n: 0,
      k: 0,
      estimate: null,
      lower: 0,
      upper: 1,
      confidence: 0.95,
    });
    assert.throws(() => clopperPearson(3, 2, 0.95), RangeError);
    assert.throws(() => clopperPearson(1, 2, 1), RangeError);
  });
  test('rule of three', () => {
    close(zeroFailureUpperBound(385, 0.95), 1 - 0.05 ** (1 / 385), 1e-15);
    close(zeroFailureUpperBound(300, 0.95), 3 / 300, 0.0002);
  });
});

describe('Cochran with finite-population correction', () => {
  test('textbook sizes for p = 0.5 at 95 %', () => {
    const n = (margin: number, population = 1e12) =>
      cochranSampleSize({ confidence: 0.95, margin, population }).n;
    assert.equal(n(0.05), 385);
    assert.equal(n(0.03), 1068);
    assert.equal(n(0.02), 2401);
    assert.equal(n(0.01), 9604);
    assert.equal(n(0.05, 1000), 278);
    assert.equal(n(0.05, 100), 80);
    assert.equal(n(0.05, 1), 1);
    assert.equal(n(0.05, 0), 0);
    assert.equal(cochranSampleSize({ confidence: 0.99, margin: 0.05, population: 1e12 }).n, 664);
    close(cochranSampleSize({ confidence: 0.95, margin: 0.05, population: 10 }).n0, 384.1458820694124, 1e-9);
  });
  test('never above the population', () => {
    for (let N = 1; N < 400; N += 7) {
      const n = cochranSampleSize({ confidence: 0.95, margin: 0.05, population: N }).n;
      assert.ok(n >= 1 && n <= N, `N=${N} n=${n}`);
    }
  });
});

describe('proportional allocation (largest remainder)', () => {
  test('exact proportions stay exact', () => {
    assert.deepEqual(allocateProportional(10, [5, 3, 2]), [5, 3, 2]);
    assert.deepEqual(allocateProportional(5, [50, 30, 20]), [3, 1, 1]);
  });
  test('remainders decide, ties go to the larger then the earlier stratum', () => {
    assert.deepEqual(allocateProportional(2, [1, 1, 1]), [1, 1, 0]);
    assert.deepEqual(allocateProportional(1, [2, 3]), [0, 1]);
    assert.deepEqual(allocateProportional(385, [1_000_000, 1]), [385, 0]);
  });
  test('sums to n and respects stratum sizes', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let t = 0; t < 200; t++) {
      const sizes = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 5000));
      const total = sizes.reduce((a, b) => a + b, 0);
      const n = Math.floor(rnd() * (total + 1));
      const out = allocateProportional(n, sizes);
      assert.equal(
        out.reduce((a, b) => a + b, 0),
        n,
      );
      out.forEach((x, i) => {
        assert.ok(x <= sizes[i]!);
        assert.ok(Math.abs(x - (n * sizes[i]!) / (total || 1)) < 1 + 1e-9);
      });
    }
    assert.throws(() => allocateProportional(4, [1, 2]), RangeError);
  });
});
