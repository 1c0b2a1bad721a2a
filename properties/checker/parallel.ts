import { Worker } from 'node:worker_threads';
import { Coverage } from '../coverage.ts';
import { INVARIANTS } from '../invariants/index.ts';
import { mutantByName } from '../mutants/catalogue.ts';
import { SPEC } from '../transition.ts';
import type { Bound } from './memory-bound.ts';
import type { WorkerResult, WorkerTask } from './parallel-worker.ts';
import { CONTROL_INTS, DEPTH, FRONTIER } from './parallel-worker.ts';
import type { CheckScope } from './scope.ts';
import type { SearchOptions, SearchResult } from './search.ts';
import { search } from './search.ts';
import { SharedFingerprintSet } from './shared-fpset.ts';

// The parallel search: the same breadth-first exploration as search.ts, on `workers` threads that share one
// fingerprint set (parallel-worker.ts). Same states, transitions and diameter as the sequential search. When a
// worker finds a violation, the sequential search runs again to report it: its trace is the shortest, and the
// same on every run, which a race between workers would not promise. A transition the workers cannot load by name
// (not the spec nor a catalogued mutant), or invariants that are not the suite's, run sequentially.

const WORKER_URL = new URL('./parallel-worker.mjs', import.meta.url);

/** Whether the workers can rebuild these options by name. */
export function parallelizable(opts: SearchOptions): boolean {
  const t = opts.transition ?? SPEC;
  const known = (opts.invariants ?? INVARIANTS).every((i) => INVARIANTS.includes(i));
  return known && (t === SPEC || mutantByName(t.name) !== undefined);
}

export async function searchParallel(scope: CheckScope, opts: SearchOptions, workers: number): Promise<SearchResult> {
  if (workers <= 1 || !parallelizable(opts)) return search(scope, opts);
  const t0 = performance.now();
  const maxStates = opts.maxStates ?? 5_000_000;
  const seen = SharedFingerprintSet.allocate(maxStates);
  const control = new SharedArrayBuffer(4 * CONTROL_INTS);
  const task = (index: number): WorkerTask => ({
    scope,
    mutant: (opts.transition ?? SPEC) === SPEC ? null : (opts.transition?.name ?? null),
    invariants: (opts.invariants ?? INVARIANTS).map((i) => i.name),
    symmetry: opts.symmetry ?? true,
    maxStates,
    maxDepth: opts.maxDepth ?? 10_000,
    maxMemoryMB: opts.maxMemoryMB ?? Infinity,
    coverage: opts.coverage !== undefined,
    index,
    workers,
    seen,
    control,
  });
  const seenSet = new SharedFingerprintSet(seen);
  const progress =
    opts.onProgress === undefined
      ? null
      : setInterval(() => {
          const seconds = (performance.now() - t0) / 1000;
          const ctl = new Int32Array(control);
          const [depth, frontier] = [Atomics.load(ctl, DEPTH), Atomics.load(ctl, FRONTIER)];
          opts.onProgress?.({ states: seenSet.size, depth, frontier, seconds });
        }, 1000);
  let results: WorkerResult[];
  try {
    results = await runAll(Array.from({ length: workers }, (_, i) => task(i)));
  } finally {
    if (progress !== null) clearInterval(progress);
  }
  if (results.some((r) => r.violated)) return search(scope, opts);
  for (const r of results) if (r.coverage !== null) opts.coverage?.merge(Coverage.fromJSON(r.coverage));
  const seconds = (performance.now() - t0) / 1000;
  const states = seenSet.size;
  return {
    name: scope.name,
    states,
    transitions: results.reduce((a, r) => a + r.transitions, 0),
    diameter: results[0].diameter,
    seconds,
    statesPerS: Math.round(states / Math.max(seconds, 1e-6)),
    // Not measured: the sequential search's lower bound depends on which state of each symmetry class is
    // expanded, which here depends on a race (run.ts measures it exactly when asked, by a second exploration).
    symmetryReduction: null,
    complete: results.every((r) => r.stoppedBy === null),
    stoppedBy: stoppedBy(results),
    violations: [],
  };
}

/** The bound that stopped the workers: the one a worker reached first in its own search (memory before states). */
function stoppedBy(results: readonly WorkerResult[]): Bound | null {
  const bounds = results.map((r) => r.stoppedBy);
  return (['memory', 'states', 'depth'] as const).find((b) => bounds.includes(b)) ?? null;
}

/** Runs every task on its own thread; if one fails, the others (which would wait for it) are stopped. */
async function runAll(tasks: readonly WorkerTask[]): Promise<WorkerResult[]> {
  const threads = tasks.map((task) => new Worker(WORKER_URL, { workerData: task }));
  const done = threads.map(
    (w, i) =>
      new Promise<WorkerResult>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`checker worker ${i} exited with code ${code} and no result`)));
      }),
  );
  try {
    return await Promise.all(done);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
