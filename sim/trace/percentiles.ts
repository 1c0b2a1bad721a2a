// Inverse-CDF sampling from a handful of percentiles (the Azure 2019 trace gives execution time and memory
// only as percentile columns).
//
// The points (q_i, v_i), q strictly increasing in [0, 1], v nondecreasing, define a piecewise-linear quantile
// function Q(u):
//   - between two given points, Q is the straight line between them (linear interpolation in u);
//   - below the first point (u < q_0; e.g. under the 1st percentile of a memory row, which has no 0th) Q is
//     flat at v_0: the tail is clamped to the lowest given value, never extrapolated;
//   - above the last point (u > q_n; only when the last point is not the 100th percentile) Q is flat at v_n.
// A draw is Q(u) for u uniform in [0, 1). Because Q is linear between the points, P(X <= v_i) = q_i exactly,
// so the empirical percentiles of many draws reproduce the given columns (test/trace/percentiles.test.ts).
// The mean of the distribution is the integral of Q over [0, 1] (quantileMean), used for the offered load.

export interface PercentilePoint {
  /** Probability level in [0, 1] (the 25th percentile is 0.25). */
  readonly q: number;
  readonly value: number;
}

/** Why the points cannot define a quantile function, or null. */
export function invalidPoints(points: readonly PercentilePoint[]): string | null {
  if (points.length === 0) return 'at least one percentile point';
  for (let i = 0; i < points.length; i++) {
    const { q, value } = points[i];
    if (!(q >= 0 && q <= 1)) return `percentile levels in [0, 1], got ${q}`;
    if (!Number.isFinite(value)) return `finite percentile values, got ${value}`;
    if (i > 0 && !(q > points[i - 1].q))
      return `strictly increasing percentile levels, got ${points[i - 1].q} then ${q}`;
    if (i > 0 && !(value >= points[i - 1].value))
      return `nondecreasing percentile values, got ${points[i - 1].value} then ${value}`;
  }
  return null;
}

/** Q(u) for the points given as parallel arrays: levels `qs` (shared by all rows) and values `vs[offset..]`. */
export function quantileAtArrays(qs: ArrayLike<number>, vs: ArrayLike<number>, offset: number, u: number): number {
  const n = qs.length;
  if (u <= qs[0]) return vs[offset];
  if (u >= qs[n - 1]) return vs[offset + n - 1];
  let i = 1;
  while (u > qs[i]) i++; // qs[i-1] < u <= qs[i]
  const q0 = qs[i - 1];
  const v0 = vs[offset + i - 1];
  const v1 = vs[offset + i];
  return v0 + ((v1 - v0) * (u - q0)) / (qs[i] - q0);
}

/** Q(u), the value at probability level u in [0, 1) (see the header for the tails). */
export function quantileAt(points: readonly PercentilePoint[], u: number): number {
  return quantileAtArrays(
    points.map((p) => p.q),
    points.map((p) => p.value),
    0,
    u,
  );
}

/** The mean of the distribution: the integral of Q over [0, 1], flat tails included. */
export function quantileMeanArrays(qs: ArrayLike<number>, vs: ArrayLike<number>, offset: number): number {
  const n = qs.length;
  let total = qs[0] * vs[offset] + (1 - qs[n - 1]) * vs[offset + n - 1];
  for (let i = 1; i < n; i++) total += ((qs[i] - qs[i - 1]) * (vs[offset + i - 1] + vs[offset + i])) / 2;
  return total;
}

export function quantileMean(points: readonly PercentilePoint[]): number {
  return quantileMeanArrays(
    points.map((p) => p.q),
    points.map((p) => p.value),
    0,
  );
}
