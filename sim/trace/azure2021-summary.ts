// The offered load of a 2021 trace window, by one streaming pass over its rows; the same pass finds each
// function's median duration for the duration rule (a function is short when at least half its invocations
// in the window are at most thresholdS).

import { DEFAULT_CLASS_RULE_2021, windowRows } from './azure2021-rows.ts';
import { classifier } from './classes.ts';
import type { TraceContext } from './context.ts';
import { fixedPeakMB } from './memory.ts';
import { loadFields, perClass, scaleAndLoad, type TraceSummary } from './summary.ts';

export interface Scan2021 {
  readonly summary: TraceSummary;
  /** `app,func` -> is the function's median duration at most the duration rule's threshold? */
  readonly medianShort: ReadonlyMap<string, boolean>;
}

interface FunctionTally {
  total: number;
  short: number;
  sumS: number;
  readonly app: string;
}

/** Whether the source needs this pass first: for the duration rule's medians, or to reach targetLoad. */
export function needsScan2021(ctx: TraceContext): boolean {
  const rule = ctx.spec.classOf ?? DEFAULT_CLASS_RULE_2021;
  return rule.rule === 'duration' || ctx.spec.targetLoad !== undefined;
}

export function scan2021(ctx: TraceContext): Scan2021 {
  const rule = ctx.spec.classOf ?? DEFAULT_CLASS_RULE_2021;
  const t = tallyRows(ctx, rule.rule === 'duration' ? rule.thresholdS : Infinity);
  const medianShort = new Map<string, boolean>();
  for (const [k, v] of t.fns) medianShort.set(k, 2 * v.short >= v.total);
  const w = ctx.window(0);
  const minutes = Math.max(1, w.to !== undefined ? w.to - w.from : t.perMinute.length);
  while (t.perMinute.length < minutes) t.perMinute.push(0);
  const meanRuntimeS = t.total > 0 ? t.sumS / t.total : 0;
  const { classCount, classWork } = classTotals(ctx, t.fns, medianShort);
  const { perMinute, total: invocations, sumS: totalWork } = t;
  const load = loadFields({ invocations, minutes, perMinute, meanRuntimeS, classCount, classWork, totalWork });
  const summary: TraceSummary = {
    format: 'azure2021',
    functions: t.fns.size,
    apps: t.apps.size,
    fromMin: w.from,
    toMin: w.from + minutes,
    ...load,
    meanPeakMemoryMB: fixedPeakMB(ctx.spec),
    ...scaleAndLoad(ctx, load.ratePerS, meanRuntimeS),
    skippedFunctions: 0,
  };
  return { summary, medianShort };
}

/** One pass over the window's rows: per function (`app,func`) and per minute counts, runtimes (s, scaled). */
function tallyRows(ctx: TraceContext, thresholdS: number) {
  const fns = new Map<string, FunctionTally>();
  const apps = new Set<string>();
  const perMinute: number[] = [];
  let total = 0;
  let sumS = 0;
  for (const { row, minute } of windowRows(ctx)) {
    const key = `${row.app},${row.func}`;
    let fn = fns.get(key);
    if (fn === undefined) {
      fn = { total: 0, short: 0, sumS: 0, app: row.app };
      fns.set(key, fn);
    }
    apps.add(row.app);
    const d = Math.max(1e-6, row.durationS * ctx.spec.runtime.scale);
    fn.total++;
    fn.sumS += d;
    if (row.durationS <= thresholdS) fn.short++;
    while (perMinute.length <= minute) perMinute.push(0);
    perMinute[minute]++;
    total++;
    sumS += d;
  }
  return { fns, apps, perMinute, total, sumS };
}

/** Invocations and work (s) per declared class. */
function classTotals(ctx: TraceContext, fns: Map<string, FunctionTally>, medianShort: Map<string, boolean>) {
  const classify = classifier(ctx, DEFAULT_CLASS_RULE_2021);
  const classCount = perClass(ctx);
  const classWork = perClass(ctx);
  for (const [k, v] of fns) {
    const c = classify(null, medianShort.get(k) ? 0 : Infinity, v.app);
    classCount[c] += v.total;
    classWork[c] += v.sumS;
  }
  return { classCount, classWork };
}
