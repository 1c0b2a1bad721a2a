// The simulator's agenda: a binary min-heap on (atUs, rank, tie, seq). `rank` and `tie` are the model's canonical
// same-time order (model/timers.ts: the kind of event, then the component or invocation id); `seq`, stamped at
// push, orders what is left (duplicate timers) in the order scheduled. The order never depends on the heap's
// layout. Keys live in parallel typed arrays; the payload array holds the event.

export class EventQueue<P> {
  private atUs = new Float64Array(1024);
  private rank = new Uint8Array(1024);
  private tie = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private payload: (P | undefined)[] = new Array(1024);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  push(atUs: number, rank: number, tie: number, payload: P): void {
    if (this.n === this.atUs.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // Sift up with a hole, moving parents down until the new key fits.
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.before(p, atUs, rank, tie, s)) break;
      this.move(p, i);
      i = p;
    }
    this.set(i, atUs, rank, tie, s, payload);
  }

  /** Time of the earliest event (Infinity when empty). */
  peekAtUs(): number {
    return this.n === 0 ? Infinity : this.atUs[0];
  }

  /** Removes and returns the earliest event's payload (undefined when empty). */
  pop(): P | undefined {
    if (this.n === 0) return undefined;
    const top = this.payload[0];
    const last = --this.n;
    if (last > 0) this.siftDownLast(last);
    this.payload[last] = undefined;
    return top;
  }

  private siftDownLast(last: number): void {
    const a = this.atUs[last];
    const r = this.rank[last];
    const t = this.tie[last];
    const s = this.seq[last];
    const p = this.payload[last] as P;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && this.before(c + 1, this.atUs[c], this.rank[c], this.tie[c], this.seq[c])) c++;
      if (!this.before(c, a, r, t, s)) break;
      this.move(c, i);
      i = c;
    }
    this.set(i, a, r, t, s, p);
  }

  /** Whether the entry at `i` comes before the key (atUs, rank, tie, seq). */
  private before(i: number, atUs: number, rank: number, tie: number, seq: number): boolean {
    if (this.atUs[i] !== atUs) return this.atUs[i] < atUs;
    if (this.rank[i] !== rank) return this.rank[i] < rank;
    if (this.tie[i] !== tie) return this.tie[i] < tie;
    return this.seq[i] < seq;
  }

  private set(i: number, atUs: number, rank: number, tie: number, seq: number, payload: P): void {
    this.atUs[i] = atUs;
    this.rank[i] = rank;
    this.tie[i] = tie;
    this.seq[i] = seq;
    this.payload[i] = payload;
  }

  private move(from: number, to: number): void {
    this.set(to, this.atUs[from], this.rank[from], this.tie[from], this.seq[from], this.payload[from] as P);
  }

  private grow(): void {
    const size = this.atUs.length * 2;
    const grown = <T extends Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.atUs = grown(this.atUs, (n) => new Float64Array(n));
    this.rank = grown(this.rank, (n) => new Uint8Array(n));
    this.tie = grown(this.tie, (n) => new Float64Array(n));
    this.seq = grown(this.seq, (n) => new Float64Array(n));
    this.payload.length = size;
  }
}
