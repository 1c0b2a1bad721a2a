// DIR/sweep.json: which sweep a directory of points belongs to (hash, keys, points), so `merge` can check that
// shards come from the same sweep and rebuild the report without the sweep file.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../util/atomic.ts';
import { firstLine, InputError } from '../util/errors.ts';
import { formatIssue } from '../util/zod-issue.ts';
import type { Assignment } from './grid.ts';
import type { SweepPlan } from './plan.ts';
import { METRICS, type MetricName } from './spec.ts';

export const SWEEP_FORMAT = 'priceclass-sweep/1';

export interface SweepManifest {
  readonly format: typeof SWEEP_FORMAT;
  readonly name: string;
  readonly hash: string;
  readonly file: string;
  readonly keys: readonly string[];
  readonly metrics: readonly MetricName[];
  readonly points: readonly { index: number; hash: string; params: readonly Assignment[] }[];
}

const manifestSchema = z.object({
  format: z.literal(SWEEP_FORMAT),
  name: z.string(),
  hash: z.string().regex(/^[0-9a-f]{16}$/),
  file: z.string(),
  keys: z.array(z.string()),
  metrics: z.array(z.enum(Object.keys(METRICS) as [MetricName, ...MetricName[]])),
  points: z.array(
    z.object({
      index: z.number().int().min(0),
      hash: z.string().regex(/^[0-9a-f]{16}$/),
      params: z.array(z.object({ key: z.string(), value: z.unknown() })),
    }),
  ),
});

export function manifestOf(plan: SweepPlan): SweepManifest {
  return {
    format: SWEEP_FORMAT,
    name: plan.name,
    hash: plan.hash,
    file: plan.file,
    keys: plan.keys,
    metrics: plan.metrics,
    points: plan.points.map((p) => ({ index: p.index, hash: p.hash, params: p.params })),
  };
}

export function writeManifest(dir: string, m: SweepManifest): void {
  writeFileAtomic(join(dir, 'sweep.json'), `${JSON.stringify(m, null, 2)}\n`);
}

/** Reads DIR/sweep.json; a missing or malformed one is an InputError naming it. */
export function readManifest(dir: string): SweepManifest {
  const path = join(dir, 'sweep.json');
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new InputError(
      `${dir}: a sweep output directory, got ${existsSync(dir) ? 'a file' : 'nothing (no such directory)'}`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`${path}: a sweep manifest (is this the --out of priceclass sweep?), got no such file`);
    }
    throw new InputError(`${path}: valid JSON, got ${code ?? firstLine((err as Error).message)}`);
  }
  const r = manifestSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throw new InputError(`${path}: ${formatIssue(r.error.issues[0])}`);
  const m = r.data as SweepManifest;
  if (m.points.some((p, i) => p.index !== i))
    throw new InputError(`${path}: points: indices 0..${m.points.length - 1} in order`);
  return m;
}
