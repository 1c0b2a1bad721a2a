// A shard's idle list as an indexed min-heap of machine ids on (functions, join stamp): the spec's list in join
// order where placement takes the entry with the fewest functions, ties the earliest joined (an update keeps its
// place, so it keeps its stamp). A machine is on at most one list, so the per-machine index is shared by every
// shard's heap: pos[machine] is its index in the heap of shard owner[machine].

export class IdleIndex {
  readonly pos: Int32Array;
  readonly owner: Int32Array;
  readonly functions: Float64Array;
  readonly stamp: Float64Array;
  nextStamp = 0;

  constructor(machines: number) {
    this.pos = new Int32Array(machines).fill(-1);
    this.owner = new Int32Array(machines).fill(-1);
    this.functions = new Float64Array(machines);
    this.stamp = new Float64Array(machines);
  }
}

export class IdleHeap {
  private heap = new Int32Array(4);
  private readonly pos: Int32Array;
  private readonly functions: Float64Array;
  private readonly stamp: Float64Array;
  size = 0;

  constructor(
    private readonly index: IdleIndex,
    private readonly shardId: number,
  ) {
    this.pos = index.pos;
    this.functions = index.functions;
    this.stamp = index.stamp;
  }

  has(machineId: number): boolean {
    return this.index.owner[machineId] === this.shardId;
  }

  /** Joins at the end of the list (a machine already on it is removed first). */
  join(machineId: number, functions: number): void {
    if (this.has(machineId)) this.remove(machineId);
    const owner = this.index.owner[machineId];
    if (owner >= 0) throw new Error(`machine ${machineId} joins shard ${this.shardId}'s list while on ${owner}'s`);
    if (this.size === this.heap.length) {
      const grown = new Int32Array(this.heap.length * 2);
      grown.set(this.heap);
      this.heap = grown;
    }
    this.functions[machineId] = functions;
    this.stamp[machineId] = this.index.nextStamp++;
    this.index.owner[machineId] = this.shardId;
    const i = this.size++;
    this.heap[i] = machineId;
    this.pos[machineId] = i;
    this.up(i);
  }

  /** A new function count for a machine on the list, in place; ignored when it is not on it. */
  update(machineId: number, functions: number): void {
    if (!this.has(machineId)) return;
    const i = this.pos[machineId];
    this.functions[machineId] = functions;
    this.up(i);
    this.down(this.pos[machineId]);
  }

  remove(machineId: number): void {
    if (!this.has(machineId)) return;
    const i = this.pos[machineId];
    this.pos[machineId] = -1;
    this.index.owner[machineId] = -1;
    const last = --this.size;
    if (i === last) return;
    const moved = this.heap[last];
    this.heap[i] = moved;
    this.pos[moved] = i;
    this.up(i);
    this.down(this.pos[moved]);
  }

  /** The machine placement takes (call only when size > 0). */
  best(): number {
    return this.heap[0];
  }

  private less(a: number, b: number): boolean {
    const fa = this.functions[a];
    const fb = this.functions[b];
    return fa !== fb ? fa < fb : this.stamp[a] < this.stamp[b];
  }

  private up(start: number): void {
    let i = start;
    const id = this.heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = this.heap[p];
      if (!this.less(id, parent)) break;
      this.heap[i] = parent;
      this.pos[parent] = i;
      i = p;
    }
    this.heap[i] = id;
    this.pos[id] = i;
  }

  private down(start: number): void {
    let i = start;
    const id = this.heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.less(this.heap[c + 1], this.heap[c])) c++;
      const child = this.heap[c];
      if (!this.less(child, id)) break;
      this.heap[i] = child;
      this.pos[child] = i;
      i = c;
    }
    this.heap[i] = id;
    this.pos[id] = i;
  }
}
