import type { InvocationTemplate } from './invocation.ts';

// How a function's memory grows (paper 4.1: "over their lifetime, functions increase their memory usage from an
// initial amount to their total usage"). The paper does not say how; the model grows it with the work done, in
// `steps` equal steps: level j (j = 0..steps-1) is entered once ceil(j * workUs / steps) us of work is done (a
// whole microsecond, so float progress meets it with the same tolerance as any checkpoint) and is
// initial + (peak - initial) * j / (steps - 1), rounded down to whole MB. One step means the peak from the start.

/** Memory at a given amount of completed work. */
export function memoryAtWorkMB(inv: InvocationTemplate, doneUs: number, steps: number): number {
  if (steps <= 1) return inv.peakMemoryMB;
  return levelMB(inv, levelAt(inv, doneUs, steps), steps);
}

/** Work (us) at which the next memory level starts, or Infinity at the last level. */
export function nextGrowthWorkUs(inv: InvocationTemplate, doneUs: number, steps: number): number {
  if (steps <= 1) return Infinity;
  const level = levelAt(inv, doneUs, steps);
  return level >= steps - 1 ? Infinity : levelStartUs(inv, level + 1, steps);
}

/**
 * Memory-MB-microseconds an invocation uses over its run, counted over work done (billing charges what the
 * function used while it ran, not the time it waited or sat in swap because of the provider's scheduling).
 */
export function memoryWorkIntegralMBUs(inv: InvocationTemplate, steps: number): number {
  if (steps <= 1) return inv.peakMemoryMB * inv.workUs;
  let total = 0;
  for (let level = 0; level < steps; level++) {
    const fromUs = levelStartUs(inv, level, steps);
    const toUs = level === steps - 1 ? inv.workUs : levelStartUs(inv, level + 1, steps);
    if (toUs > fromUs) total += levelMB(inv, level, steps) * (toUs - fromUs);
  }
  return total;
}

function levelAt(inv: InvocationTemplate, doneUs: number, steps: number): number {
  let level = 0;
  while (level < steps - 1 && levelStartUs(inv, level + 1, steps) <= doneUs) level++;
  return level;
}

function levelStartUs(inv: InvocationTemplate, level: number, steps: number): number {
  return Math.min(inv.workUs, Math.ceil((level * inv.workUs) / steps));
}

function levelMB(inv: InvocationTemplate, level: number, steps: number): number {
  return inv.initialMemoryMB + Math.floor(((inv.peakMemoryMB - inv.initialMemoryMB) * level) / (steps - 1));
}
