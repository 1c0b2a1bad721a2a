import type { TaskTable } from './tasks.ts';

// Per-machine indexed binary heaps over task slots, so that a machine holding hundreds of tasks (Hermod's processor
// sharing, XX's waiting low class during a spike) is not scanned whole at every event. A task is in at most one
// machine's heap of each kind, so one position array per kind (in the task table) serves every machine.
//   RunningHeap: the running tasks, least virtual due time first (tasks.dueVUs: the machine's virtual clock reading
//     at which the task reaches its next checkpoint). Keys are an index, not the spec's arithmetic: callers collect
//     every task whose key is near the least and evaluate those exactly as the spec does (progress.ts).
//   WaitingHeap: the tasks not running, in the spec's rank order among tasks not running (higher class first,
//     then placement order), so the best waiting task is the top.

abstract class TaskHeap {
  protected items = new Int32Array(8);
  size = 0;

  constructor(protected readonly tasks: TaskTable) {}

  protected abstract before(a: number, b: number): boolean;
  protected abstract positions(): Int32Array;

  top(): number {
    return this.size > 0 ? this.items[0] : -1;
  }

  /** The members, unordered (valid until the next change). */
  members(): Int32Array {
    return this.items.subarray(0, this.size);
  }

  insert(t: number): void {
    if (this.size === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    const i = this.size++;
    this.items[i] = t;
    this.positions()[t] = i;
    this.up(i);
  }

  remove(t: number): void {
    const pos = this.positions();
    const i = pos[t];
    pos[t] = -1;
    const last = this.items[--this.size];
    if (i === this.size) return;
    this.items[i] = last;
    pos[last] = i;
    this.up(i);
    this.down(pos[last]);
  }

  /** Restores the order after t's key changed. */
  update(t: number): void {
    const i = this.positions()[t];
    this.up(i);
    this.down(this.positions()[t]);
  }

  private up(start: number): void {
    const pos = this.positions();
    let i = start;
    const t = this.items[i];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.items[parent];
      if (!this.before(t, p)) break;
      this.items[i] = p;
      pos[p] = i;
      i = parent;
    }
    this.items[i] = t;
    pos[t] = i;
  }

  private down(start: number): void {
    const pos = this.positions();
    let i = start;
    const t = this.items[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.before(this.items[right], this.items[left]) ? right : left;
      if (!this.before(this.items[child], t)) break;
      this.items[i] = this.items[child];
      pos[this.items[i]] = i;
      i = child;
    }
    this.items[i] = t;
    pos[t] = i;
  }
}

/** The walk's stack of heap indices, shared (a walk never nests): at most one entry per member. */
let walk = new Int32Array(64);

export class RunningHeap extends TaskHeap {
  protected before(a: number, b: number): boolean {
    return this.tasks.dueVUs[a] < this.tasks.dueVUs[b];
  }

  protected positions(): Int32Array {
    return this.tasks.runningPos;
  }

  /** Appends to `out` every member whose key is at most boundVUs (a walk of the heap that prunes above it). */
  collectUpTo(boundVUs: number, out: number[]): void {
    if (this.size === 0) return;
    const due = this.tasks.dueVUs;
    if (walk.length < this.size) walk = new Int32Array(2 * this.size);
    let depth = 0;
    walk[depth++] = 0;
    while (depth > 0) {
      const i = walk[--depth];
      const t = this.items[i];
      if (due[t] > boundVUs) continue;
      out.push(t);
      if (2 * i + 1 < this.size) walk[depth++] = 2 * i + 1;
      if (2 * i + 2 < this.size) walk[depth++] = 2 * i + 2;
    }
  }
}

export class WaitingHeap extends TaskHeap {
  protected before(a: number, b: number): boolean {
    const { cls, seq } = this.tasks;
    return cls[a] !== cls[b] ? cls[a] > cls[b] : seq[a] < seq[b];
  }

  protected positions(): Int32Array {
    return this.tasks.waitingPos;
  }
}
