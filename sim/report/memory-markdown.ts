// The report's memory lines: the steady-state verdict of a run, and its memory section (utilization spread,
// swap traffic, and swap and kills per class).

import type { RunResult, SteadyState } from '../metrics/document.ts';

const signed = (x: number | null, digits: number) =>
  x === null ? '–' : `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const points = (fraction: number | null) => (fraction === null ? '–' : `${(fraction * 100).toFixed(1)} points`);
const fixed = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits));

/** One line: steady or not over the last third of the arrival window, with the trends that decided it. */
export function steadyStateLine(st: SteadyState): string {
  const [fromS, toS] = st.window;
  if (st.steady === null)
    return `Steady state: not judged (fewer than 3 ticks in the last third of the arrival window, ${fromS}–${toS} s).`;
  const trends =
    `backlog ${signed(st.backlogSlopePerS, 2)} invocations/s, ` +
    `swap in use ${signed(st.swapSlopeMBPerS, 1)} MB/s over ${fromS}–${toS} s`;
  return st.steady
    ? `Steady state: yes (${trends}).`
    : `Steady state: **no**: ${trends}; the averages below depend on the run's length.`;
}

export const MEMORY_HEADER = [
  'class',
  'swapped out MB',
  'swapped in MB',
  'swap-ins',
  'swap-in wait s',
  'mean wait ms',
  'killed',
];

/** One row per class: its swap traffic, swap-ins and their wait, and kills. */
export function memoryRows(run: RunResult): string[][] {
  return run.memory.classes.map((c) => [
    c.name,
    fixed(c.swappedOutMB, 0),
    fixed(c.swappedInMB, 0),
    String(c.swapIns),
    fixed(c.swapInWaitS.total, 3),
    c.swapInWaitS.mean === null ? '–' : (c.swapInWaitS.mean * 1000).toFixed(1),
    String(c.killed),
  ]);
}

/** The sentence above the table: how far apart machines are, and the swap traffic. */
export function memorySummary(run: RunResult): string {
  const m = run.memory;
  const spread = m.utilizationSpread;
  return (
    `Memory utilization across machines, over ${spread.ticks} ticks from warmup on: per-tick standard deviation ` +
    `${points(spread.meanSd)} and max − min ${points(spread.meanRange)} on average. ` +
    `Swap traffic: ${fixed(m.swapTrafficMB.out, 0)} MB out, ${fixed(m.swapTrafficMB.in, 0)} MB in.`
  );
}

/** The memory section of one run. */
export function memoryLines(run: RunResult): string[] {
  return [
    memorySummary(run),
    '',
    `| ${MEMORY_HEADER.join(' | ')} |`,
    `|${MEMORY_HEADER.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...memoryRows(run).map((r) => `| ${r.join(' | ')} |`),
  ];
}
