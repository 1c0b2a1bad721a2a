// The figures behind the paper's Figure 4 statements (section 4.3), from a run's results: average memory
// utilization, how far apart machines are at one instant, when swapping starts and at what utilization, whose
// memory is swapped, how evenly swap is spread, kills, and the steady-state verdict. Ticks before warmupS are left
// out of the averages (the cluster is filling up).
//   npx tsx sim/report/memory-stats.ts out/fig4/results.json [--warmup 10]

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ResultsDocument, RunResult, TimelineEntry } from '../metrics/document.ts';

export interface MemoryStats {
  readonly policy: string;
  /** Mean over ticks (from warmup) of the cluster's mean utilization (fraction). */
  readonly utilMean: number | null;
  /** Lowest and highest per-machine mean utilization over the run (the spread the old README quoted). */
  readonly machineMeanUtil: { min: number | null; max: number | null };
  /** Per tick max - min across machines (fraction): its mean, its 95th percentile and its largest value. */
  readonly tickRange: { mean: number | null; p95: number | null; max: number | null };
  /** Per tick standard deviation across machines (fraction), mean over ticks. */
  readonly tickSdMean: number | null;
  /** The first tick with any swap-out: its start, the cluster's mean and lowest machine utilization then. */
  readonly firstSwap: { atS: number; utilMean: number | null; utilMin: number | null } | null;
  /** Share of swapped-out volume per class (fractions, in class order). */
  readonly swappedShare: Readonly<Record<string, number>>;
  /** Swapped-out volume per machine: its coefficient of variation across machines. */
  readonly swapOutCv: number | null;
  /** Largest swap in use on any machine at a tick (MB). */
  readonly peakSwapMB: number | null;
  /** Swap traffic out per machine per simulated second of the arrival window (MB/s). */
  readonly swapOutMBPerMachineS: number;
  readonly killed: number;
  readonly killedByClass: Readonly<Record<string, number>>;
  readonly steady: boolean | null;
}

export function memoryStats(run: RunResult, warmupS: number): MemoryStats {
  const ticks = run.timeline.filter((t) => t.startS >= warmupS && t.memoryUtil.mean !== null);
  const means = ticks.map((t) => t.memoryUtil.mean as number);
  const ranges = ticks.map((t) => (t.memoryUtil.max as number) - (t.memoryUtil.min as number)).sort((a, b) => a - b);
  const sds = ticks.flatMap((t) => (t.memoryUtil.sd === null ? [] : [t.memoryUtil.sd]));
  const machineMeans = run.machines.flatMap((m) => (m.memoryUtil.mean === null ? [] : [m.memoryUtil.mean]));
  const first = run.timeline.find((t) => (t.swapTrafficMB.out ?? 0) > 0);
  const outTotal = run.memory.classes.reduce((a, c) => a + c.swappedOutMB, 0);
  const perMachine = run.machines.map((m) => m.swappedOutMB);
  const sampledS = run.timeline.filter((t) => t.memoryUtil.mean !== null).length;
  const windowOut = run.timeline.reduce((a, t) => a + (t.swapTrafficMB.out ?? 0), 0);
  const swapMaxes = run.timeline.flatMap((t) => (t.swapMB.max === null ? [] : [t.swapMB.max]));
  return {
    policy: run.policy,
    utilMean: meanOf(means),
    machineMeanUtil: {
      min: machineMeans.length === 0 ? null : Math.min(...machineMeans),
      max: machineMeans.length === 0 ? null : Math.max(...machineMeans),
    },
    tickRange: {
      mean: meanOf(ranges),
      p95: ranges.length === 0 ? null : ranges[Math.min(ranges.length - 1, Math.floor(0.95 * ranges.length))],
      max: ranges.length === 0 ? null : ranges[ranges.length - 1],
    },
    tickSdMean: meanOf(sds),
    firstSwap: first === undefined ? null : { atS: first.startS, ...firstUtil(first) },
    swappedShare: Object.fromEntries(
      run.memory.classes.map((c) => [c.name, outTotal === 0 ? 0 : c.swappedOutMB / outTotal]),
    ),
    swapOutCv: coefficientOfVariation(perMachine),
    peakSwapMB: swapMaxes.length === 0 ? null : Math.max(...swapMaxes),
    swapOutMBPerMachineS: sampledS === 0 ? 0 : windowOut / run.machines.length / sampledS,
    killed: run.summary.killed,
    killedByClass: Object.fromEntries(run.memory.classes.map((c) => [c.name, c.killed])),
    steady: run.summary.steadyState.steady,
  };
}

function firstUtil(t: TimelineEntry): { utilMean: number | null; utilMin: number | null } {
  return { utilMean: t.memoryUtil.mean, utilMin: t.memoryUtil.min };
}

function meanOf(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function coefficientOfVariation(xs: readonly number[]): number | null {
  const mean = meanOf(xs);
  if (mean === null || mean === 0) return null;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Human-readable lines, one statement per line. */
export function memoryStatsLines(s: MemoryStats): string[] {
  const shares = Object.entries(s.swappedShare)
    .map(([name, f]) => `${name} ${pct(f)}`)
    .join(', ');
  const kills = Object.entries(s.killedByClass)
    .map(([name, k]) => `${name} ${k}`)
    .join(', ');
  return [
    `${s.policy}: average memory utilization ${pct(s.utilMean)} ` +
      `(per-machine means ${pct(s.machineMeanUtil.min)}-${pct(s.machineMeanUtil.max)})`,
    `  per-tick spread across machines: max-min mean ${pct(s.tickRange.mean)}, p95 ${pct(s.tickRange.p95)}, ` +
      `worst ${pct(s.tickRange.max)}; sd mean ${pct(s.tickSdMean)}`,
    s.firstSwap === null
      ? '  no swapping'
      : `  first swap-out in tick ${s.firstSwap.atS} s, at mean utilization ${pct(s.firstSwap.utilMean)} ` +
        `(lowest machine ${pct(s.firstSwap.utilMin)})`,
    `  swapped-out volume by class: ${shares}`,
    `  swap spread: coefficient of variation of swapped-out volume across machines ${pct(s.swapOutCv)}; ` +
      `peak swap in use ${s.peakSwapMB === null ? '–' : `${(s.peakSwapMB / 1024).toFixed(1)} GB`} on one machine; ` +
      `swap-out traffic ${s.swapOutMBPerMachineS.toFixed(0)} MB/s per machine`,
    `  kills: ${s.killed} (${kills}); steady state: ${s.steady === null ? 'not judged' : s.steady ? 'yes' : 'no'}`,
  ];
}

function main(argv: readonly string[]): void {
  const file = argv[0];
  const i = argv.indexOf('--warmup');
  const warmupS = i >= 0 ? Number(argv[i + 1]) : 10;
  if (file === undefined || !Number.isFinite(warmupS)) {
    process.stderr.write('usage: npx tsx sim/report/memory-stats.ts RESULTS.json [--warmup S]\n');
    process.exitCode = 2;
    return;
  }
  const doc = JSON.parse(readFileSync(file, 'utf8')) as ResultsDocument;
  for (const run of doc.runs) process.stdout.write(`${memoryStatsLines(memoryStats(run, warmupS)).join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
