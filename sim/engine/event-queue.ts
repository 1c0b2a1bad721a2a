// The simulator's agenda: a binary min-heap on (atUs, seq). `seq` is a counter stamped at push, so events at
// the same microsecond run in the order they were scheduled: an explicit, documented tie-break that never
// depends on the heap's internal layout. Fields live in parallel typed arrays (no object per event).

export class EventQueue<P> {
  private atUs = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  private target = new Int32Array(1024);
  private payload: (P | undefined)[] = new Array(1024);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  push(atUs: number, kind: number, target: number, payload?: P): void {
    if (this.n === this.atUs.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up with a hole, moving parents down until the new key fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.atUs[p] < atUs || (this.atUs[p] === atUs && this.seq[p] < s)) break;
      this.move(p, i);
      i = p;
    }
    this.atUs[i] = atUs;
    this.seq[i] = s;
    this.kind[i] = kind;
    this.target[i] = target;
    this.payload[i] = payload;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekAtUs(): number {
    return this.n === 0 ? Infinity : this.atUs[0];
  }

  // The popped event is exposed through these fields to avoid allocating a record per pop.
  poppedAtUs = 0;
  poppedKind = 0;
  poppedTarget = 0;
  poppedPayload: P | undefined = undefined;

  /** Removes the earliest event into the popped* fields; returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.poppedAtUs = this.atUs[0];
    this.poppedKind = this.kind[0];
    this.poppedTarget = this.target[0];
    this.poppedPayload = this.payload[0];
    const last = --this.n;
    if (last > 0) {
      const a = this.atUs[last];
      const s = this.seq[last];
      const k = this.kind[last];
      const t = this.target[last];
      const p = this.payload[last];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        const r = c + 1;
        if (r < last && (this.atUs[r] < this.atUs[c] || (this.atUs[r] === this.atUs[c] && this.seq[r] < this.seq[c]))) c = r;
        if (a < this.atUs[c] || (a === this.atUs[c] && s < this.seq[c])) break;
        this.move(c, i);
        i = c;
      }
      this.atUs[i] = a;
      this.seq[i] = s;
      this.kind[i] = k;
      this.target[i] = t;
      this.payload[i] = p;
    }
    this.payload[last] = undefined;
    return true;
  }

  private move(from: number, to: number): void {
    this.atUs[to] = this.atUs[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.target[to] = this.target[from];
    this.payload[to] = this.payload[from];
  }

  private grow(): void {
    const size = this.atUs.length * 2;
    const atUs = new Float64Array(size);
    atUs.set(this.atUs);
    this.atUs = atUs;
    const seq = new Float64Array(size);
    seq.set(this.seq);
    this.seq = seq;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    const target = new Int32Array(size);
    target.set(this.target);
    this.target = target;
    this.payload.length = size;
  }
}
