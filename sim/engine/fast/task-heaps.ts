import { IndexedHeap } from './indexed-heap.ts';
import type { TaskTable } from './tasks.ts';

// Per-machine indexed heaps over task slots, so that a machine holding hundreds of tasks (Hermod's processor
// sharing, XX's waiting low class during a spike) is not scanned whole at every event. A task is in at most one
// machine's heap of each kind, so one position array per kind (in the task table) serves every machine.
//   RunningHeap: the running tasks, least virtual due time first (tasks.dueVUs: the machine's virtual clock reading
//     at which the task reaches its next checkpoint). Keys are an index, not the spec's arithmetic: callers collect
//     every task whose key is near the least and evaluate those exactly as the spec does (progress.ts).
//   WaitingHeap: the tasks not running, in the spec's rank order among tasks not running (higher class first,
//     then placement order), so the best waiting task is the top.

/** The walk's stack of heap indices, shared (a walk never nests): at most one entry per member. */
let walk = new Int32Array(64);

export class RunningHeap extends IndexedHeap {
  constructor(private readonly tasks: TaskTable) {
    super();
  }

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

export class WaitingHeap extends IndexedHeap {
  constructor(private readonly tasks: TaskTable) {
    super();
  }

  protected before(a: number, b: number): boolean {
    const { cls, seq } = this.tasks;
    return cls[a] !== cls[b] ? cls[a] > cls[b] : seq[a] < seq[b];
  }

  protected positions(): Int32Array {
    return this.tasks.waitingPos;
  }
}
