import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidPoints, type PercentilePoint, quantileAt, quantileMean } from '../../sim/trace/percentiles.ts';
import { hashFraction, logGamma, poisson } from '../../sim/trace/random.ts';
import { stream } from '../../sim/workload/streams.ts';
import { F2019, FIXTURES } from './helpers.ts';

const DUR_QS = [0, 0.01, 0.25, 0.5, 0.75, 0.99, 1];
const MEM_QS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1];

/** Empirical quantile of sorted draws at level q (the smallest x with F(x) >= q). */
function empirical(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function draw(points: PercentilePoint[], n: number, seed: string): Float64Array {
  const u = stream(seed, 'test/percentiles');
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = quantileAt(points, u());
  return xs.sort();
}

describe('inverse-CDF interpolation between percentiles', () => {
  it('hits every given point exactly and interpolates linearly between them', () => {
    const pts = DUR_QS.map((q, i) => ({ q, value: [10, 20, 50, 100, 150, 400, 500][i] }));
    for (const p of pts) expect(quantileAt(pts, p.q)).toBe(p.value);
    expect(quantileAt(pts, 0.375)).toBeCloseTo(75, 10);
    expect(quantileAt(pts, 0.995)).toBeCloseTo(450, 10);
  });

  it('clamps the tails: below the first level the first value, above the last level the last value', () => {
    const pts = MEM_QS.map((q, i) => ({ q, value: [40, 41, 45, 50, 55, 60, 61, 62][i] }));
    expect(quantileAt(pts, 0)).toBe(40);
    expect(quantileAt(pts, 0.005)).toBe(40);
    const partial = [
      { q: 0.25, value: 1 },
      { q: 0.75, value: 3 },
    ];
    expect(quantileAt(partial, 0.9)).toBe(3);
    expect(quantileMean(partial)).toBeCloseTo(0.25 * 1 + 0.5 * 2 + 0.25 * 3, 12);
  });

  it('draws reproduce the percentile columns of real fixture rows (durations and memory)', () => {
    const dur = readFileSync(join(FIXTURES, F2019, 'durations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1, 6);
    const mem = readFileSync(join(FIXTURES, F2019, 'memory.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1, 6);
    const rows: PercentilePoint[][] = [
      ...dur.map((l) =>
        l
          .split(',')
          .slice(7, 14)
          .map((v, i) => ({ q: DUR_QS[i], value: Number(v) })),
      ),
      ...mem.map((l) =>
        l
          .split(',')
          .slice(5, 13)
          .map((v, i) => ({ q: MEM_QS[i], value: Number(v) })),
      ),
    ];
    rows.forEach((pts, r) => {
      expect(invalidPoints(pts)).toBeNull();
      const xs = draw(pts, 200_000, `row${r}`);
      const span = pts[pts.length - 1].value - pts[0].value || 1;
      for (const p of pts) {
        if (p.q === 0 || p.q === 1) continue;
        // Tolerance: the value a +-0.5% shift of level would give, plus a sliver of the range.
        const lo = quantileAt(pts, Math.max(0, p.q - 0.005));
        const hi = quantileAt(pts, Math.min(0.999999, p.q + 0.005));
        const got = empirical(xs, p.q);
        expect(got).toBeGreaterThanOrEqual(lo - 1e-9 * span);
        expect(got).toBeLessThanOrEqual(hi + 1e-9 * span);
      }
      // The sample mean matches the analytic mean of the interpolated distribution.
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(Math.abs(mean - quantileMean(pts))).toBeLessThan(0.02 * span + 1e-9);
      // All draws lie within [first value, last value].
      expect(xs[0]).toBeGreaterThanOrEqual(pts[0].value);
      expect(xs[xs.length - 1]).toBeLessThanOrEqual(pts[pts.length - 1].value);
    });
  });

  it('is monotone in u and bounded by the extreme values (property)', () => {
    const pointsArb = fc
      .uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 })
      .chain((qs) =>
        fc
          .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: qs.length, maxLength: qs.length })
          .map((vs) => {
            const q = [...qs].sort((a, b) => a - b);
            const v = [...vs].sort((a, b) => a - b);
            return q.map((x, i) => ({ q: x, value: v[i] }));
          }),
      );
    fc.assert(
      fc.property(
        pointsArb,
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (pts, a, b) => {
          const [u1, u2] = a <= b ? [a, b] : [b, a];
          const x1 = quantileAt(pts, u1);
          const x2 = quantileAt(pts, u2);
          expect(x1).toBeLessThanOrEqual(x2);
          expect(x1).toBeGreaterThanOrEqual(pts[0].value);
          expect(x2).toBeLessThanOrEqual(pts[pts.length - 1].value);
          const m = quantileMean(pts);
          expect(m).toBeGreaterThanOrEqual(pts[0].value * (1 - 1e-12));
          expect(m).toBeLessThanOrEqual(pts[pts.length - 1].value * (1 + 1e-12));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('invalidPoints rejects decreasing values and unordered levels', () => {
    expect(invalidPoints([])).not.toBeNull();
    expect(
      invalidPoints([
        { q: 0.5, value: 2 },
        { q: 0.6, value: 1 },
      ]),
    ).toMatch(/nondecreasing/);
    expect(
      invalidPoints([
        { q: 0.5, value: 1 },
        { q: 0.5, value: 2 },
      ]),
    ).toMatch(/strictly increasing/);
  });
});

describe('random helpers', () => {
  it('poisson has the right mean and variance for small and large means', () => {
    for (const mean of [0.3, 4, 25, 1000]) {
      const u = stream(7, `test/poisson/${mean}`);
      const n = 40_000;
      let s = 0;
      let s2 = 0;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(mean, u);
        if (!(Number.isInteger(k) && k >= 0)) bad++;
        s += k;
        s2 += k * k;
      }
      const m = s / n;
      const v = s2 / n - m * m;
      expect(bad).toBe(0);
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.06);
    }
    expect(poisson(0, () => 0.5)).toBe(0);
  });

  it('logGamma matches log((n-1)!)', () => {
    let f = 0;
    for (let n = 1; n < 40; n++) {
      expect(logGamma(n)).toBeCloseTo(f, 9);
      f += Math.log(n);
    }
  });

  it('hashFraction is a fixed fraction in [0, 1)', () => {
    expect(hashFraction('abc')).toBe(hashFraction('abc'));
    expect(hashFraction('abc')).not.toBe(hashFraction('abd'));
    for (const s of ['', 'x', 'a'.repeat(64)]) expect(hashFraction(s) >= 0 && hashFraction(s) < 1).toBe(true);
  });
});
