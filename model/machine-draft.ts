import type { DispatcherState, Machine, Task } from './machine-state.ts';

// A working copy of one machine used inside a single reducer call. The reducer copies what it changes
// (copy-on-write per queue) and returns a fresh Machine, so callers never see their input change: that keeps
// the reducer pure while letting the transition logic read like ordinary imperative code.

export class MachineDraft {
  readonly id: number;
  readonly cores: number;
  readonly ramMB: number;
  usableMB: number;
  readonly swapCapacityMB: number;
  nowUs: number;
  residentMB: number;
  swapUsedMB: number;
  running: Task[];
  readonly queues: (readonly Task[])[];
  private readonly owned: boolean[];
  queued: number;
  nextSeq: number;
  psV: number;
  wakeAtUs: number;
  dispatcher: DispatcherState;

  constructor(m: Machine) {
    this.id = m.id;
    this.cores = m.cores;
    this.ramMB = m.ramMB;
    this.usableMB = m.usableMB;
    this.swapCapacityMB = m.swapCapacityMB;
    this.nowUs = m.nowUs;
    this.residentMB = m.residentMB;
    this.swapUsedMB = m.swapUsedMB;
    this.running = m.running.slice();
    this.queues = m.queues.slice();
    this.owned = new Array<boolean>(m.queues.length).fill(false);
    this.queued = m.queued;
    this.nextSeq = m.nextSeq;
    this.psV = m.psV;
    this.wakeAtUs = m.wakeAtUs;
    this.dispatcher = m.dispatcher;
  }

  /** The queue of class `prio`, copied on first write. */
  queueForWrite(prio: number): Task[] {
    if (!this.owned[prio]) {
      this.queues[prio] = this.queues[prio].slice();
      this.owned[prio] = true;
    }
    return this.queues[prio] as Task[];
  }

  /** Inserts a non-running task into its class queue at its seq position (preempted tasks go to the head). */
  enqueue(task: Task): void {
    const q = this.queueForWrite(task.prio);
    let i = q.length;
    while (i > 0 && q[i - 1].seq > task.seq) i--;
    q.splice(i, 0, task);
    this.queued++;
  }

  dequeueAt(prio: number, index: number): Task {
    const q = this.queueForWrite(prio);
    const [task] = q.splice(index, 1);
    this.queued--;
    return task;
  }

  replaceInQueue(prio: number, index: number, task: Task): void {
    this.queueForWrite(prio)[index] = task;
  }

  toMachine(): Machine {
    return {
      id: this.id,
      cores: this.cores,
      ramMB: this.ramMB,
      usableMB: this.usableMB,
      swapCapacityMB: this.swapCapacityMB,
      nowUs: this.nowUs,
      residentMB: this.residentMB,
      swapUsedMB: this.swapUsedMB,
      running: this.running,
      queues: this.queues,
      queued: this.queued,
      nextSeq: this.nextSeq,
      psV: this.psV,
      wakeAtUs: this.wakeAtUs,
      dispatcher: this.dispatcher,
    };
  }
}
