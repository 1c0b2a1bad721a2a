// Arrivals from a 2021 trace: each row is one invocation with its own duration. rateScale < 1 keeps a row with
// that probability; > 1 repeats it floor(rateScale) times plus once more with probability the fraction, the
// copies at uniform times in the row's minute. Stream: `trace/arrivals`.

import type { InvocationTemplate } from '../../model/invocation.ts';
import { stream, type Uniform } from '../workload/streams.ts';
import type { Azure2021Row } from './azure2021.ts';
import { DEFAULT_CLASS_RULE_2021, type WindowRow, windowRows } from './azure2021-rows.ts';
import type { Scan2021 } from './azure2021-summary.ts';
import { type Classifier, classifier } from './classes.ts';
import { MINUTE_US, type TraceContext } from './context.ts';
import { fixedPeakMB, type TemplateMemory, templateMemory } from './memory.ts';
import { MinuteSource } from './minute-source.ts';

export class Azure2021Source extends MinuteSource {
  private readonly rows: Generator<WindowRow>;
  private readonly arrivals: Uniform;
  private readonly classify: Classifier;
  /** Functions ((app, func) pairs) and apps, numbered in order of first appearance. */
  private readonly fnIndex = new Map<string, number>();
  private readonly appIndex = new Map<string, number>();
  private readonly fnClass: number[] = [];
  private readonly fnTenant: number[] = [];
  private readonly memory: TemplateMemory;
  private lookahead: WindowRow | null = null;
  private exhausted = false;

  constructor(
    private readonly ctx: TraceContext,
    private readonly rateScale: number,
    private readonly scan: Scan2021 | null,
  ) {
    super(ctx.durationUs());
    this.rows = windowRows(ctx);
    this.arrivals = stream(ctx.opts.seed, 'trace/arrivals');
    this.classify = classifier(ctx, DEFAULT_CLASS_RULE_2021);
    this.memory = templateMemory(ctx.spec, fixedPeakMB(ctx.spec));
    // Open the file now (a missing file or a bad header is reported at creation, not at the first arrival).
    this.pull();
  }

  /** Closes the trace file early (it closes by itself at the end of the window or of durationS). */
  close(): void {
    this.exhausted = true;
    this.lookahead = null;
    this.rows.return(undefined);
  }

  protected template(i: number): InvocationTemplate {
    const fn = this.buf.a[i];
    return {
      id: this.nextId++,
      tenantId: this.fnTenant[fn],
      functionId: fn,
      declaredClass: this.fnClass[fn],
      workUs: this.buf.b[i],
      initialMemoryMB: this.memory.initial,
      peakMemoryMB: this.memory.peak,
      children: [],
    };
  }

  protected fillMinute(): boolean {
    const first = this.lookahead;
    if (first === null) return false;
    const minute = first.minute;
    this.buf.clear();
    while (this.lookahead !== null && this.lookahead.minute === minute) {
      this.stage(this.lookahead, minute * MINUTE_US);
      this.pull();
    }
    this.buf.sort();
    this.baseUs = minute * MINUTE_US;
    return true;
  }

  /** Stages the copies of one row (none, the row itself, or the row and extra copies at uniform times). */
  private stage({ row, startUs, display }: WindowRow, minuteStartUs: number): void {
    const u = this.arrivals;
    const scale = this.rateScale;
    const f = this.functionOf(row);
    const workUs = Math.max(1, Math.round(row.durationS * 1e6 * this.ctx.spec.runtime.scale));
    const whole = Math.floor(scale);
    const frac = scale - whole;
    let copies = scale < 1 ? (u() < scale ? 1 : 0) : whole + (frac > 0 && u() < frac ? 1 : 0);
    this.buf.reserve(copies, display);
    if (copies > 0) {
      this.buf.push(startUs - minuteStartUs, f, workUs, display);
      copies--;
    }
    for (; copies > 0; copies--) this.buf.push(Math.floor(u() * MINUTE_US), f, workUs, display);
  }

  private pull(): void {
    if (this.exhausted) return;
    const r = this.rows.next();
    if (r.done) {
      this.exhausted = true;
      this.lookahead = null;
    } else this.lookahead = r.value;
  }

  /** The function id of a row, numbering a new (app, func) pair and its app on first sight. */
  private functionOf(row: Azure2021Row): number {
    const key = `${row.app},${row.func}`;
    const known = this.fnIndex.get(key);
    if (known !== undefined) return known;
    const f = this.fnIndex.size;
    this.fnIndex.set(key, f);
    let a = this.appIndex.get(row.app);
    if (a === undefined) {
      a = this.appIndex.size;
      this.appIndex.set(row.app, a);
    }
    this.fnTenant.push(a);
    const short = this.scan?.medianShort.get(key) ?? true;
    this.fnClass.push(this.classify(null, short ? 0 : Infinity, row.app));
    return f;
  }
}
