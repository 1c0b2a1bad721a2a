// Runs a sweep plan into DIR: points not yet finished (and in this shard) go to a pool of worker threads, at
// most `workers` at a time; each result is written as its own file the moment it arrives, so an interrupt loses
// only the points that were running. When every point of the sweep has a result in DIR, the report is built
// from the point files in index order (never completion order), so it is the same for any worker count.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Tinypool from 'tinypool';
import { firstLine, UsageError } from '../util/errors.ts';
import { displayValue } from './grid.ts';
import { writeSweepOutputs } from './outputs.ts';
import type { SweepPlan, SweepPoint } from './plan.ts';
import { POINT_FORMAT } from './plan.ts';
import { type PointResult, type PointRun, readPointFile, writePointFile } from './point-file.ts';
import { inShard, type Shard } from './shard.ts';
import { manifestOf, writeManifest } from './sweep-dir.ts';
import type { PointTask } from './worker.ts';

export interface RunSweepOptions {
  readonly outDir: string;
  readonly workers: number;
  readonly shard?: Shard;
  /** Wall-clock limit per point (a point that hangs is stopped and reported); none if undefined. */
  readonly pointTimeoutS?: number;
  /** Aborting stops dispatching and abandons running points (their workers are terminated). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { done: number; running: number; skipped: number; mine: number }) => void;
}

export interface RunSweepResult {
  /** Points of this shard. */
  readonly mine: number;
  readonly skipped: number;
  /** Indices of the points run (and written) by this call, in completion order. */
  readonly ran: readonly number[];
  readonly failed: readonly { index: number; message: string }[];
  readonly interrupted: boolean;
  /** Report files written (empty unless every point of the sweep has a result). */
  readonly written: readonly string[];
  readonly missing: number;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export function pointLabel(p: SweepPoint): string {
  return p.params.map((a) => `${a.key}=${displayValue(a.key, a.value)}`).join(', ');
}

export async function runSweep(plan: SweepPlan, o: RunSweepOptions): Promise<RunSweepResult> {
  if (existsSync(o.outDir) && !statSync(o.outDir).isDirectory())
    throw new UsageError(`priceclass sweep: --out: a directory, got a file ${JSON.stringify(o.outDir)}`);
  const pointsDir = join(o.outDir, 'points');
  mkdirSync(pointsDir, { recursive: true });
  writeManifest(o.outDir, manifestOf(plan));

  const mine = plan.points.filter((p) => inShard(p.index, o.shard));
  const todo = mine.filter((p) => readPointFile(pointsDir, p) === null);
  const ran: number[] = [];
  const failed: { index: number; message: string }[] = [];
  let interrupted = o.signal?.aborted === true;
  if (todo.length > 0 && !interrupted) {
    const threads = Math.max(1, Math.min(o.workers, todo.length));
    const pool = new Tinypool({
      filename: WORKER_URL.href,
      minThreads: threads,
      maxThreads: threads,
      execArgv: [],
      isolateWorkers: false,
    });
    try {
      interrupted = await dispatch(pool, plan, todo, threads, o, pointsDir, ran, failed, mine.length);
    } finally {
      await pool.destroy();
    }
  }
  const results = plan.points.map((p) => readPointFile(pointsDir, p));
  const missing = results.filter((r) => r === null).length;
  const written =
    missing === 0 && !interrupted ? await writeSweepOutputs(o.outDir, plan, results as PointResult[]) : [];
  return { mine: mine.length, skipped: mine.length - todo.length, ran, failed, interrupted, written, missing };
}

/** Keeps `threads` points in flight; returns true if interrupted. */
async function dispatch(
  pool: Tinypool,
  plan: SweepPlan,
  todo: readonly SweepPoint[],
  threads: number,
  o: RunSweepOptions,
  pointsDir: string,
  ran: number[],
  failed: { index: number; message: string }[],
  mine: number,
): Promise<boolean> {
  const skipped = mine - todo.length;
  let next = 0;
  let running = 0;
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  const runOne = async (point: SweepPoint): Promise<void> => {
    const signals = [stopAll.signal];
    if (o.pointTimeoutS !== undefined) signals.push(AbortSignal.timeout(o.pointTimeoutS * 1000));
    const signal = AbortSignal.any(signals);
    running++;
    o.onProgress?.({ done: ran.length, running, skipped, mine });
    try {
      const task: PointTask = { scenario: point.scenario, fileName: plan.file };
      const runs = (await pool.run(task, { signal })) as PointRun[];
      writePointFile(pointsDir, {
        format: POINT_FORMAT,
        index: point.index,
        hash: point.hash,
        seed: point.scenario.seed,
        params: point.params,
        runs,
      });
      ran.push(point.index);
    } catch (err) {
      if (!stopAll.signal.aborted) {
        const timedOut = signal.aborted;
        const message = timedOut ? `did not finish within ${o.pointTimeoutS} s (stopped)` : failureMessage(err);
        failed.push({ index: point.index, message });
      }
    } finally {
      running--;
      o.onProgress?.({ done: ran.length, running, skipped, mine });
    }
  };
  // `threads` lanes, each taking the next point when its previous one ends: at most `threads` in flight, so a
  // per-point timeout measures run time, not time spent queued.
  const lane = async (): Promise<void> => {
    while (next < todo.length && !stopAll.signal.aborted) await runOne(todo[next++]);
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
  }
  return stopAll.signal.aborted;
}

/** One line about a failed point; anything but bad input is marked as an internal error. */
function failureMessage(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e?.name === 'InputError' ? '' : 'internal error: '}${firstLine(String(e?.message ?? err))}`;
}
