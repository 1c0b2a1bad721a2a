import type { Invocation } from '../../../model/invocation.ts';

// Every invocation in the system is a slot in these parallel arrays, from the moment it enters (an arrival or a
// spawned child) until it completes or is killed; freed slots are reused. A task's fields are the spec's Task
// fields (model/machine/state.ts), one array each, so a transition writes numbers in place instead of copying.

export const RAM = 0;
export const TO_SWAP = 1;
export const SWAP = 2;
export const TO_RAM = 3;

export class TaskTable {
  inv: (Invocation | undefined)[] = [];
  cls = new Int32Array(0);
  seq = new Float64Array(0);
  running = new Uint8Array(0);
  residency = new Uint8Array(0);
  requestedUs = new Float64Array(0);
  requestOrder = new Float64Array(0);
  doneUs = new Float64Array(0);
  markVUs = new Float64Array(0);
  ageUs = new Float64Array(0);
  ageMarkUs = new Float64Array(0);
  memoryMB = new Float64Array(0);
  nextChild = new Int32Array(0);
  /** The shard the load balancer routed it to (held by the budget, queued, or placed from). */
  shardId = new Int32Array(0);
  /** Index keys and positions of the machine heaps (task-heaps.ts). */
  dueVUs = new Float64Array(0);
  runningPos = new Int32Array(0);
  waitingPos = new Int32Array(0);
  private free: number[] = [];
  /** Slots released during the step in progress: messages still name them, so they are reused after it. */
  private released: number[] = [];
  private size = 0;

  allocate(inv: Invocation, shardId: number): number {
    const slot = this.free.length > 0 ? (this.free.pop() as number) : this.size++;
    if (slot >= this.cls.length) this.grow(Math.max(1024, this.cls.length * 2));
    this.inv[slot] = inv;
    this.shardId[slot] = shardId;
    return slot;
  }

  release(slot: number): void {
    this.released.push(slot);
  }

  /** At the end of a step: released slots become free. */
  recycle(): void {
    for (const slot of this.released) {
      this.inv[slot] = undefined;
      this.free.push(slot);
    }
    this.released.length = 0;
  }

  invOf(slot: number): Invocation {
    return this.inv[slot] as Invocation;
  }

  private grow(n: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.cls = i32(this.cls);
    this.seq = f64(this.seq);
    this.running = u8(this.running);
    this.residency = u8(this.residency);
    this.requestedUs = f64(this.requestedUs);
    this.requestOrder = f64(this.requestOrder);
    this.doneUs = f64(this.doneUs);
    this.markVUs = f64(this.markVUs);
    this.ageUs = f64(this.ageUs);
    this.ageMarkUs = f64(this.ageMarkUs);
    this.memoryMB = f64(this.memoryMB);
    this.nextChild = i32(this.nextChild);
    this.shardId = i32(this.shardId);
    this.dueVUs = f64(this.dueVUs);
    this.runningPos = i32(this.runningPos);
    this.waitingPos = i32(this.waitingPos);
  }
}
