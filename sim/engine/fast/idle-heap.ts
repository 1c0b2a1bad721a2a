import { IndexedHeap } from './indexed-heap.ts';

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

export class IdleHeap extends IndexedHeap {
  constructor(
    private readonly index: IdleIndex,
    private readonly shardId: number,
  ) {
    super();
  }

  has(machineId: number): boolean {
    return this.index.owner[machineId] === this.shardId;
  }

  /** Joins at the end of the list (a machine already on it is removed first). */
  join(machineId: number, functions: number): void {
    if (this.has(machineId)) this.leave(machineId);
    const owner = this.index.owner[machineId];
    if (owner >= 0) throw new Error(`machine ${machineId} joins shard ${this.shardId}'s list while on ${owner}'s`);
    this.index.functions[machineId] = functions;
    this.index.stamp[machineId] = this.index.nextStamp++;
    this.index.owner[machineId] = this.shardId;
    this.insert(machineId);
  }

  /** A new function count for a machine on the list, in place; ignored when it is not on it. */
  setFunctions(machineId: number, functions: number): void {
    if (!this.has(machineId)) return;
    this.index.functions[machineId] = functions;
    this.update(machineId);
  }

  /** Takes a machine off the list; ignored when it is not on it. */
  leave(machineId: number): void {
    if (!this.has(machineId)) return;
    this.index.owner[machineId] = -1;
    this.remove(machineId);
  }

  /** The machine placement takes (call only when size > 0). */
  best(): number {
    return this.items[0];
  }

  protected before(a: number, b: number): boolean {
    const { functions, stamp } = this.index;
    const fa = functions[a];
    const fb = functions[b];
    return fa !== fb ? fa < fb : stamp[a] < stamp[b];
  }

  protected positions(): Int32Array {
    return this.index.pos;
  }
}
