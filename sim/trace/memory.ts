// The memory of a trace invocation: how the peak is sampled (2019: per-function percentiles or average; 2021,
// which has no memory columns: a fixed peak) and how it becomes integer MB.
//   peakMemoryMB = max(1, round(MB)), initialMemoryMB = min(spec.initialMemoryMB, peak).

import type { Azure2019Trace } from './azure2019.ts';
import { MEMORY_QS } from './azure2019.ts';
import { quantileAtArrays, quantileMeanArrays } from './percentiles.ts';
import type { TraceSpec } from './spec.ts';

export type MemorySample = 'percentiles' | 'average' | 'fixed';

export interface TemplateMemory {
  readonly peak: number;
  readonly initial: number;
}

export function memorySample(spec: TraceSpec): MemorySample {
  return spec.memory.sample ?? (spec.format === 'azure2021' ? 'fixed' : 'percentiles');
}

export function fixedPeakMB(spec: TraceSpec): number {
  return spec.memory.peakMB ?? spec.initialMemoryMB;
}

/** Peak and initial memory (integer MB) from a trace value (MB). */
export function templateMemory(spec: TraceSpec, mb: number): TemplateMemory {
  const peak = Math.max(1, Math.round(mb));
  return { peak, initial: Math.min(spec.initialMemoryMB, peak) };
}

/** A 2019 function's peak memory (MB, before rounding) for one invocation; `u` is drawn only by percentiles. */
export function samplePeakMB2019(trace: Azure2019Trace, spec: TraceSpec, f: number, u: () => number): number {
  const sample = memorySample(spec);
  if (sample === 'fixed') return fixedPeakMB(spec);
  if (sample === 'average') return trace.averageMB[f] * spec.memory.scale;
  return quantileAtArrays(MEMORY_QS, trace.memoryVals, f * MEMORY_QS.length, u()) * spec.memory.scale;
}

/** A 2019 function's mean peak memory (MB) under the spec, for the summary. */
export function meanPeakMB2019(trace: Azure2019Trace, spec: TraceSpec, f: number): number {
  const sample = memorySample(spec);
  if (sample === 'fixed') return fixedPeakMB(spec);
  if (sample === 'average') return trace.averageMB[f] * spec.memory.scale;
  return quantileMeanArrays(MEMORY_QS, trace.memoryVals, f * MEMORY_QS.length) * spec.memory.scale;
}
