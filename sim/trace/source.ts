// Trace-driven workloads: a WorkloadSource over an Azure Functions trace (2019 or 2021), plus a summary of
// the trace's offered load so a scenario can pick rateScale (or give targetLoad) for its cluster.
//
// Time order: the source works minute by minute. For each trace minute it generates the minute's arrivals
// of all functions (2019: from the per-minute counts, spread as `spread` says; 2021: the invocations that
// started in the minute, thinned or repeated by rateScale), sorts them by time (stable: ties keep function
// order, then generation order) and emits them. Arrival times are integer microseconds from the start of the
// window; ids are sequential from 0.
//
// Randomness: one named stream per quantity (sim/workload/streams.ts): `trace/arrivals` (counts and times
// inside a minute), `trace/runtimes`, `trace/memory`; the same seed gives the same sequence, and changing
// how one quantity is drawn does not shift the others.
//
// Per invocation: tenantId = the app (apps numbered in order of first appearance), functionId = the function
// (2019: kept rows of the invocations file in order; 2021: (app, func) pairs in order of first appearance);
// declaredClass from classOf; workUs = max(1, round(runtime_ms * 1000 * runtime.scale)); memory: memory.ts.
//
// The parts: context.ts (options, messages, window), classes.ts (classOf), memory.ts, summary.ts (offered
// load), minute-buffer.ts and minute-source.ts (what both sources share), azure2019-*.ts and azure2021-*.ts.

import type { WorkloadSource } from '../workload/source.ts';
import { openAzure2019 } from './azure2019-functions.ts';
import { Azure2019Source } from './azure2019-source.ts';
import { summary2019 } from './azure2019-summary.ts';
import { Azure2021Source } from './azure2021-source.ts';
import { needsScan2021, scan2021 } from './azure2021-summary.ts';
import { TraceContext, type TraceOptions } from './context.ts';
import type { TraceSpec } from './spec.ts';
import type { TraceSummary } from './summary.ts';

export type { TraceOptions } from './context.ts';
export { rateScaleFor, type TraceSummary } from './summary.ts';

export function createTraceWorkload(spec: TraceSpec, opts: TraceOptions): WorkloadSource {
  const ctx = new TraceContext(spec, opts);
  if (spec.format === 'azure2019') {
    const trace = openAzure2019(ctx);
    return new Azure2019Source(trace, ctx, summary2019(trace, ctx).rateScale);
  }
  const scan = needsScan2021(ctx) ? scan2021(ctx) : null;
  return new Azure2021Source(ctx, scan ? scan.summary.rateScale : (spec.rateScale ?? 1), scan);
}

/** The trace's rate, mean runtime and class mix over the window (one streaming pass over the trace). */
export function traceOfferedLoad(spec: TraceSpec, opts: TraceOptions): TraceSummary {
  const ctx = new TraceContext(spec, opts);
  if (spec.format === 'azure2019') return summary2019(openAzure2019(ctx), ctx);
  return scan2021(ctx).summary;
}
