// The messages of one step, delivered in the order sent (the spec router's FIFO, model/router.ts): only the
// messages whose order can matter are queued; queries answered at once (a load poll, an idle-list length) are not,
// since nothing can change between a query and its answer inside one step. Fields are numbers in parallel arrays.
// Over a link with a delay (network.ts) every message travels, queries and answers included: those never enter
// this queue but the in-flight store, and are delivered by a deliver event.

export const ENQUEUE = 0; // to shard a: task b
export const ASSIGN = 1; // to machine a: task b from shard c
export const TAKEN = 2; // to dispatcher a: its entry on shard b was consumed
export const REPORT = 3; // to dispatcher a: free MB b, functions c
export const JOIN = 4; // to shard a: machine b, free MB c, functions d
export const UPDATE = 5; // to shard a: machine b, free MB c, functions d
export const LEAVE = 6; // to shard a: machine b
export const BILL = 7; // to billing: task a on machine b
export const SPEND = 8; // to the budget: tenant a spent b
// Only over a link with a delay (answered at once otherwise):
export const LOAD_QUERY = 9; // to machine a: shard b asks its load for class c
export const LOAD_REPLY = 10; // to shard a: machine b's load (the flight's load)
export const LENGTH_QUERY = 11; // to shard a: dispatcher b asks its idle list's length
export const LENGTH_REPLY = 12; // to dispatcher a: shard b's idle list has c entries

export class Fifo {
  kind = new Uint8Array(256);
  a = new Float64Array(256);
  b = new Float64Array(256);
  c = new Float64Array(256);
  d = new Float64Array(256);
  head = 0;
  tail = 0;

  push(kind: number, a: number, b = 0, c = 0, d = 0): void {
    if (this.tail === this.kind.length) this.grow();
    const i = this.tail++;
    this.kind[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.d[i] = d;
  }

  get empty(): boolean {
    return this.head === this.tail;
  }

  /** Index of the next message; the queue rewinds when it drains. */
  shift(): number {
    const i = this.head++;
    return i;
  }

  reset(): void {
    this.head = 0;
    this.tail = 0;
  }

  private grow(): void {
    const n = this.kind.length * 2;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    for (const f of ['a', 'b', 'c', 'd'] as const) {
      const x = new Float64Array(n);
      x.set(this[f]);
      this[f] = x;
    }
  }
}
