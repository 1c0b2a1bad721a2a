// The offered load of a 2019 trace window, from the per-function and per-minute totals of the loaded trace.

import type { Azure2019Trace } from './azure2019.ts';
import { functionClasses, meanRuntimeMs } from './azure2019-functions.ts';
import type { TraceContext } from './context.ts';
import { meanPeakMB2019 } from './memory.ts';
import { TRIGGERS, type Trigger } from './spec.ts';
import { loadFields, perClass, scaleAndLoad, type TraceSummary } from './summary.ts';

export function summary2019(trace: Azure2019Trace, ctx: TraceContext): TraceSummary {
  const cls = functionClasses(trace, ctx);
  let total = 0;
  let runtimeMs = 0;
  let memMB = 0;
  const classCount = perClass(ctx);
  const classWork = perClass(ctx);
  const triggerCount = new Array<number>(TRIGGERS.length).fill(0);
  for (let f = 0; f < trace.functions; f++) {
    const c = trace.countPerFunction[f];
    const meanMs = meanRuntimeMs(trace, ctx, f);
    total += c;
    runtimeMs += c * meanMs;
    memMB += c * meanPeakMB2019(trace, ctx.spec, f);
    classCount[cls[f]] += c;
    classWork[cls[f]] += c * meanMs;
    triggerCount[trace.trigger[f]] += c;
  }
  const meanRuntimeS = total > 0 ? runtimeMs / total / 1000 : 0;
  const perMinute = Array.from(trace.countPerMinute);
  const tally = { invocations: total, minutes: trace.minutes, perMinute, meanRuntimeS, classCount, classWork };
  const load = loadFields({ ...tally, totalWork: runtimeMs });
  return {
    format: 'azure2019',
    functions: trace.functions,
    apps: trace.apps,
    fromMin: trace.fromMin,
    toMin: trace.toMin,
    ...load,
    triggerShare: shares(triggerCount, total),
    meanPeakMemoryMB: total > 0 ? memMB / total : 0,
    ...scaleAndLoad(ctx, load.ratePerS, meanRuntimeS),
    skippedFunctions: trace.skippedFunctions,
  };
}

function shares(triggerCount: readonly number[], total: number): Record<Trigger, number> {
  const entries = TRIGGERS.map((t, i) => [t, total > 0 ? triggerCount[i] / total : 0] as const);
  return Object.fromEntries(entries) as Record<Trigger, number>;
}
