import type { ModelConfig } from '../../../model/config.ts';
import type { Output } from '../../../model/events.ts';
import type { Invocation } from '../../../model/invocation.ts';
import type { Discipline } from '../../../model/machine/discipline.ts';
import { disciplineOf } from '../../../model/machine/discipline.ts';
import type { ClusterSpec } from '../../../model/world.ts';
import type { SimObserver } from '../types.ts';
import { Fifo } from './fifo.ts';
import { GrowthMemo } from './growth.ts';
import { IdleHeap, IdleIndex } from './idle-heap.ts';
import type { Flight } from './network.ts';
import { SlotRing } from './ring.ts';
import { RunningHeap, WaitingHeap } from './task-heaps.ts';
import { TaskTable } from './tasks.ts';

// The fast engine's state: the spec's components (model/world.ts) as mutable arrays indexed by component id,
// plus the step's message FIFO and where outputs go. Modules beside this one are the components' transitions.

/** What the engine does with the model's requests and observations (the spec engine's handleOutputs). */
export interface Sink {
  /** Every observation in order, when someone listens (conformance); undefined otherwise (no objects built). */
  readonly output: ((o: Output) => void) | undefined;
  readonly observer: SimObserver;
  needWake(atUs: number, machineId: number): void;
  needPlace(atUs: number, shardId: number): void;
  needJoin(atUs: number, machineId: number): void;
  needRelease(atUs: number): void;
  needDeliver(atUs: number, seq: number): void;
  spawned(inv: Invocation): void;
}

export class FastWorld {
  nowUs = 0;
  readonly discipline: Discipline;
  readonly timeGrowth: boolean;
  readonly tasks = new TaskTable();
  readonly growth = new GrowthMemo();
  readonly fifo = new Fifo();
  // machines
  readonly cores: Float64Array;
  readonly ramMB: Float64Array;
  readonly usableMB: Float64Array;
  readonly swapMB: Float64Array;
  readonly swapMBPerS: Float64Array;
  readonly transferSlot: Int32Array;
  readonly transferEndUs: Float64Array;
  readonly requests: Float64Array;
  readonly machineNowUs: Float64Array;
  readonly virtualUs: Float64Array;
  readonly nextSeq: Float64Array;
  readonly wakeAtUs: Float64Array;
  readonly runningCount: Int32Array;
  /** Tasks on their way to or from swap (the device has nothing to do without one). */
  readonly inTransit: Int32Array;
  /** 1 when the machine's wake is silent (progress.ts nextWakeUs). */
  readonly silentWake: Uint8Array;
  /** Whether silent wakes can be told: preemptive priority's whole-microsecond work, memory growing with work. */
  readonly silentWakes: boolean;
  /** Each machine's tasks in placement (seq) order. */
  readonly onMachine: number[][];
  /** Each machine's running tasks by virtual due time, and its other tasks in rank order (task-heaps.ts). */
  readonly runningOn: RunningHeap[];
  readonly waitingOn: WaitingHeap[];
  /** Tasks on the machine not wholly in RAM (while there are none, the best waiting task is the heap's top). */
  readonly notInRam: Int32Array;
  /** Tasks on the machine per class, machine-major (what a polled machine counts). */
  readonly classCount: Int32Array;
  readonly classes: number;
  // dispatchers
  readonly listedOn: Int32Array;
  readonly entryFreeMB: Float64Array;
  readonly entryFunctions: Float64Array;
  readonly joinAtUs: Float64Array;
  readonly reportFreeMB: Float64Array;
  readonly reportFunctions: Float64Array;
  /** An open join over the network: the sampled shards, their answers so far (null: none open). */
  readonly joinSampled: (Int32Array | null)[];
  readonly joinLengths: Float64Array[];
  readonly joinAnswers: Int32Array;
  // shards
  readonly queues: SlotRing[][];
  readonly queued: Int32Array;
  readonly idle: IdleHeap[];
  readonly busyUntilUs: Float64Array;
  readonly placeAtUs: Float64Array;
  /** An open poll over the network: the head it places (-1: none open), the sampled machines, their answers. */
  readonly pollSlot: Int32Array;
  readonly pollSampled: Int32Array[];
  readonly pollLoads: Float64Array[];
  readonly pollAnswers: Int32Array;
  // the network (network.ts)
  readonly inFlight = new Map<number, Flight>();
  sentDelayed = 0;
  // budget
  readonly spentByTenant = new Map<number, number>();
  readonly heldSlots: number[] = [];
  releaseAtUs = Infinity;

  constructor(
    readonly config: ModelConfig,
    cluster: ClusterSpec,
    readonly sink: Sink,
  ) {
    const n = cluster.machines.length;
    const s = cluster.shards;
    if (!Number.isInteger(s) || s < 1) throw new Error(`a cluster needs >= 1 shard, got ${s}`);
    if (n < 1) throw new Error('a cluster needs >= 1 machine');
    this.discipline = disciplineOf(config.policy);
    this.timeGrowth = config.memoryGrowth === 'time';
    const f64 = (fill: number) => new Float64Array(n).fill(fill);
    this.cores = Float64Array.from(cluster.machines, (m) => m.cores);
    this.ramMB = Float64Array.from(cluster.machines, (m) => m.memoryMB);
    this.usableMB = Float64Array.from(cluster.machines, (m) => m.memoryMB);
    this.swapMB = Float64Array.from(cluster.machines, (m) => m.swapMB);
    this.swapMBPerS = Float64Array.from(cluster.machines, (m) => m.swapMBPerS ?? Infinity);
    this.transferSlot = new Int32Array(n).fill(-1);
    this.transferEndUs = f64(0);
    this.requests = f64(0);
    this.machineNowUs = f64(0);
    this.virtualUs = f64(0);
    this.nextSeq = f64(0);
    this.wakeAtUs = f64(Infinity);
    this.runningCount = new Int32Array(n);
    this.inTransit = new Int32Array(n);
    this.silentWake = new Uint8Array(n);
    this.silentWakes = config.policy.discipline === 'priority' && config.memoryGrowth !== 'time';
    this.onMachine = Array.from({ length: n }, () => []);
    this.runningOn = Array.from({ length: n }, () => new RunningHeap(this.tasks));
    this.waitingOn = Array.from({ length: n }, () => new WaitingHeap(this.tasks));
    this.notInRam = new Int32Array(n);
    this.classes = config.policy.classAware ? config.priceClasses.length : 1;
    this.classCount = new Int32Array(n * this.classes);
    this.listedOn = new Int32Array(n).fill(-1);
    this.entryFreeMB = f64(0);
    this.entryFunctions = f64(0);
    this.joinAtUs = f64(Infinity);
    // A fresh machine's report, as the spec's newDispatcher holds it before boot.
    this.reportFreeMB = Float64Array.from(cluster.machines, (m) => m.memoryMB);
    this.reportFunctions = f64(0);
    this.joinSampled = Array.from({ length: n }, () => null);
    this.joinLengths = Array.from({ length: n }, () => new Float64Array(0));
    this.joinAnswers = new Int32Array(n);
    this.queues = Array.from({ length: s }, () => Array.from({ length: this.classes }, () => new SlotRing()));
    this.queued = new Int32Array(s);
    const index = new IdleIndex(n);
    this.idle = Array.from({ length: s }, (_, id) => new IdleHeap(index, id));
    this.busyUntilUs = new Float64Array(s);
    this.placeAtUs = new Float64Array(s).fill(Infinity);
    this.pollSlot = new Int32Array(s).fill(-1);
    this.pollSampled = Array.from({ length: s }, () => new Int32Array(0));
    this.pollLoads = Array.from({ length: s }, () => new Float64Array(0));
    this.pollAnswers = new Int32Array(s);
  }

  get machineCount(): number {
    return this.cores.length;
  }

  get shardCount(): number {
    return this.queued.length;
  }
}
