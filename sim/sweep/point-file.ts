// One finished point on disk: DIR/points/<index>-<hash>.json, written atomically when the point completes.
// A file is only trusted if its name, format and hash all match the plan (a stale or damaged file is rerun).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassMemory, ClassResult, RunSummary } from '../metrics/document.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import type { Assignment } from './grid.ts';
import { POINT_FORMAT, type SweepPoint } from './plan.ts';

export interface PointRun {
  readonly policy: string;
  readonly summary: RunSummary;
  readonly classes: readonly ClassResult[];
  /** Swap and kills per class over the whole run (the memory part of a run's results, timeline left out). */
  readonly memory: { readonly classes: readonly ClassMemory[] };
}

export interface PointResult {
  readonly format: typeof POINT_FORMAT;
  readonly index: number;
  readonly hash: string;
  readonly seed: number;
  readonly params: readonly Assignment[];
  readonly runs: readonly PointRun[];
}

export function pointFileName(p: { index: number; hash: string }): string {
  return `${String(p.index).padStart(5, '0')}-${p.hash}.json`;
}

export function writePointFile(pointsDir: string, result: PointResult): void {
  writeFileAtomic(join(pointsDir, pointFileName(result)), `${JSON.stringify(result, null, 2)}\n`);
}

/** The stored result of `point` in `pointsDir`, or null if absent, unreadable or not this point's. */
export function readPointFile(pointsDir: string, point: Pick<SweepPoint, 'index' | 'hash'>): PointResult | null {
  const path = join(pointsDir, pointFileName(point));
  if (!existsSync(path)) return null;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as PointResult;
    if (r.format !== POINT_FORMAT || r.index !== point.index || r.hash !== point.hash || !Array.isArray(r.runs))
      return null;
    if (!r.runs.every((run) => typeof run.policy === 'string' && Array.isArray(run.classes))) return null;
    return r;
  } catch {
    return null;
  }
}

/** File names in `pointsDir` (empty if it does not exist). */
export function listPointFiles(pointsDir: string): string[] {
  return existsSync(pointsDir) ? readdirSync(pointsDir).filter((f) => f.endsWith('.json') && !f.startsWith('.')) : [];
}

/** What must agree between two copies of a point (wall times differ from run to run). */
export function reproducibleContent(r: PointResult): string {
  return JSON.stringify(r.runs.map((run) => ({ ...run, summary: { ...run.summary, wallS: 0 } })));
}
