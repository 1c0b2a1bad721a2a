// The offered load of a trace window: its rate, mean runtime and class mix, and the rate scale that puts a
// target load on the cluster's cores.

import type { TraceContext } from './context.ts';
import type { TraceSpec, Trigger } from './spec.ts';

export interface TraceSummary {
  readonly format: TraceSpec['format'];
  readonly functions: number;
  readonly apps: number;
  /** The window used, in trace minutes [fromMin, toMin). */
  readonly fromMin: number;
  readonly toMin: number;
  /** Invocations in the window at rateScale 1 (2019: skipped functions excluded). */
  readonly invocations: number;
  readonly invocationsPerMin: { readonly mean: number; readonly min: number; readonly max: number };
  /** Mean arrival rate (per second) at rateScale 1. */
  readonly ratePerS: number;
  /** Mean runtime (s) of an invocation under the spec's runtime rule, weighted by invocations. */
  readonly meanRuntimeS: number;
  /** ratePerS * meanRuntimeS: busy cores at rateScale 1. */
  readonly offeredCores: number;
  /** Share of invocations per declared class (index 0 = lowest). */
  readonly classShare: readonly number[];
  /** Share of the offered CPU work (invocations x mean runtime) per declared class. */
  readonly classWorkShare: readonly number[];
  /** 2019 only: share of invocations per trigger. */
  readonly triggerShare?: Readonly<Record<Trigger, number>>;
  /** Mean peak memory (MB, before rounding) weighted by invocations. */
  readonly meanPeakMemoryMB: number;
  /** The rate scale the workload uses (spec.rateScale, from targetLoad, or 1). */
  readonly rateScale: number;
  /** Offered load at that scale on `cores` cores, when cores are known. */
  readonly load?: number;
  readonly skippedFunctions: number;
}

/** Counts over a window, in whatever unit of work the format tallies (ms or s). */
export interface WindowTally {
  readonly invocations: number;
  readonly minutes: number;
  readonly perMinute: readonly number[];
  readonly meanRuntimeS: number;
  readonly classCount: readonly number[];
  readonly classWork: readonly number[];
  readonly totalWork: number;
}

/** The rateScale that puts `targetLoad` on `cores` cores: targetLoad * cores / offeredCores. */
export function rateScaleFor(summary: TraceSummary, targetLoad: number, cores: number): number {
  return (targetLoad * cores) / summary.offeredCores;
}

/** The rate, class and load fields of a summary from a window's tally. */
export function loadFields(t: WindowTally) {
  const total = t.invocations;
  const ratePerS = total / (t.minutes * 60);
  return {
    invocations: total,
    invocationsPerMin: { mean: total / t.minutes, min: Math.min(...t.perMinute), max: Math.max(...t.perMinute) },
    ratePerS,
    meanRuntimeS: t.meanRuntimeS,
    offeredCores: ratePerS * t.meanRuntimeS,
    classShare: t.classCount.map((c) => (total > 0 ? c / total : 0)),
    classWorkShare: t.classWork.map((c) => (t.totalWork > 0 ? c / t.totalWork : 0)),
  };
}

/** The rate scale (spec.rateScale, from targetLoad, or 1) and the offered load it gives, when cores are known. */
export function scaleAndLoad(ctx: TraceContext, ratePerS: number, meanRuntimeS: number) {
  const s = ctx.spec;
  const cores = s.cores ?? ctx.opts.cores;
  const offered = ratePerS * meanRuntimeS;
  if (s.targetLoad !== undefined) {
    if (cores === undefined) {
      ctx.error(['cores'], 'a core count (here or from the cluster) to reach targetLoad, got nothing');
    }
    if (!(offered > 0)) ctx.error(['targetLoad'], `a trace window with a positive offered load, got ${offered}`);
    return { rateScale: (s.targetLoad * cores) / offered, load: s.targetLoad };
  }
  const rateScale = s.rateScale ?? 1;
  return { rateScale, load: cores === undefined ? undefined : (offered * rateScale) / cores };
}

/** Zero-filled per-class tallies. */
export function perClass(ctx: TraceContext): number[] {
  return new Array<number>(ctx.opts.classCount).fill(0);
}
