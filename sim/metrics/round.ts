// Output numbers are rounded to 6 significant digits so result files are stable (byte-identical across
// machines and across harmless changes in floating-point summation order). Integers (counts) are exact.

export function round6(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  return Number(x.toPrecision(6));
}

/** round6, but null for "no data" (NaN), which JSON can carry. */
export function round6OrNull(x: number): number | null {
  return Number.isNaN(x) ? null : round6(x);
}
