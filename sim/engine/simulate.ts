import type { ClusterSpec, Invocation, InvocationTemplate, Machine, ModelConfig, ModelEvent, Output } from '../../model/index.ts';
import { applyEvent, initialWorld, startCluster, topLevel } from '../../model/index.ts';
import { ArrayStore } from './array-store.ts';
import { EventQueue } from './event-queue.ts';

// The discrete-event engine: the imperative shell around the pure model. It owns time (the agenda), the
// randomness (load-balancer routing, power-of-k samples) and the component arrays, and it feeds every event
// to the model's `applyEvent`. The model answers with requests (`need*`), which the engine turns into future
// events, adding the random choices they need.
//
// Ordering: events run by time, then by the order they were scheduled (EventQueue's seq). Arrivals are pulled
// from the workload one at a time, so the agenda holds one pending arrival, not the whole workload.

export interface ArrivalSource {
  next(): { readonly arrivalUs: number; readonly template: InvocationTemplate } | null;
}

/** Uniform draws in [0, 1) from the engine's named streams (seeded by the caller). */
export interface EngineRandom {
  /** Which shard the load balancer routes an arrival (or a spawned child) to. */
  readonly routing: () => number;
  /** Which machines a shard polls and which shards a dispatcher compares. */
  readonly sampling: () => number;
}

export interface SimObserver {
  arrival(inv: Invocation): void;
  completed(inv: Invocation, atUs: number, machineId: number, cpuCost: number, memoryCost: number): void;
  killed(inv: Invocation, atUs: number, machineId: number): void;
  swappedOut(machineId: number, cls: number, memoryMB: number): void;
  /** Called at the end of each tick of width tickUs (tick index from 0) with the machines' states. */
  tick(tickIndex: number, machines: readonly Machine[]): void;
}

export interface SimInput {
  readonly config: ModelConfig;
  readonly cluster: ClusterSpec;
  readonly workload: ArrivalSource;
  /** Arrivals are taken in [0, durationUs); without drain the run stops at durationUs. */
  readonly durationUs: number;
  readonly drain: boolean;
  readonly tickUs: number;
  readonly random: EngineRandom;
  readonly observer: SimObserver;
  /** Memory antagonists: external changes of a machine's usable memory. */
  readonly memoryEvents?: readonly { readonly atUs: number; readonly machineId: number; readonly memoryMB: number }[];
}

export interface SimOutcome {
  readonly events: number;
  readonly simulatedUs: number;
  readonly wallS: number;
  readonly stoppedEarly: boolean;
  readonly machines: readonly Machine[];
}

const ARRIVE = 0;
const PLACE = 1;
const RELEASE = 2;
const WAKE = 3;
const JOIN = 4;
const MEMORY = 5;
const NEXT_ARRIVAL = 6;
const TICK = 7;

/** Runs to the end. */
export function simulate(input: SimInput): SimOutcome {
  const sim = createSimulation(input);
  while (!sim.advance(Infinity));
  return sim.outcome();
}

export interface Simulation {
  /** Runs up to `maxEvents` model events; returns true when the run is over. */
  advance(maxEvents: number): boolean;
  /** Simulated time reached so far (us). */
  nowUs(): number;
  /** What the run did so far; `stopEarly` marks a run cut short (e.g. by Ctrl-C) as stopped early. */
  outcome(stopEarly?: boolean): SimOutcome;
}

/**
 * A resumable run: the caller advances it in slices, so an interactive shell can draw progress and react to
 * Ctrl-C between slices (a synchronous loop would keep Node's signal handlers from ever running).
 */
export function createSimulation(input: SimInput): Simulation {
  const { config, observer, random } = input;
  const store = new ArrayStore(initialWorld(config, input.cluster));
  const queue = new EventQueue<Invocation | number>();
  const out: Output[] = [];
  const machineCount = store.machines.length;
  const shardCount = store.shards.length;
  const k = Math.min(config.policy.k, machineCount);
  const kShards = Math.min(config.policy.k, shardCount);
  let events = 0;

  const routeShard = (): number => Math.floor(random.routing() * shardCount);
  const sampleDistinct = (n: number, count: number): number[] => {
    // k distinct ids by rejection: k is small (3-4) next to n, so retries are rare.
    const picked: number[] = [];
    while (picked.length < count) {
      const id = Math.floor(random.sampling() * n);
      if (!picked.includes(id)) picked.push(id);
    }
    return picked;
  };

  // Requests due at the current instant are answered right after the event that made them, before any other
  // event (a shard with shardDecisionUs = 0 decides as the arrival lands): deterministic, and it saves a round
  // trip through the agenda for the most common event of the run.
  const immediateKind: number[] = [];
  const immediateTarget: number[] = [];
  let nowUs = 0;
  const handleOutputs = (): void => {
    for (let i = 0; i < out.length; i++) {
      const o = out[i];
      switch (o.type) {
        case 'needWake':
          queue.push(o.atUs, WAKE, o.machineId);
          break;
        case 'needPlace':
          if (o.atUs === nowUs) {
            immediateKind.push(PLACE);
            immediateTarget.push(o.shardId);
          } else queue.push(o.atUs, PLACE, o.shardId);
          break;
        case 'needJoin':
          if (o.atUs === nowUs) {
            immediateKind.push(JOIN);
            immediateTarget.push(o.machineId);
          } else queue.push(o.atUs, JOIN, o.machineId);
          break;
        case 'needRelease':
          queue.push(o.atUs, RELEASE, o.shardId);
          break;
        case 'spawned':
          observer.arrival(o.inv);
          queue.push(o.atUs, ARRIVE, routeShard(), o.inv);
          break;
        case 'completed':
          observer.completed(o.inv, o.atUs, o.machineId, o.cpuCost, o.memoryCost);
          break;
        case 'killed':
          observer.killed(o.inv, o.atUs, o.machineId);
          break;
        case 'swappedOut':
          observer.swappedOut(o.machineId, o.cls, o.memoryMB);
          break;
        default:
          break;
      }
    }
    out.length = 0;
  };

  const apply = (ev: ModelEvent): void => {
    applyEvent(store, ev, out);
    events++;
    handleOutputs();
  };

  const place = (atUs: number, shardId: number): void => {
    if (!store.shards[shardId].placePending) return;
    apply({ type: 'place', atUs, shardId, sampledMachines: k > 0 ? sampleDistinct(machineCount, k) : [] });
  };
  const join = (atUs: number, machineId: number): void => {
    if (!store.machines[machineId].dispatcher.joinRequested) return;
    apply({ type: 'idleJoin', atUs, machineId, sampledShards: sampleDistinct(shardCount, kShards) });
  };
  const runImmediate = (atUs: number): void => {
    // FIFO over requests made at this instant (including ones made while answering earlier ones).
    for (let i = 0; i < immediateKind.length; i++) {
      if (immediateKind[i] === PLACE) place(atUs, immediateTarget[i]);
      else join(atUs, immediateTarget[i]);
    }
    immediateKind.length = 0;
    immediateTarget.length = 0;
  };

  let wallMs = 0;
  startCluster(store, out);
  handleOutputs();
  runImmediate(0);
  queue.push(0, NEXT_ARRIVAL, -1);
  for (const m of input.memoryEvents ?? []) queue.push(m.atUs, MEMORY, m.machineId, m.memoryMB);
  if (input.tickUs > 0) queue.push(input.tickUs, TICK, 0);


  let finished = false;
  const advance = (maxEvents: number): boolean => {
    if (finished) return true;
    const t0 = performance.now();
    const stopAt = events + maxEvents;
    while (!finished && events < stopAt) {
      if (!queue.pop()) {
        finished = true;
        break;
      }
      const atUs = queue.poppedAtUs;
      const kind = queue.poppedKind;
      const target = queue.poppedTarget;
      const payload = queue.poppedPayload;
      if (!input.drain && atUs >= input.durationUs) {
        finished = true;
        break;
      }
      nowUs = atUs;
      switch (kind) {
        case NEXT_ARRIVAL: {
          const next = input.workload.next();
          if (next === null || next.arrivalUs >= input.durationUs) break;
          const inv = topLevel(next.template, next.arrivalUs);
          observer.arrival(inv);
          queue.push(next.arrivalUs, ARRIVE, routeShard(), inv);
          break;
        }
        case ARRIVE: {
          const inv = payload as Invocation;
          apply({ type: 'arrive', atUs, inv, shardId: target });
          // Pull the next top-level arrival only after this one ran, keeping one pending in the agenda.
          if (inv.parentId < 0) queue.push(inv.arrivalUs, NEXT_ARRIVAL, -1);
          break;
        }
        case PLACE:
          place(atUs, target);
          break;
        case RELEASE:
          if (store.shards[target].releaseAtUs !== atUs) break; // superseded
          apply({ type: 'release', atUs, shardId: target });
          break;
        case WAKE:
          if (store.machines[target].wakeAtUs !== atUs) break; // stale: the machine rescheduled its timer
          apply({ type: 'wake', atUs, machineId: target });
          break;
        case JOIN:
          join(atUs, target);
          break;
        case MEMORY:
          apply({ type: 'setUsableMemory', atUs, machineId: target, memoryMB: payload as number });
          break;
        case TICK:
          observer.tick(target, store.machines);
          if (atUs + input.tickUs <= input.durationUs) queue.push(atUs + input.tickUs, TICK, target + 1);
          break;
      }
      if (immediateKind.length > 0) runImmediate(atUs);
    }
    wallMs += performance.now() - t0;
    return finished;
  };
  return {
    advance,
    nowUs: () => nowUs,
    outcome: (stopEarly = false) => ({ events, simulatedUs: nowUs, wallS: wallMs / 1000, stoppedEarly: stopEarly, machines: store.machines }),
  };
}
