// Joins the point files of sweep output directories (shards run anywhere) into one directory with the full
// report. Refuses directories from different sweeps, copies of a point that disagree, and missing points.

import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirAtomic } from '../util/atomic.ts';
import { InputError, UsageError } from '../util/errors.ts';
import { writeSweepOutputs } from './outputs.ts';
import { type PointResult, readPointFile, reproducibleContent, writePointFile } from './point-file.ts';
import { readManifest, type SweepManifest, writeManifest } from './sweep-dir.ts';

export interface MergeResult {
  readonly points: number;
  readonly written: readonly string[];
}

export async function mergeSweeps(dirs: readonly string[], outDir: string): Promise<MergeResult> {
  checkOut(outDir);
  const manifests = dirs.map((d) => readManifest(d));
  const first = manifests[0];
  manifests.forEach((m, i) => {
    if (m.hash !== first.hash) {
      throw new InputError(
        `${join(dirs[i], 'sweep.json')}: sweep ${m.hash} (${m.file}, ${m.points.length} points), ` +
          `but ${dirs[0]} holds sweep ${first.hash} (${first.file}, ${first.points.length} points): ` +
          'these directories come from different sweeps (or the sweep file or its base changed between them)',
      );
    }
  });
  const results: PointResult[] = [];
  const missing: number[] = [];
  for (const p of first.points) {
    let found: PointResult | null = null;
    let foundIn = '';
    for (const dir of dirs) {
      const r = readPointFile(join(dir, 'points'), p);
      if (r === null) continue;
      if (found !== null && reproducibleContent(found) !== reproducibleContent(r)) {
        throw new InputError(
          `${join(dir, 'points')}: point ${p.index} differs from the copy in ${foundIn} ` +
            '(same sweep, different results: was the simulator changed between the runs?)',
        );
      }
      if (found === null) [found, foundIn] = [r, join(dir, 'points')];
    }
    if (found === null) missing.push(p.index);
    else results.push(found);
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 8).join(', ');
    throw new InputError(
      `priceclass merge: ${missing.length} of ${first.points.length} points have no result in ${dirs.join(', ')} ` +
        `(points ${shown}${missing.length > 8 ? ', ...' : ''}): is a shard missing or unfinished?`,
    );
  }
  let written: string[] = [];
  await writeDirAtomic(outDir, async (tmp) => {
    mkdirSync(join(tmp, 'points'));
    writeManifest(tmp, first);
    for (const r of results) writePointFile(join(tmp, 'points'), r);
    written = await writeSweepOutputs(tmp, metaOf(first), results);
  });
  return { points: results.length, written };
}

function metaOf(m: SweepManifest) {
  return { name: m.name, hash: m.hash, keys: m.keys, metrics: m.metrics };
}

/** --out is replaced as a whole: only allow a new directory or an earlier sweep output. */
function checkOut(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory())
    throw new UsageError(`priceclass merge: --out: a directory, got a file ${JSON.stringify(outDir)}`);
  if (readdirSync(outDir).length > 0 && !existsSync(join(outDir, 'sweep.json'))) {
    throw new UsageError(
      'priceclass merge: --out: a new directory or a sweep output (it is replaced), ' +
        `got ${JSON.stringify(outDir)}, which holds other files`,
    );
  }
}
