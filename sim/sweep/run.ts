// Runs a sweep plan into DIR: points not yet finished (and in this shard) go to a pool of worker threads, at
// most `workers` at a time; each result is written as its own file the moment it arrives, so an interrupt loses
// only the points that were running. When every point of the sweep has a result in DIR, the report is built
// from the point files in index order (never completion order), so it is the same for any worker count.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Tinypool from 'tinypool';
import type { EngineName } from '../engine/simulate.ts';
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
  /** The engine every point runs on (default: fast). */
  readonly engine?: EngineName;
  /** Aborting stops dispatching and abandons running points (their workers are terminated). */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { done: number; running: number; skipped: number; mine: number }) => void;
}

export interface PointFailure {
  readonly index: number;
  readonly message: string;
}

export interface RunSweepResult {
  /** Points of this shard. */
  readonly mine: number;
  readonly skipped: number;
  /** Indices of the points run (and written) by this call, in completion order. */
  readonly ran: readonly number[];
  readonly failed: readonly PointFailure[];
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
  const failed: PointFailure[] = [];
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
      const dispatcher = new Dispatcher(pool, plan, o, pointsDir, mine.length - todo.length, mine.length);
      interrupted = await dispatcher.run(todo, threads, ran, failed);
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

/** Runs points on the pool, writing each result the moment it arrives, and reports progress. */
class Dispatcher {
  private readonly stopAll = new AbortController();
  private running = 0;
  private done = 0;

  constructor(
    private readonly pool: Tinypool,
    private readonly plan: SweepPlan,
    private readonly o: RunSweepOptions,
    private readonly pointsDir: string,
    private readonly skipped: number,
    private readonly mine: number,
  ) {}

  /** Keeps `threads` points in flight until `todo` is done or the run is aborted; true if aborted. */
  async run(todo: readonly SweepPoint[], threads: number, ran: number[], failed: PointFailure[]): Promise<boolean> {
    const onAbort = () => this.stopAll.abort();
    this.o.signal?.addEventListener('abort', onAbort, { once: true });
    let next = 0;
    // `threads` lanes, each taking the next point when its previous one ends: at most `threads` in flight, so a
    // per-point timeout measures run time, not time spent queued.
    const lane = async (): Promise<void> => {
      while (next < todo.length && !this.stopAll.signal.aborted) {
        const point = todo[next++];
        const failure = await this.runOne(point);
        if (failure === null) ran.push(point.index);
        else if (failure !== undefined) failed.push(failure);
      }
    };
    try {
      await Promise.all(Array.from({ length: threads }, lane));
    } finally {
      this.o.signal?.removeEventListener('abort', onAbort);
    }
    return this.stopAll.signal.aborted;
  }

  /** null when the point ran and its file is written; its failure; undefined when stopped by an abort. */
  private async runOne(point: SweepPoint): Promise<PointFailure | null | undefined> {
    const timeoutS = this.o.pointTimeoutS;
    const signals = [this.stopAll.signal];
    if (timeoutS !== undefined) signals.push(AbortSignal.timeout(timeoutS * 1000));
    const signal = AbortSignal.any(signals);
    this.running++;
    this.progress();
    try {
      const task: PointTask = { scenario: point.scenario, fileName: this.plan.file, engine: this.o.engine ?? 'fast' };
      const runs = (await this.pool.run(task, { signal })) as PointRun[];
      const { index, hash, params } = point;
      writePointFile(this.pointsDir, { format: POINT_FORMAT, index, hash, seed: point.scenario.seed, params, runs });
      this.done++;
      return null;
    } catch (err) {
      if (this.stopAll.signal.aborted) return undefined;
      const message = signal.aborted ? `did not finish within ${timeoutS} s (stopped)` : failureMessage(err);
      return { index: point.index, message };
    } finally {
      this.running--;
      this.progress();
    }
  }

  private progress(): void {
    this.o.onProgress?.({ done: this.done, running: this.running, skipped: this.skipped, mine: this.mine });
  }
}

/** One line about a failed point; anything but bad input is marked as an internal error. */
function failureMessage(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e?.name === 'InputError' ? '' : 'internal error: '}${firstLine(String(e?.message ?? err))}`;
}
