import type { Invocation, ModelEvent, Output, World } from '../../model/index.ts';
import { EVENT_RANK, initialWorld, isCurrent, start, step, tieKey, topLevel } from '../../model/index.ts';
import { EventQueue } from './event-queue.ts';
import type { MachineSample, SimInput, SimOutcome, Simulation } from './types.ts';
import { sampleDistinct } from './types.ts';

// The spec engine: the imperative shell that drives the pure model itself, one `step` per event. It owns time
// (the agenda, in the model's canonical order), the randomness (load-balancer routing, power-of-k samples) and
// the workload, and it answers the model's timer requests (`need*`) with future events. Arrivals are pulled from
// the workload one at a time, so the agenda holds one pending arrival, not the whole workload. The samples a
// placement or a join carries are drawn when the event is delivered, in event order.

/** An agenda entry: an event to deliver, or "pull the next arrival" (it is then routed and delivered). */
type Entry = ModelEvent | { readonly type: 'pull'; readonly atUs: number; readonly inv: Invocation };

export function createSpecSimulation(input: SimInput): Simulation {
  const { config, observer, random } = input;
  const initial = initialWorld(config, input.cluster);
  const machineCount = initial.machines.length;
  const shardCount = initial.shards.length;
  const agenda = new EventQueue<Entry>();
  const sample = newSample(machineCount);
  let world: World = initial;
  let events = 0;
  let nextTick = input.tickUs > 0 ? 1 : Infinity;
  let finished = false;
  let wallMs = 0;

  const push = (e: Entry): void => {
    if (e.type === 'pull') agenda.push(e.atUs, EVENT_RANK.arrive, e.inv.id, e);
    else agenda.push(e.atUs, EVENT_RANK[e.type], tieKey(e), e);
  };
  const routeShard = (): number => Math.floor(random.routing() * shardCount);
  const pullArrival = (): void => {
    const next = input.workload.next();
    if (next === null || next.arrivalUs >= input.durationUs) return;
    push({ type: 'pull', atUs: next.arrivalUs, inv: topLevel(next.template, next.arrivalUs) });
  };
  const handleOutputs = (outputs: readonly Output[]): void => {
    for (const o of outputs) {
      observer.output?.(o);
      switch (o.type) {
        case 'needWake':
        case 'needPlace':
        case 'needJoin':
        case 'needRelease':
        case 'needDeliver':
          push(timerEvent(o));
          break;
        case 'spawned':
          observer.arrival(o.inv);
          push({ type: 'arrive', atUs: o.atUs, inv: o.inv, shardId: routeShard() });
          break;
        case 'placed':
          observer.placed(o.cls, o.arrivalUs, o.atUs);
          break;
        case 'completed':
          observer.completed(o.inv, o.atUs, o.machineId);
          break;
        case 'killed':
          observer.killed(o.inv, o.atUs, o.machineId);
          break;
        case 'swappedOut':
          observer.swappedOut(o.machineId, o.cls, o.memoryMB, o.atUs);
          break;
        case 'swappedIn':
          observer.swappedIn(o.machineId, o.cls, o.memoryMB, o.atUs - o.requestedUs, o.atUs);
          break;
        default:
          break;
      }
    }
  };
  /** Adds the nondeterministic data a timer's event carries, drawn now. */
  const concretize = (e: ModelEvent): ModelEvent => {
    if (e.type === 'place')
      return {
        ...e,
        sampledMachines: sampleDistinct(random.sampling, machineCount, Math.min(config.policy.k, machineCount)),
      };
    if (e.type === 'idleJoin')
      return {
        ...e,
        sampledShards: sampleDistinct(random.sampling, shardCount, Math.min(config.policy.k, shardCount)),
      };
    return e;
  };
  const tickUntil = (atUs: number): void => {
    while (nextTick * input.tickUs <= Math.min(atUs, input.durationUs)) {
      fillSample(sample, world);
      observer.tick(nextTick - 1, sample);
      nextTick++;
    }
  };
  const deliver = (e: Entry): void => {
    if (e.type === 'pull') {
      observer.arrival(e.inv);
      // The next arrival is pulled only now, so the agenda keeps one pending top-level arrival.
      const ev: ModelEvent = { type: 'arrive', atUs: e.atUs, inv: e.inv, shardId: routeShard() };
      pullArrival();
      run(ev);
      return;
    }
    if (isCurrent(world, e)) run(concretize(e));
  };
  const run = (ev: ModelEvent): void => {
    const r = step(world, ev);
    world = r.world;
    events++;
    handleOutputs(r.outputs);
  };

  const started = start(world);
  world = started.world;
  handleOutputs(started.outputs);
  pullArrival();
  for (const m of input.memoryEvents ?? [])
    push({ type: 'setUsableMemory', atUs: m.atUs, machineId: m.machineId, memoryMB: m.memoryMB });

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
      deliver(agenda.pop() as Entry);
    }
    wallMs += performance.now() - t0;
    return finished;
  };
  return {
    advance,
    nowUs: () => world.nowUs,
    outcome: (stopEarly = false): SimOutcome => ({
      events,
      simulatedUs: world.nowUs,
      wallS: wallMs / 1000,
      stoppedEarly: stopEarly,
    }),
  };
}

/** The event a timer request asks for, without its nondeterministic data (drawn at delivery). */
type TimerRequest = Extract<Output, { type: 'needWake' | 'needPlace' | 'needJoin' | 'needRelease' | 'needDeliver' }>;

function timerEvent(o: TimerRequest): ModelEvent {
  switch (o.type) {
    case 'needWake':
      return { type: 'wake', atUs: o.atUs, machineId: o.machineId };
    case 'needPlace':
      return { type: 'place', atUs: o.atUs, shardId: o.shardId, sampledMachines: [] };
    case 'needJoin':
      return { type: 'idleJoin', atUs: o.atUs, machineId: o.machineId, sampledShards: [] };
    case 'needRelease':
      return { type: 'release', atUs: o.atUs };
    case 'needDeliver':
      return { type: 'deliver', atUs: o.atUs, seq: o.seq };
  }
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

function fillSample(sample: MachineSample, world: World): void {
  for (const m of world.machines) {
    let resident = 0;
    let swapped = 0;
    let running = 0;
    // Physically held: a transfer holds memory at both ends until it is done.
    for (const t of m.tasks) {
      if (t.residency !== 'swap') resident += t.memoryMB;
      if (t.residency !== 'ram') swapped += t.memoryMB;
      if (t.running) running++;
    }
    sample.cores[m.id] = m.cores;
    sample.functions[m.id] = m.tasks.length;
    sample.running[m.id] = running;
    sample.ramMB[m.id] = m.ramMB;
    sample.residentMB[m.id] = resident;
    sample.swapUsedMB[m.id] = swapped;
  }
}
