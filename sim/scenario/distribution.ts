// Distribution specs as written in scenario files, their validation and their analytic means.
// Any numeric parameter may itself be a distribution: it is drawn once per function (sim/workload/sample.ts),
// which is how "x_m drawn from a normal" is written. A bare number means `deterministic`.

import { describeValue } from '../util/errors.ts';

export type ParamSpec = number | DistSpec;

export type DistSpec =
  | { readonly dist: 'deterministic'; readonly value: ParamSpec }
  | { readonly dist: 'exponential'; readonly mean: ParamSpec }
  | { readonly dist: 'uniform'; readonly min: ParamSpec; readonly max: ParamSpec }
  | { readonly dist: 'normal'; readonly mean: ParamSpec; readonly sd: ParamSpec }
  | { readonly dist: 'lognormal'; readonly mu: ParamSpec; readonly sigma: ParamSpec }
  | { readonly dist: 'pareto'; readonly alpha: ParamSpec; readonly xm: ParamSpec };

export type DistName = DistSpec['dist'];

/** Parameter names per distribution, with the lower bound each must respect when given as a number. */
const PARAMS: Readonly<Record<DistName, Readonly<Record<string, { min: number; inclusive: boolean }>>>> = {
  deterministic: { value: { min: 0, inclusive: true } },
  exponential: { mean: { min: 0, inclusive: false } },
  uniform: { min: { min: 0, inclusive: true }, max: { min: 0, inclusive: true } },
  normal: { mean: { min: -Infinity, inclusive: false }, sd: { min: 0, inclusive: true } },
  lognormal: { mu: { min: -Infinity, inclusive: false }, sigma: { min: 0, inclusive: true } },
  pareto: { alpha: { min: 0, inclusive: false }, xm: { min: 0, inclusive: false } },
};

export const DIST_NAMES = Object.keys(PARAMS) as DistName[];

export interface DistIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const MAX_DEPTH = 8;

/**
 * Checks a distribution spec and returns it normalised (bare numbers stay numbers at parameter level, a bare
 * number at top level becomes `deterministic`), or null with issues appended. Never throws.
 */
export function parseDist(
  value: unknown,
  issues: DistIssue[],
  path: (string | number)[] = [],
  depth = 0,
): DistSpec | null {
  if (typeof value === 'number') {
    const p = parseParam(value, { min: 0, inclusive: true }, issues, path, depth);
    return p === null ? null : { dist: 'deterministic', value: p };
  }
  if (depth > MAX_DEPTH) {
    issues.push({ path, message: `a distribution nested at most ${MAX_DEPTH} deep, got a deeper one` });
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({
      path,
      message: `a number or a distribution { dist: ${DIST_NAMES.join('|')}, ... }, got ${describeValue(value)}`,
    });
    return null;
  }
  const rec = value as Record<string, unknown>;
  const name = rec.dist;
  if (typeof name !== 'string' || !Object.hasOwn(PARAMS, name)) {
    issues.push({ path: [...path, 'dist'], message: `one of ${DIST_NAMES.join(', ')}, got ${describeValue(name)}` });
    return null;
  }
  const params = PARAMS[name as DistName];
  const unknown = Object.keys(rec).filter((k) => k !== 'dist' && !Object.hasOwn(params, k));
  if (unknown.length > 0) {
    issues.push({
      path,
      message:
        `only the keys dist, ${Object.keys(params).join(', ')} for ${name}, ` +
        `got unknown key ${unknown.map((k) => `'${k}'`).join(', ')}`,
    });
    return null;
  }
  const out: Record<string, unknown> = { dist: name };
  let ok = true;
  for (const [key, bound] of Object.entries(params)) {
    const p = parseParam(rec[key], bound, issues, [...path, key], depth + 1);
    if (p === null) ok = false;
    else out[key] = p;
  }
  if (!ok) return null;
  const spec = out as DistSpec;
  if (spec.dist === 'uniform' && typeof spec.min === 'number' && typeof spec.max === 'number' && spec.min > spec.max) {
    issues.push({ path: [...path, 'max'], message: `a number >= min (${spec.min}), got ${spec.max}` });
    return null;
  }
  return spec;
}

function parseParam(
  value: unknown,
  bound: { min: number; inclusive: boolean },
  issues: DistIssue[],
  path: (string | number)[],
  depth: number,
): ParamSpec | null {
  if (typeof value === 'number') {
    const okBound = bound.inclusive ? value >= bound.min : value > bound.min;
    if (!Number.isFinite(value) || !okBound) {
      const want =
        bound.min === -Infinity ? 'a finite number' : `a finite number ${bound.inclusive ? '>=' : '>'} ${bound.min}`;
      issues.push({ path, message: `${want}, got ${describeValue(value)}` });
      return null;
    }
    return value;
  }
  if (value === undefined) {
    issues.push({ path, message: 'a number or a distribution, got nothing' });
    return null;
  }
  return parseDist(value, issues, path, depth);
}

/** Mean of a parameter: its value, or the mean of the distribution it is drawn from. */
export function paramMean(p: ParamSpec): number {
  return typeof p === 'number' ? p : distMean(p);
}

/**
 * Analytic mean, plugging in the means of nested parameters (exact where the mean is linear in that
 * parameter: exponential mean, uniform bounds, normal mean, pareto x_m; an approximation otherwise).
 * `normal` is the normal truncated to positive values (the sampler resamples negatives), so its mean is the
 * truncated-normal mean. Pareto with alpha <= 1 has an infinite mean: returns Infinity.
 */
export function distMean(d: DistSpec): number {
  switch (d.dist) {
    case 'deterministic':
      return paramMean(d.value);
    case 'exponential':
      return paramMean(d.mean);
    case 'uniform':
      return (paramMean(d.min) + paramMean(d.max)) / 2;
    case 'normal':
      return truncatedNormalMean(paramMean(d.mean), paramMean(d.sd));
    case 'lognormal': {
      const s = paramMean(d.sigma);
      return Math.exp(paramMean(d.mu) + (s * s) / 2);
    }
    case 'pareto': {
      const alpha = paramMean(d.alpha);
      return alpha <= 1 ? Infinity : (alpha * paramMean(d.xm)) / (alpha - 1);
    }
  }
}

/** E[X | X > 0] for X ~ N(mu, sd). */
export function truncatedNormalMean(mu: number, sd: number): number {
  if (sd <= 0) return Math.max(mu, 0);
  const a = -mu / sd;
  const tail = 1 - normalCdf(a);
  if (tail < 1e-300) return sd * 1e-9; // everything would be resampled; the sampler clamps (see sample.ts)
  return mu + (sd * normalPdf(a)) / tail;
}

function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF via erfc (Numerical Recipes' erfcc, relative error < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}
