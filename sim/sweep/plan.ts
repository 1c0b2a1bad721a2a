// A sweep file to its plan: every point resolved (base + overrides) and validated up front, so a bad point
// stops the sweep before anything runs or any file is written. Each point carries the hash of its resolved
// scenario; the sweep's hash covers the points in order.

import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { policyFor } from '../run/setup.ts';
import { parseText, validateScenario } from '../scenario/parse.ts';
import { applySet } from '../scenario/set.ts';
import type { Scenario } from '../scenario/types.ts';
import { InputError } from '../util/errors.ts';
import { type Assignment, axisValues, checkKey, displayValue, expandGrid } from './grid.ts';
import { contentHash } from './hash.ts';
import { type MetricName, readSweepFile } from './spec.ts';

/** Bumped when a point's result format changes, so old point files are not taken for new ones. */
// 2: points carry per-class swap traffic and swap-in waits (a /1 point file is run again).
export const POINT_FORMAT = 'priceclass-sweep-point/2';

export interface SweepPoint {
  readonly index: number;
  readonly hash: string;
  readonly params: readonly Assignment[];
  readonly scenario: Scenario;
}

export interface SweepPlan {
  readonly file: string;
  readonly name: string;
  readonly hash: string;
  /** Grid keys in file order. */
  readonly keys: readonly string[];
  readonly metrics: readonly MetricName[];
  readonly points: readonly SweepPoint[];
}

export function loadSweepPlan(file: string): SweepPlan {
  const spec = readSweepFile(file);
  let baseRaw: unknown;
  let baseName: string;
  if (typeof spec.base === 'string') {
    baseName = resolve(dirname(file), spec.base);
    let text: string;
    try {
      text = readFileSync(baseName, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new InputError(`${file}: base: a readable scenario file, got ${JSON.stringify(spec.base)} (${why})`);
    }
    baseRaw = parseText(text, baseName);
  } else {
    baseName = file;
    baseRaw = spec.base;
  }
  for (const [key, value] of Object.entries(spec.set)) {
    checkKey(file, 'set', key);
    try {
      baseRaw = applySet(baseRaw, `${key}=${JSON.stringify(value)}`);
    } catch (err) {
      if (err instanceof InputError)
        throw new InputError(`${file}: set.${key}: ${err.message.replace(/^--set[^:]*: /, '')}`);
      throw err;
    }
  }
  const keys = Object.keys(spec.grid);
  const axes = keys.map((key) => ({ key, values: axisValues(file, key, spec.grid[key]) }));
  const points = expandGrid(file, axes).map((params, index) => resolvePoint(file, baseRaw, baseName, params, index));
  const hash = contentHash({ format: POINT_FORMAT, keys, points: points.map((p) => p.hash) });
  const name = spec.name ?? basename(file, extname(file));
  return { file, name, hash, keys, metrics: spec.metrics, points };
}

/** Base + this point's overrides, validated; a failure names the sweep file, the point and its values. */
function resolvePoint(
  file: string,
  baseRaw: unknown,
  baseName: string,
  params: readonly Assignment[],
  index: number,
): SweepPoint {
  const label = params.map((a) => `${a.key}=${displayValue(a.key, a.value)}`).join(', ');
  const fail = (err: unknown): never => {
    if (!(err instanceof InputError)) throw err;
    // Drop the base file's name: the sweep file and the point say where the problem is.
    const detail = err.message.startsWith(`${baseName}: `) ? err.message.slice(baseName.length + 2) : err.message;
    throw new InputError(`${file}: grid point ${index} (${label}): ${detail}`);
  };
  try {
    let raw = baseRaw;
    for (const a of params) {
      // `policies: [xx, hermod]` means one policy per point; a list value is a point with several policies.
      const value = a.key === 'policies' && !Array.isArray(a.value) ? [a.value] : a.value;
      raw = applySet(raw, `${a.key}=${JSON.stringify(value)}`);
    }
    const scenario = validateScenario(raw, baseName);
    // Policy options are checked by the model when a run starts; check them now, before any work.
    for (let i = 0; i < scenario.policies.length; i++) policyFor(scenario, i, baseName);
    // The name is left out: it does not change results, and an inline base takes the sweep file's name.
    const hash = contentHash({ format: POINT_FORMAT, scenario: { ...scenario, name: null } });
    return { index, hash, params, scenario };
  } catch (err) {
    return fail(err);
  }
}
