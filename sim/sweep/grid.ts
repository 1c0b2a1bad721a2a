// Grid axes to points. Order is fixed by the file: nested loops over the keys in the order written, the last key
// varying fastest, so point indices (and therefore shards and file names) never depend on anything else.

import { describeValue, InputError } from '../util/errors.ts';
import type { SweepAxis } from './spec.ts';

export interface Assignment {
  readonly key: string;
  readonly value: unknown;
}

/** More points than this is almost certainly a typo in a range (and would not fit in memory as a plan). */
export const MAX_POINTS = 100_000;

// The path grammar of `--set` (keys and [indices]); checked here so the error names the grid key.
const PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\[\d+\])*(\.[A-Za-z_][A-Za-z0-9_-]*(\[\d+\])*)*$/;
const FORBIDDEN = /(^|\.)(__proto__|prototype|constructor)(\[|\.|$)/;

export function checkKey(fileName: string, section: string, key: string): void {
  if (!PATH.test(key) || FORBIDDEN.test(key))
    throw new InputError(
      `${fileName}: ${section}: a scenario path like workload.arrivals[0].load as key, got ${describeValue(key)}`,
    );
}

/** The values of one axis, checked to be plain data. */
export function axisValues(fileName: string, key: string, axis: SweepAxis): unknown[] {
  const where = `${fileName}: grid.${key}`;
  checkKey(fileName, 'grid', key);
  let values: unknown[];
  if (typeof axis === 'string') {
    const [a, b] = axis.split('..').map((s) => Number(s.trim()));
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a)
      throw new InputError(`${where}: a range A..B with A <= B, got ${describeValue(axis)}`);
    if (b - a + 1 > MAX_POINTS)
      throw new InputError(`${where}: a range of at most ${MAX_POINTS} values, got ${b - a + 1}`);
    values = Array.from({ length: b - a + 1 }, (_, i) => a + i);
  } else if (Array.isArray(axis)) {
    values = axis;
  } else {
    const { from, to, step } = axis;
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    if (!(n >= 1) || n > MAX_POINTS)
      throw new InputError(
        `${where}: { from, to, step } giving 1 to ${MAX_POINTS} values, got ${Number.isFinite(n) ? n : 'none'}`,
      );
    // Rounded so 0.5 + 3 * 0.1 is 0.8, not 0.8000000000000002 (the value lands in file names' hashes and the CSV).
    values = Array.from({ length: n }, (_, i) => Number((from + i * step).toPrecision(12)));
  }
  values.forEach((v, i) => {
    const bad = nonPlain(v);
    if (bad !== null)
      throw new InputError(`${where}[${i}]: plain data (numbers, strings, booleans, lists, mappings), got ${bad}`);
  });
  const seen = new Set<string>();
  values.forEach((v, i) => {
    const k = JSON.stringify(v);
    if (seen.has(k))
      throw new InputError(`${where}[${i}]: values that differ from each other, got ${describeValue(v)} twice`);
    seen.add(k);
  });
  return values;
}

function nonPlain(v: unknown): string | null {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const bad = nonPlain(x);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v as object)) {
      const bad = nonPlain(x);
      if (bad !== null) return bad;
    }
    return null;
  }
  return describeValue(v);
}

/** The cartesian product, first key outermost. */
export function expandGrid(
  fileName: string,
  axes: readonly { key: string; values: readonly unknown[] }[],
): Assignment[][] {
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > MAX_POINTS) throw new InputError(`${fileName}: grid: at most ${MAX_POINTS} points, got ${total}`);
  const points: Assignment[][] = [];
  for (let index = 0; index < total; index++) {
    let rest = index;
    const point: Assignment[] = new Array(axes.length);
    for (let k = axes.length - 1; k >= 0; k--) {
      const n = axes[k].values.length;
      point[k] = { key: axes[k].key, value: axes[k].values[rest % n] };
      rest = Math.floor(rest / n);
    }
    points.push(point);
  }
  return points;
}

/** How a value appears in the CSV, the plots and messages: scalars as is, policies by name, the rest as JSON. */
export function displayValue(key: string, value: unknown): string {
  if (key === 'policies') {
    const list = Array.isArray(value) ? value : [value];
    return list
      .map((p) =>
        typeof p === 'string'
          ? p
          : typeof p === 'object' && p !== null
            ? String((p as Record<string, unknown>).label ?? (p as Record<string, unknown>).name)
            : JSON.stringify(p),
      )
      .join('+');
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return String(value);
  return JSON.stringify(value);
}
