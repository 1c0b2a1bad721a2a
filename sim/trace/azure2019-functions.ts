// A 2019 trace opened under a spec (files, window, tails, missing rows), and what the spec makes of each
// function: its declared class, its runtime (one draw per invocation, or the mean for the summary).

import { isAbsolute, join } from 'node:path';
import { Azure2019Trace, DURATION_QS } from './azure2019.ts';
import { classifier } from './classes.ts';
import type { TraceContext } from './context.ts';
import { memorySample } from './memory.ts';
import { quantileAtArrays, quantileMeanArrays } from './percentiles.ts';
import { type ClassRule, TRIGGERS } from './spec.ts';

/** classOf by default: http is user-facing (the highest class), every other trigger class 0. */
const DEFAULT_CLASS_RULE: ClassRule = { rule: 'trigger', map: {} };
const DEFAULT_FILES = { invocations: 'invocations.csv', durations: 'durations.csv', memory: 'memory.csv' };

export function openAzure2019(ctx: TraceContext): Azure2019Trace {
  const spec = ctx.spec;
  const files = spec.files ?? DEFAULT_FILES;
  const at = (name: string) => ctx.file(isAbsolute(name) ? name : join(spec.path, name));
  const w = ctx.window(-Infinity);
  const memory = memorySample(spec) === 'fixed' ? null : at(files.memory);
  return new Azure2019Trace(
    { invocations: at(files.invocations), durations: at(files.durations), memory },
    {
      fromMin: Number.isFinite(w.from) ? w.from : undefined,
      toMin: w.to !== undefined && Number.isFinite(w.to) ? w.to : undefined,
      minmaxTails: spec.runtime.tails === 'minmax',
      missing: spec.missing,
      blockMinutes: ctx.opts.blockMinutes,
    },
  );
}

/** Declared class per function, from its trigger, median duration (percentile_Average_50) and app. */
export function functionClasses(trace: Azure2019Trace, ctx: TraceContext): Int32Array {
  const classify = classifier(ctx, DEFAULT_CLASS_RULE);
  const cls = new Int32Array(trace.functions);
  const medianAt = DURATION_QS.indexOf(0.5);
  for (let f = 0; f < trace.functions; f++) {
    const medianS = trace.durationVals[f * DURATION_QS.length + medianAt] / 1000;
    cls[f] = classify(TRIGGERS[trace.trigger[f]], medianS, trace.appIds[trace.appIndex[f]]);
  }
  return cls;
}

/** One invocation's work: max(1, round(ms * 1000 * scale)); `u` is drawn only when sampling percentiles. */
export function sampleWorkUs(trace: Azure2019Trace, ctx: TraceContext, f: number, u: () => number): number {
  const runtime = ctx.spec.runtime;
  const ms =
    runtime.sample === 'average'
      ? trace.averageMs[f]
      : quantileAtArrays(DURATION_QS, trace.durationVals, f * DURATION_QS.length, u());
  return Math.max(1, Math.round(ms * 1000 * runtime.scale));
}

/** A function's mean runtime (ms, scaled) under the spec's runtime rule. */
export function meanRuntimeMs(trace: Azure2019Trace, ctx: TraceContext, f: number): number {
  const runtime = ctx.spec.runtime;
  const ms =
    runtime.sample === 'average'
      ? trace.averageMs[f]
      : quantileMeanArrays(DURATION_QS, trace.durationVals, f * DURATION_QS.length);
  return ms * runtime.scale;
}
