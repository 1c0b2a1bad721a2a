// Distribution specs compiled for fast sampling. A spec's numeric parameters that are themselves
// distributions are drawn once per function (from a parameters stream), so a compiled family holds one
// concrete parameter pair per function in typed arrays; a per-invocation draw is then a switch and one or two
// uniform draws.
//
// Positivity: every quantity here is a duration, a size or a parameter of one, so `normal` means the normal
// truncated to positive values: negative draws are resampled (up to 32 tries, then clamped to 1e-9; with the
// paper's N(0.05, 0.01) a resample happens with probability 3e-7). Drawn parameters are sanitised the same
// way (sd and sigma by absolute value, alpha at least 1e-6, uniform bounds swapped if drawn in reverse).
// Lognormal `mu` is the one parameter that may be negative.

import type { DistSpec, ParamSpec } from '../scenario/distribution.ts';
import type { Draw } from './streams.ts';

const DETERMINISTIC = 0;
const EXPONENTIAL = 1;
const UNIFORM = 2;
const NORMAL = 3;
const LOGNORMAL = 4;
const PARETO = 5;

const KIND: Record<DistSpec['dist'], number> = {
  deterministic: DETERMINISTIC,
  exponential: EXPONENTIAL,
  uniform: UNIFORM,
  normal: NORMAL,
  lognormal: LOGNORMAL,
  pareto: PARETO,
};

const TRUNCATION_TRIES = 32;
const TRUNCATION_FLOOR = 1e-9;

/** One distribution family with per-function concrete parameters. */
export class FunctionFamily {
  readonly kind: number;
  /** First and second concrete parameter per function (meaning depends on kind; pareto stores xm, -1/alpha). */
  readonly a: Float64Array;
  readonly b: Float64Array;

  constructor(spec: DistSpec, functions: number, params: Draw) {
    this.kind = KIND[spec.dist];
    this.a = new Float64Array(functions);
    this.b = new Float64Array(functions);
    for (let f = 0; f < functions; f++) {
      const [a, b] = concreteParams(spec, params);
      this.a[f] = a;
      this.b[f] = b;
    }
  }

  /** One draw for function `f` (>= 0). */
  sample(f: number, d: Draw): number {
    return drawKind(this.kind, this.a[f], this.b[f], d);
  }
}

/** Draws one value from a spec, drawing any nested parameters fresh (used for per-function parameters). */
export function sampleOnce(spec: DistSpec, d: Draw): number {
  const [a, b] = concreteParams(spec, d);
  return drawKind(KIND[spec.dist], a, b, d);
}

/** One draw of a distribution kind with concrete parameters (a, b as stored per function). */
function drawKind(kind: number, a: number, b: number, d: Draw): number {
  switch (kind) {
    case DETERMINISTIC:
      return a;
    case EXPONENTIAL:
      return -a * Math.log(1 - d.u());
    case UNIFORM:
      return a + (b - a) * d.u();
    case NORMAL:
      return positiveNormal(a, b, d);
    case LOGNORMAL:
      return Math.exp(a + b * d.standardNormal());
    default:
      return a * (1 - d.u()) ** b;
  }
}

function param(p: ParamSpec, d: Draw): number {
  return typeof p === 'number' ? p : sampleOnce(p, d);
}

function concreteParams(spec: DistSpec, d: Draw): [number, number] {
  switch (spec.dist) {
    case 'deterministic':
      return [param(spec.value, d), 0];
    case 'exponential':
      return [param(spec.mean, d), 0];
    case 'uniform': {
      const lo = param(spec.min, d);
      const hi = param(spec.max, d);
      return lo <= hi ? [lo, hi] : [hi, lo];
    }
    case 'normal':
      return [param(spec.mean, d), Math.abs(param(spec.sd, d))];
    case 'lognormal':
      return [param(spec.mu, d), Math.abs(param(spec.sigma, d))];
    case 'pareto': {
      const alpha = Math.max(1e-6, param(spec.alpha, d));
      return [param(spec.xm, d), -1 / alpha];
    }
  }
}

function positiveNormal(mean: number, sd: number, d: Draw): number {
  for (let i = 0; i < TRUNCATION_TRIES; i++) {
    const x = mean + sd * d.standardNormal();
    if (x > 0) return x;
  }
  return TRUNCATION_FLOOR;
}
