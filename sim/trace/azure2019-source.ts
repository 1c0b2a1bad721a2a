// Arrivals from a 2019 trace: each minute, every function's count (scaled by rateScale) becomes arrival
// times inside the minute as `spread` says; a runtime and a peak memory are drawn per invocation.
// Streams: `trace/arrivals` (counts and times), `trace/runtimes`, `trace/memory`.

import type { InvocationTemplate } from '../../model/invocation.ts';
import { stream, type Uniform } from '../workload/streams.ts';
import type { Azure2019Trace } from './azure2019.ts';
import { functionClasses, sampleWorkUs } from './azure2019-functions.ts';
import { MINUTE_US, type TraceContext } from './context.ts';
import { samplePeakMB2019, templateMemory } from './memory.ts';
import { MinuteSource } from './minute-source.ts';
import { poisson } from './random.ts';

export class Azure2019Source extends MinuteSource {
  private readonly arrivals: Uniform;
  private readonly runtimes: Uniform;
  private readonly memory: Uniform;
  private readonly cls: Int32Array;
  /** Fractional arrivals carried to the function's next minute (spread: even). */
  private readonly carry: Float64Array;
  private counts: Float64Array = new Float64Array(0);
  private block = -1;
  private minute = 0;

  constructor(
    private readonly trace: Azure2019Trace,
    private readonly ctx: TraceContext,
    private readonly rateScale: number,
  ) {
    super(ctx.durationUs());
    const seed = ctx.opts.seed;
    this.arrivals = stream(seed, 'trace/arrivals');
    this.runtimes = stream(seed, 'trace/runtimes');
    this.memory = stream(seed, 'trace/memory');
    this.cls = functionClasses(trace, ctx);
    this.carry = new Float64Array(trace.functions);
  }

  protected template(i: number): InvocationTemplate {
    const f = this.buf.a[i];
    const t = this.trace;
    const workUs = sampleWorkUs(t, this.ctx, f, this.runtimes);
    const memory = templateMemory(this.ctx.spec, samplePeakMB2019(t, this.ctx.spec, f, this.memory));
    return {
      id: this.nextId++,
      tenantId: t.appIndex[f],
      functionId: f,
      declaredClass: this.cls[f],
      workUs,
      initialMemoryMB: memory.initial,
      peakMemoryMB: memory.peak,
      children: [],
    };
  }

  protected fillMinute(): boolean {
    const t = this.trace;
    if (this.minute >= t.minutes) return false;
    const baseUs = this.minute * MINUTE_US;
    if (baseUs >= this.ctx.durationUs()) return false;
    const row = this.minuteRow();
    this.buf.clear();
    for (let f = 0; f < t.functions; f++) {
      const count = this.counts[row + f];
      if (count !== 0) this.spread(f, count * this.rateScale);
    }
    this.buf.sort();
    this.baseUs = baseUs;
    this.minute++;
    return true;
  }

  /** Offset in `counts` of the current minute's row (reading its block of minutes when needed). */
  private minuteRow(): number {
    const t = this.trace;
    const block = Math.floor(this.minute / t.blockMinutes);
    if (block !== this.block) {
      this.counts = t.readBlock(block, this.counts);
      this.block = block;
    }
    return (this.minute - block * t.blockMinutes) * t.functions;
  }

  /** Stages function f's arrivals of this minute: `x` (scaled count) of them, spread as the spec says. */
  private spread(f: number, x: number): void {
    const display = this.trace.files.invocations.display;
    if (this.ctx.spec.spread === 'even') {
      const acc = this.carry[f] + x;
      const n = Math.floor(acc + 1e-9);
      this.carry[f] = Math.max(0, acc - n);
      this.buf.reserve(n, display);
      for (let i = 0; i < n; i++) this.buf.push(Math.floor(((i + 0.5) * MINUTE_US) / n), f, 0, display);
      return;
    }
    const u = this.arrivals;
    const n = this.ctx.spec.spread === 'poisson' ? poisson(x, u) : randomRound(x, u);
    this.buf.reserve(n, display);
    for (let i = 0; i < n; i++) this.buf.push(Math.floor(u() * MINUTE_US), f, 0, display);
  }
}

/** floor(x), plus one with probability frac(x) (no draw when x is whole). */
function randomRound(x: number, u: Uniform): number {
  const n = Math.floor(x);
  const frac = x - n;
  return frac > 0 && u() < frac ? n + 1 : n;
}
