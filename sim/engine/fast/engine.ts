import type { Invocation } from '../../../model/invocation.ts';
import { topLevel } from '../../../model/invocation.ts';
import { EVENT_RANK } from '../../../model/timers.ts';
import { EventQueue } from '../event-queue.ts';
import type { MachineSample, SimInput, SimOutcome, Simulation } from '../types.ts';
import * as budget from './budget.ts';
import * as dispatcher from './dispatcher.ts';
import * as machine from './machine.ts';
import { land } from './network.ts';
import * as shard from './shard.ts';
import { deliverAll, deliverFlight } from './step.ts';
import { RAM, SWAP } from './tasks.ts';
import type { Sink } from './world.ts';
import { FastWorld } from './world.ts';

// The fast engine: the spec's semantics (model/) on mutable typed arrays. It keeps the spec engine's agenda, in
// the canonical same-time order (model/timers.ts), with the same timers, stale entries skipped the same way, and
// draws the same random numbers in the same order (routing at arrival and spawn, samples when a placement or a
// join is delivered), so its results are byte-identical to the spec engine's (conformance: sim/conform/).

const WAKE = EVENT_RANK.wake;
const DELIVER = EVENT_RANK.deliver;
const ANTAGONIST = EVENT_RANK.setUsableMemory;
const RELEASE = EVENT_RANK.release;
const ARRIVE = EVENT_RANK.arrive;
const JOIN = EVENT_RANK.idleJoin;
const PLACE = EVENT_RANK.place;
/** An agenda payload is id * 8 + rank; a top-level arrival waiting to be pulled has id -1. */
const code = (id: number, rank: number) => id * 8 + rank;

export function createFastSimulation(input: SimInput): Simulation {
  const { config, observer, random } = input;
  const agenda = new EventQueue<number>();
  const machineCount = input.cluster.machines.length;
  const shardCount = input.cluster.shards;
  const k = config.policy.k;
  const sampled = new Int32Array(Math.max(k, 1));
  const antagonists = input.memoryEvents ?? [];
  let pending: Invocation | null = null;
  let events = 0;
  let nextTick = input.tickUs > 0 ? 1 : Infinity;
  let finished = false;
  let wallMs = 0;

  const routeShard = (): number => Math.floor(random.routing() * shardCount);
  const sink: Sink = {
    output: observer.output,
    observer,
    needWake: (atUs, m) => agenda.push(atUs, WAKE, m, code(m, WAKE)),
    needPlace: (atUs, s) => agenda.push(atUs, PLACE, s, code(s, PLACE)),
    needJoin: (atUs, m) => agenda.push(atUs, JOIN, m, code(m, JOIN)),
    needRelease: (atUs) => agenda.push(atUs, RELEASE, 0, code(0, RELEASE)),
    needDeliver: (atUs, seq) => agenda.push(atUs, DELIVER, seq, code(seq, DELIVER)),
    spawned: (inv) => {
      observer.arrival(inv);
      const slot = w.tasks.allocate(inv, routeShard());
      agenda.push(inv.arrivalUs, ARRIVE, inv.id, code(slot, ARRIVE));
    },
  };
  const w = new FastWorld(config, input.cluster, sink);
  const sample = newSample(machineCount);

  const pullArrival = (): void => {
    const next = input.workload.next();
    if (next === null || next.arrivalUs >= input.durationUs) return;
    pending = topLevel(next.template, next.arrivalUs);
    agenda.push(next.arrivalUs, ARRIVE, pending.id, code(-1, ARRIVE));
  };
  /** k distinct ids out of 0..n-1 in the order drawn (the spec engine's sampleDistinct, without an array). */
  const sampleDistinct = (n: number, count: number): void => {
    let picked = 0;
    while (picked < count) {
      const id = Math.floor(random.sampling() * n);
      let seen = false;
      for (let i = 0; i < picked; i++) if (sampled[i] === id) seen = true;
      if (!seen) sampled[picked++] = id;
    }
  };
  const tickUntil = (atUs: number): void => {
    while (nextTick * input.tickUs <= Math.min(atUs, input.durationUs)) {
      fillSample(sample, w);
      observer.tick(nextTick - 1, sample);
      nextTick++;
    }
  };
  /** Whether a timer event is still set for its time (the spec's isCurrent). */
  const isCurrent = (rank: number, id: number, atUs: number): boolean => {
    switch (rank) {
      case WAKE:
        return w.wakeAtUs[id] === atUs;
      case PLACE:
        return w.placeAtUs[id] === atUs;
      case RELEASE:
        return w.releaseAtUs === atUs;
      case JOIN:
        return w.joinAtUs[id] === atUs;
      case DELIVER:
        return w.inFlight.has(id);
      default:
        return true;
    }
  };
  const deliver = (atUs: number, payload: number): void => {
    const rank = ((payload % 8) + 8) % 8;
    const id = (payload - rank) / 8;
    if (!isCurrent(rank, id, atUs)) return;
    if (atUs < w.nowUs) throw new Error(`an event at ${atUs}us: before the world's ${w.nowUs}us`);
    let slot = id;
    if (rank === ARRIVE && id < 0) {
      const inv = pending as Invocation;
      observer.arrival(inv);
      slot = w.tasks.allocate(inv, routeShard());
      // The next arrival is pulled only now, so the agenda keeps one pending top-level arrival.
      pullArrival();
    }
    w.nowUs = atUs;
    events++;
    switch (rank) {
      case WAKE:
        machine.wake(w, id);
        break;
      case DELIVER:
        deliverFlight(w, land(w, id));
        return;
      case ANTAGONIST: {
        const a = antagonists[id];
        machine.setUsableMemory(w, a.machineId, a.memoryMB);
        break;
      }
      case RELEASE:
        budget.release(w);
        break;
      case ARRIVE:
        budget.admit(w, slot);
        break;
      case JOIN: {
        const count = Math.min(k, shardCount);
        sampleDistinct(shardCount, count);
        dispatcher.join(w, id, sampled, count);
        break;
      }
      case PLACE: {
        const count = Math.min(k, machineCount);
        sampleDistinct(machineCount, count);
        shard.decide(w, id, sampled, count);
        break;
      }
    }
    deliverAll(w);
  };

  for (let m = 0; m < machineCount; m++) machine.boot(w, m);
  deliverAll(w);
  pullArrival();
  antagonists.forEach((a, i) => {
    agenda.push(a.atUs, ANTAGONIST, a.machineId, code(i, ANTAGONIST));
  });

  const advance = (maxEvents: number): boolean => {
    const t0 = performance.now();
    const stopAt = events + maxEvents;
    while (!finished && events < stopAt) {
      const atUs = agenda.peekAtUs();
      if (atUs === Infinity || (!input.drain && atUs >= input.durationUs)) {
        tickUntil(input.durationUs);
        finished = true;
        break;
      }
      tickUntil(atUs);
      deliver(atUs, agenda.pop() as number);
    }
    wallMs += performance.now() - t0;
    return finished;
  };
  return {
    advance,
    nowUs: () => w.nowUs,
    outcome: (stopEarly = false): SimOutcome => ({
      events,
      simulatedUs: w.nowUs,
      wallS: wallMs / 1000,
      stoppedEarly: stopEarly,
    }),
  };
}

function newSample(machines: number): MachineSample {
  const array = () => new Float64Array(machines);
  return {
    cores: array(),
    ramMB: array(),
    residentMB: array(),
    swapUsedMB: array(),
    functions: array(),
    running: array(),
  };
}

function fillSample(sample: MachineSample, w: FastWorld): void {
  const { residency, memoryMB } = w.tasks;
  for (let m = 0; m < w.machineCount; m++) {
    let resident = 0;
    let swapped = 0;
    // Physically held: a transfer holds memory at both ends until it is done.
    for (const t of w.onMachine[m]) {
      if (residency[t] !== SWAP) resident += memoryMB[t];
      if (residency[t] !== RAM) swapped += memoryMB[t];
    }
    sample.cores[m] = w.cores[m];
    sample.functions[m] = w.onMachine[m].length;
    sample.running[m] = w.runningCount[m];
    sample.ramMB[m] = w.ramMB[m];
    sample.residentMB[m] = resident;
    sample.swapUsedMB[m] = swapped;
  }
}
