// Trace-driven workloads: an ArrivalSource over an Azure Functions trace (2019 or 2021), plus a summary of
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
// declaredClass from classOf; workUs = max(1, round(runtime_ms * 1000 * runtime.scale));
// peakMemoryMB = max(1, round(MB * memory.scale)), initialMemoryMB = min(spec.initialMemoryMB, peak).

import { isAbsolute, join } from 'node:path';
import type { InvocationTemplate } from '../../model/invocation.ts';
import type { ArrivalSource } from '../engine/simulate.ts';
import { formatPath, InputError } from '../util/errors.ts';
import { stream, type Uniform } from '../workload/streams.ts';
import { Azure2019Trace, DURATION_QS, MEMORY_QS } from './azure2019.ts';
import { Azure2021Reader, type Azure2021Row } from './azure2021.ts';
import { quantileAtArrays, quantileMeanArrays } from './percentiles.ts';
import { hashFraction, poisson } from './random.ts';
import { type ClassRef, type ClassRule, TRIGGERS, type TraceSpec, type Trigger } from './spec.ts';

export interface TraceOptions {
  /** Directory that a relative spec.path is resolved against (the scenario file's directory). */
  readonly baseDir: string;
  readonly seed: number;
  /** Size of the price-class table (class indices 0..classCount-1; the highest is user-facing). */
  readonly classCount: number;
  /** Class names (lowest first), to resolve class names in classOf. */
  readonly classNames?: readonly string[];
  /** Stop arrivals at this many seconds of simulated time (the window is cut to it too). */
  readonly durationS?: number;
  /** Cores of the cluster, for targetLoad when the spec gives no `cores`. */
  readonly cores?: number;
  /** Where the spec came from, for messages (`<specFile>: workload.trace.<field>: ...`). */
  readonly specFile?: string;
  /** Field path of the spec in that file (default workload.trace). */
  readonly specPath?: readonly (string | number)[];
  /** 2019: minutes read per block (memory: functions x blockMinutes counts). Default 60. */
  readonly blockMinutes?: number;
}

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

const MINUTE_US = 60_000_000;
/** Arrivals are sorted as one float: offsetUs * SHIFT + index (offset < 2^26 us, index < 2^26). */
const SHIFT = 2 ** 26;

export function createTraceWorkload(spec: TraceSpec, opts: TraceOptions): ArrivalSource {
  const ctx = new Context(spec, opts);
  if (spec.format === 'azure2019') {
    const trace = load2019(spec, opts, ctx);
    const summary = summary2019(trace, spec, opts, ctx);
    return new Azure2019Source(trace, spec, opts, ctx, summary.rateScale);
  }
  const pre = needsPrePass(spec) ? scan2021(spec, opts, ctx) : null;
  const rateScale = pre ? pre.summary.rateScale : (spec.rateScale ?? 1);
  return new Azure2021Source(spec, opts, ctx, rateScale, pre);
}

/** The trace's rate, mean runtime and class mix over the window (one streaming pass over the trace). */
export function traceOfferedLoad(spec: TraceSpec, opts: TraceOptions): TraceSummary {
  const ctx = new Context(spec, opts);
  if (spec.format === 'azure2019') return summary2019(load2019(spec, opts, ctx), spec, opts, ctx);
  return scan2021(spec, opts, ctx).summary;
}

/** The rateScale that puts `targetLoad` on `cores` cores: targetLoad * cores / offeredCores. */
export function rateScaleFor(summary: TraceSummary, targetLoad: number, cores: number): number {
  return (targetLoad * cores) / summary.offeredCores;
}

// ---------------------------------------------------------------------------------------------------------
// Shared: paths, classes, windows, memory

class Context {
  readonly specFile: string;
  readonly specPath: readonly (string | number)[];
  readonly high: number;
  constructor(
    readonly spec: TraceSpec,
    readonly opts: TraceOptions,
  ) {
    this.specFile = opts.specFile ?? 'trace spec';
    this.specPath = opts.specPath ?? ['workload', 'trace'];
    if (!Number.isInteger(opts.classCount) || opts.classCount < 1)
      this.error([], `a class table of at least 1 class, got ${opts.classCount}`);
    if (opts.durationS !== undefined && !(opts.durationS > 0))
      this.error([], `a positive durationS, got ${opts.durationS}`);
    this.high = opts.classCount - 1;
  }

  error(path: (string | number)[], what: string): never {
    throw new InputError(`${this.specFile}: ${formatPath([...this.specPath, ...path])}: ${what}`);
  }

  file(p: string): { path: string; display: string } {
    const path = isAbsolute(p) ? p : join(this.opts.baseDir, p);
    return { path, display: path };
  }

  classIndex(ref: ClassRef | undefined, dflt: number, path: (string | number)[]): number {
    if (ref === undefined) return dflt;
    const n = this.opts.classCount;
    if (typeof ref === 'number') {
      if (ref < n) return ref;
      return this.error(path, `a class index below ${n} (the class table has ${n}), got ${ref}`);
    }
    const i = this.opts.classNames?.indexOf(ref) ?? -1;
    if (i >= 0 && i < n) return i;
    const names = this.opts.classNames?.length
      ? `one of ${this.opts.classNames.map((s) => JSON.stringify(s)).join(', ')}`
      : 'a class index (no class names known)';
    return this.error(path, `${names} or an index below ${n}, got ${JSON.stringify(ref)}`);
  }

  /** classOf of a function from its trigger, median runtime (s) and app id. */
  classifier(defaultRule: ClassRule): (trigger: Trigger | null, medianS: number, app: string) => number {
    const rule = this.spec.classOf ?? defaultRule;
    if (rule.rule === 'trigger') {
      const byTrigger = TRIGGERS.map((t) => this.classIndex(rule.map[t], t === 'http' ? this.high : 0, ['classOf', t]));
      return (trigger) => byTrigger[TRIGGERS.indexOf(trigger ?? 'others')];
    }
    const high = this.classIndex(rule.high, this.high, ['classOf', 'high']);
    const low = this.classIndex(rule.low, 0, ['classOf', 'low']);
    if (rule.rule === 'duration') return (_t, medianS) => (medianS <= rule.thresholdS ? high : low);
    return (_t, _m, app) => (hashFraction(`${rule.salt}${app}`) < rule.highFraction ? high : low);
  }

  /** [fromMin, toMin) of the spec, toMin cut to durationS. */
  window(fileFrom: number): { from: number; to: number | undefined } {
    const from = this.spec.window?.fromMin ?? fileFrom;
    let to = this.spec.window?.toMin;
    if (this.opts.durationS !== undefined) {
      const cut = from + Math.ceil(this.opts.durationS / 60);
      to = to === undefined ? cut : Math.min(to, cut);
    }
    return { from, to };
  }

  durationUs(): number {
    return this.opts.durationS === undefined ? Infinity : Math.round(this.opts.durationS * 1e6);
  }

  rateScale(ratePerS: number, meanRuntimeS: number): { rateScale: number; load?: number } {
    const s = this.spec;
    const cores = s.cores ?? this.opts.cores;
    const offered = ratePerS * meanRuntimeS;
    if (s.targetLoad !== undefined) {
      if (cores === undefined)
        this.error(['cores'], 'a core count (here or from the cluster) to reach targetLoad, got nothing');
      if (!(offered > 0)) this.error(['targetLoad'], `a trace window with a positive offered load, got ${offered}`);
      return { rateScale: (s.targetLoad * cores) / offered, load: s.targetLoad };
    }
    const rateScale = s.rateScale ?? 1;
    return { rateScale, load: cores === undefined ? undefined : (offered * rateScale) / cores };
  }

  /** Peak and initial memory (integer MB) from a trace value (MB). */
  memory(mb: number): { peak: number; initial: number } {
    const peak = Math.max(1, Math.round(mb));
    return { peak, initial: Math.min(this.spec.initialMemoryMB, peak) };
  }
}

function memorySample(spec: TraceSpec): 'percentiles' | 'average' | 'fixed' {
  return spec.memory.sample ?? (spec.format === 'azure2021' ? 'fixed' : 'percentiles');
}

function fixedPeakMB(spec: TraceSpec): number {
  return spec.memory.peakMB ?? spec.initialMemoryMB;
}

// ---------------------------------------------------------------------------------------------------------
// Azure 2019

const DEFAULT_2019: ClassRule = { rule: 'trigger', map: {} };

function load2019(spec: TraceSpec, opts: TraceOptions, ctx: Context): Azure2019Trace {
  const files = spec.files ?? { invocations: 'invocations.csv', durations: 'durations.csv', memory: 'memory.csv' };
  const dir = spec.path;
  const at = (name: string) => ctx.file(isAbsolute(name) ? name : join(dir, name));
  const w = ctx.window(-Infinity);
  return new Azure2019Trace(
    {
      invocations: at(files.invocations),
      durations: at(files.durations),
      memory: memorySample(spec) === 'fixed' ? null : at(files.memory),
    },
    {
      fromMin: Number.isFinite(w.from) ? w.from : undefined,
      toMin: w.to !== undefined && Number.isFinite(w.to) ? w.to : undefined,
      minmaxTails: spec.runtime.tails === 'minmax',
      missing: spec.missing,
      blockMinutes: opts.blockMinutes,
    },
  );
}

/** Per-function class, mean runtime (ms) and mean peak memory (MB) of a 2019 trace under the spec. */
function functionTable2019(trace: Azure2019Trace, spec: TraceSpec, ctx: Context) {
  const K = DURATION_QS.length;
  const M = MEMORY_QS.length;
  const classify = ctx.classifier(DEFAULT_2019);
  const F = trace.functions;
  const cls = new Int32Array(F);
  const meanMs = new Float64Array(F);
  const meanMB = new Float64Array(F);
  const mem = memorySample(spec);
  for (let f = 0; f < F; f++) {
    cls[f] = classify(
      TRIGGERS[trace.trigger[f]],
      trace.durationVals[f * K + 3] / 1000,
      trace.appIds[trace.appIndex[f]],
    );
    meanMs[f] =
      (spec.runtime.sample === 'average'
        ? trace.averageMs[f]
        : quantileMeanArrays(DURATION_QS, trace.durationVals, f * K)) * spec.runtime.scale;
    meanMB[f] =
      mem === 'fixed'
        ? fixedPeakMB(spec)
        : (mem === 'average' ? trace.averageMB[f] : quantileMeanArrays(MEMORY_QS, trace.memoryVals, f * M)) *
          spec.memory.scale;
  }
  return { cls, meanMs, meanMB };
}

function summary2019(trace: Azure2019Trace, spec: TraceSpec, opts: TraceOptions, ctx: Context): TraceSummary {
  const { cls, meanMs, meanMB } = functionTable2019(trace, spec, ctx);
  let total = 0;
  let runtimeMs = 0;
  let memMB = 0;
  const classCount = new Array<number>(opts.classCount).fill(0);
  const classWork = new Array<number>(opts.classCount).fill(0);
  const triggerCount = new Array<number>(TRIGGERS.length).fill(0);
  for (let f = 0; f < trace.functions; f++) {
    const c = trace.countPerFunction[f];
    total += c;
    runtimeMs += c * meanMs[f];
    memMB += c * meanMB[f];
    classCount[cls[f]] += c;
    classWork[cls[f]] += c * meanMs[f];
    triggerCount[trace.trigger[f]] += c;
  }
  const minutes = trace.minutes;
  const perMin = Array.from(trace.countPerMinute);
  const ratePerS = total / (minutes * 60);
  const meanRuntimeS = total > 0 ? runtimeMs / total / 1000 : 0;
  const triggerShare = Object.fromEntries(
    TRIGGERS.map((t, i) => [t, total > 0 ? triggerCount[i] / total : 0]),
  ) as Record<Trigger, number>;
  return {
    format: 'azure2019',
    functions: trace.functions,
    apps: trace.apps,
    fromMin: trace.fromMin,
    toMin: trace.toMin,
    invocations: total,
    invocationsPerMin: { mean: total / minutes, min: Math.min(...perMin), max: Math.max(...perMin) },
    ratePerS,
    meanRuntimeS,
    offeredCores: ratePerS * meanRuntimeS,
    classShare: classCount.map((c) => (total > 0 ? c / total : 0)),
    classWorkShare: classWork.map((c) => (runtimeMs > 0 ? c / runtimeMs : 0)),
    triggerShare,
    meanPeakMemoryMB: total > 0 ? memMB / total : 0,
    ...ctx.rateScale(ratePerS, meanRuntimeS),
    skippedFunctions: trace.skippedFunctions,
  };
}

interface Out {
  arrivalUs: number;
  template: InvocationTemplate | null;
}

/** Sorted arrivals of one minute: keys (offsetUs * SHIFT + index) and per-index payload. */
class MinuteBuffer {
  keys = new Float64Array(1024);
  a = new Int32Array(1024);
  b = new Float64Array(1024);
  n = 0;
  pos = 0;

  /** Fails before allocating when `count` more arrivals would not fit in one minute. */
  reserve(count: number, display: string): void {
    if (!(this.n + count <= SHIFT))
      throw new InputError(`${display}: at most ${SHIFT} arrivals in one trace minute (lower rateScale), got more`);
  }

  push(offsetUs: number, a: number, b: number, display: string): void {
    if (this.n >= SHIFT) this.reserve(1, display);
    if (this.n === this.keys.length) {
      const size = this.keys.length * 2;
      const keys = new Float64Array(size);
      keys.set(this.keys);
      this.keys = keys;
      const a = new Int32Array(size);
      a.set(this.a);
      this.a = a;
      const b = new Float64Array(size);
      b.set(this.b);
      this.b = b;
    }
    this.keys[this.n] = offsetUs * SHIFT + this.n;
    this.a[this.n] = a;
    this.b[this.n] = b;
    this.n++;
  }

  sort(): void {
    this.keys.subarray(0, this.n).sort();
    this.pos = 0;
  }

  clear(): void {
    this.n = 0;
    this.pos = 0;
  }
}

class Azure2019Source implements ArrivalSource {
  private readonly arrivals: Uniform;
  private readonly runtimes: Uniform;
  private readonly memoryU: Uniform;
  private readonly cls: Int32Array;
  private readonly carry: Float64Array;
  private readonly durationUs: number;
  private readonly buf = new MinuteBuffer();
  private readonly out: Out = { arrivalUs: 0, template: null };
  private readonly mem: 'percentiles' | 'average' | 'fixed';
  private counts: Float64Array = new Float64Array(0);
  private block = -1;
  private minute = 0;
  private baseUs = 0;
  private nextId = 0;
  private done = false;

  constructor(
    private readonly trace: Azure2019Trace,
    private readonly spec: TraceSpec,
    opts: TraceOptions,
    private readonly ctx: Context,
    private readonly rateScale: number,
  ) {
    this.arrivals = stream(opts.seed, 'trace/arrivals');
    this.runtimes = stream(opts.seed, 'trace/runtimes');
    this.memoryU = stream(opts.seed, 'trace/memory');
    this.cls = functionTable2019(trace, spec, ctx).cls;
    this.carry = new Float64Array(trace.functions);
    this.durationUs = ctx.durationUs();
    this.mem = memorySample(spec);
  }

  next(): { readonly arrivalUs: number; readonly template: InvocationTemplate } | null {
    if (this.done) return null;
    const buf = this.buf;
    while (buf.pos >= buf.n) {
      if (!this.fillMinute()) {
        this.done = true;
        return null;
      }
    }
    const key = buf.keys[buf.pos++];
    const offset = Math.floor(key / SHIFT);
    const f = buf.a[key - offset * SHIFT];
    const arrivalUs = this.baseUs + offset;
    if (arrivalUs >= this.durationUs) {
      this.done = true;
      return null;
    }
    this.out.arrivalUs = arrivalUs;
    this.out.template = this.template(f);
    return this.out as { arrivalUs: number; template: InvocationTemplate };
  }

  private template(f: number): InvocationTemplate {
    const t = this.trace;
    const s = this.spec;
    const ms =
      s.runtime.sample === 'average'
        ? t.averageMs[f]
        : quantileAtArrays(DURATION_QS, t.durationVals, f * DURATION_QS.length, this.runtimes());
    const workUs = Math.max(1, Math.round(ms * 1000 * s.runtime.scale));
    let mb: number;
    if (this.mem === 'fixed') mb = fixedPeakMB(s);
    else if (this.mem === 'average') mb = t.averageMB[f] * s.memory.scale;
    else mb = quantileAtArrays(MEMORY_QS, t.memoryVals, f * MEMORY_QS.length, this.memoryU()) * s.memory.scale;
    const { peak, initial } = this.ctx.memory(mb);
    return {
      id: this.nextId++,
      tenantId: t.appIndex[f],
      functionId: f,
      declaredClass: this.cls[f],
      workUs,
      initialMemoryMB: initial,
      peakMemoryMB: peak,
      children: [],
    };
  }

  /** Generates, sorts and stages the next minute's arrivals; false when the window (or duration) is over. */
  private fillMinute(): boolean {
    const t = this.trace;
    if (this.minute >= t.minutes) return false;
    const baseUs = this.minute * MINUTE_US;
    if (baseUs >= this.durationUs) return false;
    const block = Math.floor(this.minute / t.blockMinutes);
    if (block !== this.block) {
      this.counts = t.readBlock(block, this.counts);
      this.block = block;
    }
    const F = t.functions;
    const row = (this.minute - block * t.blockMinutes) * F;
    const buf = this.buf;
    buf.clear();
    const spread = this.spec.spread;
    const u = this.arrivals;
    const display = t.files.invocations.display;
    for (let f = 0; f < F; f++) {
      const c = this.counts[row + f];
      if (c === 0) continue;
      const x = c * this.rateScale;
      if (spread === 'even') {
        const acc = this.carry[f] + x;
        const n = Math.floor(acc + 1e-9);
        this.carry[f] = Math.max(0, acc - n);
        buf.reserve(n, display);
        for (let i = 0; i < n; i++) buf.push(Math.floor(((i + 0.5) * MINUTE_US) / n), f, 0, display);
      } else {
        let n: number;
        if (spread === 'poisson') n = poisson(x, u);
        else {
          n = Math.floor(x);
          const frac = x - n;
          if (frac > 0 && u() < frac) n++;
        }
        buf.reserve(n, display);
        for (let i = 0; i < n; i++) buf.push(Math.floor(u() * MINUTE_US), f, 0, display);
      }
    }
    buf.sort();
    this.baseUs = baseUs;
    this.minute++;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Azure 2021

const DEFAULT_2021: ClassRule = { rule: 'duration', thresholdS: 1 };

function needsPrePass(spec: TraceSpec): boolean {
  const rule = spec.classOf ?? DEFAULT_2021;
  return rule.rule === 'duration' || spec.targetLoad !== undefined;
}

interface Scan2021 {
  readonly summary: TraceSummary;
  /** (app, func) -> median duration <= threshold? via counts: [total, short]. */
  readonly medianShort: Map<string, boolean>;
}

/** Iterates the rows of a 2021 trace inside the window (and duration), in file order. */
function* windowRows(
  spec: TraceSpec,
  ctx: Context,
): Generator<{ row: Azure2021Row; startUs: number; minute: number; display: string }> {
  const f = ctx.file(spec.path);
  const reader = new Azure2021Reader(f.path, f.display);
  try {
    const w = ctx.window(0);
    const fromUs = w.from * MINUTE_US;
    const toUs = w.to === undefined ? Infinity : w.to * MINUTE_US;
    const durationUs = ctx.durationUs();
    let lastMinute = -1;
    for (let row = reader.next(); row !== null; row = reader.next()) {
      const absUs = Math.floor(row.startS * 1e6);
      const minute = Math.floor(absUs / MINUTE_US);
      if (minute < lastMinute) {
        reader.close();
        throw new InputError(
          `${f.display}:${row.line}:${reader.cEnd + 1}: an invocation starting (end_timestamp - duration) in minute ${lastMinute} or later (rows sorted by start time, to the minute), got minute ${minute}`,
        );
      }
      lastMinute = minute;
      if (absUs < fromUs) continue;
      if (absUs >= toUs || absUs - fromUs >= durationUs) break;
      yield { row, startUs: absUs - fromUs, minute: minute - w.from, display: f.display };
    }
  } finally {
    reader.close();
  }
}

function medianRule(spec: TraceSpec): number {
  const rule = spec.classOf ?? DEFAULT_2021;
  return rule.rule === 'duration' ? rule.thresholdS : Infinity;
}

function scan2021(spec: TraceSpec, opts: TraceOptions, ctx: Context): Scan2021 {
  const threshold = medianRule(spec);
  const fns = new Map<string, { total: number; short: number; sumS: number; app: string }>();
  const apps = new Set<string>();
  const perMinute: number[] = [];
  let total = 0;
  let sumS = 0;
  for (const { row, minute } of windowRows(spec, ctx)) {
    const key = `${row.app},${row.func}`;
    let fn = fns.get(key);
    if (fn === undefined) {
      fn = { total: 0, short: 0, sumS: 0, app: row.app };
      fns.set(key, fn);
    }
    apps.add(row.app);
    const d = Math.max(1e-6, row.durationS * spec.runtime.scale);
    fn.total++;
    fn.sumS += d;
    if (row.durationS <= threshold) fn.short++;
    while (perMinute.length <= minute) perMinute.push(0);
    perMinute[minute]++;
    total++;
    sumS += d;
  }
  const medianShort = new Map<string, boolean>();
  for (const [k, v] of fns) medianShort.set(k, 2 * v.short >= v.total);
  const classify = ctx.classifier(DEFAULT_2021);
  const classCount = new Array<number>(opts.classCount).fill(0);
  const classWork = new Array<number>(opts.classCount).fill(0);
  for (const [k, v] of fns) {
    const c = classify(null, medianShort.get(k) ? 0 : Infinity, v.app);
    classCount[c] += v.total;
    classWork[c] += v.sumS;
  }
  const w = ctx.window(0);
  const minutes = Math.max(1, w.to !== undefined ? w.to - w.from : perMinute.length);
  while (perMinute.length < minutes) perMinute.push(0);
  const ratePerS = total / (minutes * 60);
  const meanRuntimeS = total > 0 ? sumS / total : 0;
  const summary: TraceSummary = {
    format: 'azure2021',
    functions: fns.size,
    apps: apps.size,
    fromMin: w.from,
    toMin: w.from + minutes,
    invocations: total,
    invocationsPerMin: { mean: total / minutes, min: Math.min(...perMinute), max: Math.max(...perMinute) },
    ratePerS,
    meanRuntimeS,
    offeredCores: ratePerS * meanRuntimeS,
    classShare: classCount.map((c) => (total > 0 ? c / total : 0)),
    classWorkShare: classWork.map((c) => (sumS > 0 ? c / sumS : 0)),
    meanPeakMemoryMB: fixedPeakMB(spec),
    ...ctx.rateScale(ratePerS, meanRuntimeS),
    skippedFunctions: 0,
  };
  return { summary, medianShort };
}

class Azure2021Source implements ArrivalSource {
  private readonly rows: ReturnType<typeof windowRows>;
  private readonly arrivals: Uniform;
  private readonly classify: (trigger: Trigger | null, medianS: number, app: string) => number;
  private readonly fnIndex = new Map<string, number>();
  private readonly appIndex = new Map<string, number>();
  private readonly fnClass: number[] = [];
  private readonly fnTenant: number[] = [];
  private readonly buf = new MinuteBuffer();
  private readonly out: Out = { arrivalUs: 0, template: null };
  private readonly peak: { peak: number; initial: number };
  private lookahead: { row: Azure2021Row; startUs: number; minute: number; display: string } | null = null;
  private exhausted = false;
  private baseUs = 0;
  private nextId = 0;
  private done = false;

  constructor(
    private readonly spec: TraceSpec,
    opts: TraceOptions,
    ctx: Context,
    private readonly rateScale: number,
    private readonly pre: Scan2021 | null,
  ) {
    this.rows = windowRows(spec, ctx);
    this.arrivals = stream(opts.seed, 'trace/arrivals');
    this.classify = ctx.classifier(DEFAULT_2021);
    this.peak = ctx.memory(fixedPeakMB(spec));
    // Open the file now (a missing file or a bad header is reported at creation, not at the first arrival).
    this.pull();
  }

  next(): { readonly arrivalUs: number; readonly template: InvocationTemplate } | null {
    if (this.done) return null;
    const buf = this.buf;
    while (buf.pos >= buf.n) {
      if (!this.fillMinute()) {
        this.done = true;
        return null;
      }
    }
    const key = buf.keys[buf.pos++];
    const offset = Math.floor(key / SHIFT);
    const i = key - offset * SHIFT;
    const fn = buf.a[i];
    this.out.arrivalUs = this.baseUs + offset;
    this.out.template = {
      id: this.nextId++,
      tenantId: this.fnTenant[fn],
      functionId: fn,
      declaredClass: this.fnClass[fn],
      workUs: buf.b[i],
      initialMemoryMB: this.peak.initial,
      peakMemoryMB: this.peak.peak,
      children: [],
    };
    return this.out as { arrivalUs: number; template: InvocationTemplate };
  }

  /** Closes the trace file early (it closes by itself at the end of the window or of durationS). */
  close(): void {
    this.exhausted = true;
    this.lookahead = null;
    this.rows.return(undefined);
  }

  private pull(): void {
    if (this.exhausted) return;
    const r = this.rows.next();
    if (r.done) {
      this.exhausted = true;
      this.lookahead = null;
    } else this.lookahead = r.value;
  }

  private functionOf(row: Azure2021Row): number {
    const key = `${row.app},${row.func}`;
    let f = this.fnIndex.get(key);
    if (f === undefined) {
      f = this.fnIndex.size;
      this.fnIndex.set(key, f);
      let a = this.appIndex.get(row.app);
      if (a === undefined) {
        a = this.appIndex.size;
        this.appIndex.set(row.app, a);
      }
      this.fnTenant.push(a);
      const short = this.pre?.medianShort.get(key) ?? true;
      this.fnClass.push(this.classify(null, short ? 0 : Infinity, row.app));
    }
    return f;
  }

  private fillMinute(): boolean {
    const first = this.lookahead;
    if (first === null) return false;
    const minute = first.minute;
    const buf = this.buf;
    buf.clear();
    const u = this.arrivals;
    const scale = this.rateScale;
    const whole = Math.floor(scale);
    const frac = scale - whole;
    while (this.lookahead !== null && this.lookahead.minute === minute) {
      const { row, startUs, display } = this.lookahead;
      const f = this.functionOf(row);
      const workUs = Math.max(1, Math.round(row.durationS * 1e6 * this.spec.runtime.scale));
      const offset = startUs - minute * MINUTE_US;
      let copies = scale < 1 ? (u() < scale ? 1 : 0) : whole + (frac > 0 && u() < frac ? 1 : 0);
      buf.reserve(copies, display);
      if (copies > 0) {
        buf.push(offset, f, workUs, display);
        copies--;
      }
      for (; copies > 0; copies--) buf.push(Math.floor(u() * MINUTE_US), f, workUs, display);
      this.pull();
    }
    buf.sort();
    this.baseUs = minute * MINUTE_US;
    return true;
  }
}
