// The part both trace sources share: hand out the staged minute's arrivals in time order, stage the next
// minute when this one is used up, and stop at the end of the trace or at durationS, whichever comes first.

import type { InvocationTemplate } from '../../model/invocation.ts';
import type { Arrival, WorkloadSource } from '../workload/source.ts';
import { MinuteBuffer, SHIFT } from './minute-buffer.ts';

export abstract class MinuteSource implements WorkloadSource {
  protected readonly buf = new MinuteBuffer();
  /** Start of the staged minute (us from the start of the window); set by fillMinute. */
  protected baseUs = 0;
  protected nextId = 0;
  private readonly out: { arrivalUs: number; template: InvocationTemplate | null } = { arrivalUs: 0, template: null };
  private done = false;

  constructor(private readonly durationUs: number) {}

  next(): Arrival | null {
    if (this.done) return null;
    const buf = this.buf;
    while (buf.pos >= buf.n) {
      if (!this.fillMinute()) return this.stop();
    }
    const key = buf.keys[buf.pos++];
    const offsetUs = Math.floor(key / SHIFT);
    const arrivalUs = this.baseUs + offsetUs;
    if (arrivalUs >= this.durationUs) return this.stop();
    this.out.arrivalUs = arrivalUs;
    this.out.template = this.template(key - offsetUs * SHIFT);
    return this.out as Arrival;
  }

  /** Generates, sorts and stages the next minute's arrivals in buf; false when there are no more. */
  protected abstract fillMinute(): boolean;

  /** The invocation of the staged arrival at index `i` of buf (ids: this.nextId++). */
  protected abstract template(i: number): InvocationTemplate;

  private stop(): null {
    this.done = true;
    return null;
  }
}
