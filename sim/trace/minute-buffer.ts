// One trace minute's arrivals, sorted by time: the sources generate a minute, sort it, then hand it out.
// Each arrival is one float key, offsetUs * SHIFT + index (offset < 2^26 us, index < 2^26), so one typed-array
// sort orders by time and keeps generation order for ties; the index finds its payload (a, b).

import { InputError } from '../util/errors.ts';

export const SHIFT = 2 ** 26;

export class MinuteBuffer {
  keys = new Float64Array(1024);
  /** Per-index payload: the function (both formats). */
  a = new Int32Array(1024);
  /** Per-index payload: the work in us (2021; 0 for 2019). */
  b = new Float64Array(1024);
  n = 0;
  pos = 0;

  /** Fails before allocating when `count` more arrivals would not fit in one minute. */
  reserve(count: number, display: string): void {
    if (!(this.n + count <= SHIFT)) {
      throw new InputError(`${display}: at most ${SHIFT} arrivals in one trace minute (lower rateScale), got more`);
    }
  }

  push(offsetUs: number, a: number, b: number, display: string): void {
    if (this.n >= SHIFT) this.reserve(1, display);
    if (this.n === this.keys.length) this.grow();
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

  private grow(): void {
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
}
