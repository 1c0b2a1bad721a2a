import type { InvocationTemplate } from './invocation.ts';

// How a function's memory grows (paper 4.1: "over their lifetime, functions increase their memory usage from an
// initial amount to their total usage"). The paper does not say against what, so the clock is a knob
// (`memoryGrowth`):
// - `work`: the CPU work the function has done; memory climbs over its whole run (a function that waits does not
//   grow).
// - `front`: the same clock, but memory reaches its peak after the first `memoryGrowthFrontFraction` of the work
//   (functions that load their data first, then compute).
// - `time`: the time since placement that the function has spent in RAM, running or waiting, over a span equal to
//   its work (alone on a core it grows exactly as under `work`). It does not grow while in swap or on its way: a
//   swapped-out function touches no new pages.
// Memory climbs in `steps` equal steps: level j (j = 0..steps-1) is entered once the clock reaches ceil(j * span /
// steps) us (a whole microsecond, so float progress meets it with the same tolerance as any checkpoint) and is
// initial + (peak - initial) * j / (steps - 1), rounded down to whole MB. One step means the peak from the start.

export type MemoryGrowth = 'work' | 'time' | 'front';

export interface GrowthRule {
  readonly memoryGrowth: MemoryGrowth;
  readonly memoryGrowthSteps: number;
  readonly memoryGrowthFrontFraction: number;
}

/** The clock span over which memory climbs from initial to peak. */
export function growthSpanUs(inv: InvocationTemplate, rule: GrowthRule): number {
  if (rule.memoryGrowth !== 'front') return inv.workUs;
  return Math.min(inv.workUs, Math.max(1, Math.ceil(rule.memoryGrowthFrontFraction * inv.workUs)));
}

/** Memory at a given reading of the task's growth clock. */
export function memoryAtMB(inv: InvocationTemplate, clockUs: number, rule: GrowthRule): number {
  const steps = rule.memoryGrowthSteps;
  if (steps <= 1) return inv.peakMemoryMB;
  return levelMB(inv, levelAt(growthSpanUs(inv, rule), clockUs, steps), steps);
}

/** The growth clock's reading at which the next memory level starts, or Infinity at the last level. */
export function nextGrowthUs(inv: InvocationTemplate, clockUs: number, rule: GrowthRule): number {
  const steps = rule.memoryGrowthSteps;
  if (steps <= 1) return Infinity;
  const spanUs = growthSpanUs(inv, rule);
  const level = levelAt(spanUs, clockUs, steps);
  return level >= steps - 1 ? Infinity : levelStartUs(spanUs, level + 1, steps);
}

/**
 * Memory-MB-microseconds an invocation is billed for: its footprint integrated over its work, the footprint being
 * what it holds when it runs alone (billing charges what the function uses, not what the provider's scheduling
 * makes it hold while waiting or in swap). Under `time` growth, alone on a core, time in RAM equals work done.
 */
export function memoryWorkIntegralMBUs(inv: InvocationTemplate, rule: GrowthRule): number {
  const steps = rule.memoryGrowthSteps;
  if (steps <= 1) return inv.peakMemoryMB * inv.workUs;
  const spanUs = growthSpanUs(inv, rule);
  let total = 0;
  for (let level = 0; level < steps; level++) {
    const fromUs = levelStartUs(spanUs, level, steps);
    const toUs = level === steps - 1 ? inv.workUs : levelStartUs(spanUs, level + 1, steps);
    if (toUs > fromUs) total += levelMB(inv, level, steps) * (toUs - fromUs);
  }
  return total;
}

function levelAt(spanUs: number, clockUs: number, steps: number): number {
  let level = 0;
  while (level < steps - 1 && levelStartUs(spanUs, level + 1, steps) <= clockUs) level++;
  return level;
}

function levelStartUs(spanUs: number, level: number, steps: number): number {
  return Math.min(spanUs, Math.ceil((level * spanUs) / steps));
}

function levelMB(inv: InvocationTemplate, level: number, steps: number): number {
  return inv.initialMemoryMB + Math.floor(((inv.peakMemoryMB - inv.initialMemoryMB) * level) / (steps - 1));
}
