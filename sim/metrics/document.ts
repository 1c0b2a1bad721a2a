// The results document: one run per policy. Shape is a contract with report builders and the CLI's --json.
// `summary` counts every invocation of the run; `classes` count only those that arrived after warmup.
// Latencies are null for a class or bucket with no completions. `wallS` is the one field that is not
// reproducible (it is the engine's wall-clock time).
// Memory: utilization is resident memory / the machine's RAM (0..1; 0 when RAM is unbounded), whatever an
// antagonist leaves usable. Swap traffic is attributed to the tick in which a transfer finished. The timeline
// covers the ticks the engine samples ([0, durationS)); transfers after them (while draining) count only in the
// per-machine and per-class totals. New fields are appended after the old ones, which keep their meaning.

import type { LatencySummary } from './latency.ts';
import type { WaitSummary } from './wait.ts';

export interface RunSummary {
  readonly arrived: number;
  readonly completed: number;
  readonly killed: number;
  readonly simulatedS: number;
  readonly events: number;
  readonly wallS: number;
  /** Did the backlog and swap in use stop growing? (steady-state.ts) */
  readonly steadyState: SteadyState;
}

/** A class's counts and its latency and slowdown statistics. */
export interface ClassResult extends LatencySummary {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly killed: number;
  /** From arrival to placement (shard queue, budget hold, polls across the network), in seconds. */
  readonly placementWaitS: WaitSummary;
  /** The latency distribution: latency (s) within which each fraction of the class's completions finished. */
  readonly latencyCdfS: readonly { readonly fraction: number; readonly latencyS: number }[];
}

export interface MachineResult {
  readonly id: number;
  readonly memoryUtil: { mean: number | null; max: number | null };
  readonly swapMB: { mean: number | null; max: number | null };
  readonly swappedOutMB: number;
  readonly swappedOutByClassMB: Readonly<Record<string, number>>;
  readonly kills: number;
  /** Memory swapped back in (MB) over the run; swappedOutMB is the traffic out. */
  readonly swappedInMB: number;
}

export interface TimelineClass {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly latencyS: { p50: number | null; p99: number | null };
}

export interface TimelineEntry {
  readonly tick: number;
  readonly startS: number;
  readonly classes: readonly TimelineClass[];
  readonly memoryUtil: { mean: number | null; min: number | null; max: number | null } & AcrossMachines;
  readonly swapMB: { mean: number | null; max: number | null; total: number | null };
  /** Swap transfers that finished in this tick, summed over the machines (MB; null past the arrival window). */
  readonly swapTrafficMB: { out: number | null; in: number | null };
  /** Invocations in the system at the tick's end (arrived, neither completed nor killed), and those on machines. */
  readonly backlog: { total: number | null; onMachines: number | null };
}

/** The new per-tick statistics of memory utilization across machines (null for a tick without a sample). */
export interface AcrossMachines {
  readonly median: number | null;
  /** Population standard deviation across machines. */
  readonly sd: number | null;
}

/** Swap and kills of one class over the whole run (warmup included: swap events do not carry arrival times). */
export interface ClassMemory {
  readonly name: string;
  readonly swappedOutMB: number;
  readonly swappedInMB: number;
  readonly swapIns: number;
  /** Time tasks of the class waited for their memory to come back from swap: the sum, and the mean per swap-in. */
  readonly swapInWaitS: { total: number; mean: number | null };
  readonly killed: number;
}

/** Memory across the run. */
export interface MemoryResult {
  readonly classes: readonly ClassMemory[];
  /** Every swap transfer of the run, over all machines (MB). */
  readonly swapTrafficMB: { out: number; in: number };
  /**
   * How far apart machines are at one instant: over the ticks sampled from warmupS on, the mean of the per-tick
   * standard deviation of utilization across machines and the mean of the per-tick max - min (fractions, 0..1).
   */
  readonly utilizationSpread: { ticks: number; meanSd: number | null; meanRange: number | null };
}

/** Steady state over the last third of the arrival window (see steady-state.ts for the rule). */
export interface SteadyState {
  /** null: too few ticks in the window to judge. */
  readonly steady: boolean | null;
  readonly backlogSlopePerS: number | null;
  readonly swapSlopeMBPerS: number | null;
  readonly window: readonly [number, number];
}

export interface RunResult {
  readonly policy: string;
  readonly summary: RunSummary;
  readonly classes: readonly ClassResult[];
  readonly machines: readonly MachineResult[];
  readonly timeline: readonly TimelineEntry[];
  readonly memory: MemoryResult;
}

export interface ResultsDocument {
  readonly runs: readonly RunResult[];
}

export function resultsDocument(runs: readonly RunResult[]): ResultsDocument {
  return { runs };
}

/** Stable JSON text (2-space indent, trailing newline); numbers were already rounded by the recorder. */
export function formatResults(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const CSV_HEADER = [
  'policy,tick,startS,class,arrived,completed,p50S,p99S',
  'memoryUtilMean,memoryUtilMin,memoryUtilMax,swapMBMean,swapMBMax',
  'memoryUtilMedian,memoryUtilSd,swapMBTotal,swapTrafficOutMB,swapTrafficInMB,backlog,backlogOnMachines',
].join(',');

/** One row per policy, tick and class (machine columns repeat per class); empty cells for missing values. */
export function timelineCsv(runs: readonly RunResult[]): string {
  const rows = [CSV_HEADER];
  const cell = (v: number | null) => (v === null ? '' : String(v));
  for (const run of runs) {
    for (const t of run.timeline) {
      for (const c of t.classes) {
        rows.push(
          [
            csvText(run.policy),
            t.tick,
            t.startS,
            csvText(c.name),
            c.arrived,
            c.completed,
            cell(c.latencyS.p50),
            cell(c.latencyS.p99),
            cell(t.memoryUtil.mean),
            cell(t.memoryUtil.min),
            cell(t.memoryUtil.max),
            cell(t.swapMB.mean),
            cell(t.swapMB.max),
            cell(t.memoryUtil.median),
            cell(t.memoryUtil.sd),
            cell(t.swapMB.total),
            cell(t.swapTrafficMB.out),
            cell(t.swapTrafficMB.in),
            cell(t.backlog.total),
            cell(t.backlog.onMachines),
          ].join(','),
        );
      }
    }
  }
  return `${rows.join('\n')}\n`;
}

function csvText(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
