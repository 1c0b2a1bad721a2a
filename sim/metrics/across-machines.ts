// One tick's values over the machines (utilization, swap in use): what the timeline keeps of them.

export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** The middle value (the mean of the two middle ones for an even count). */
  readonly median: number;
  /** Population standard deviation (divides by the number of machines: they are all of them, not a sample). */
  readonly sd: number;
  readonly sum: number;
}

const EMPTY: Spread = { mean: NaN, min: NaN, max: NaN, median: NaN, sd: NaN, sum: 0 };

/** `scratch` (at least values.length long) is overwritten: the median sorts a copy, never the caller's values. */
export function spreadOf(values: Float64Array, scratch: Float64Array): Spread {
  const n = values.length;
  if (n === 0) return EMPTY;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const sorted = scratch.subarray(0, n);
  sorted.set(values);
  sorted.sort();
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { mean, min, max, median, sd: Math.sqrt(squares / n), sum };
}
