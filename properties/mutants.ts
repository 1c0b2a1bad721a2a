import type { Machine, ModelConfig, ModelEvent, Output, Policy, Task, World } from '../model/index.ts';
import { fifoFrom, fifoItems, step as realStep } from '../model/index.ts';
import type { StepFn } from './history.ts';

// Deliberately broken variants of the model, each a realistic bug, built without touching model/: a mutant is a
// step function that wraps the real one (changing the config it runs with, the event it sees, or the world and
// outputs it returns). The world handed back always carries the real config, so invariants judge against the
// real spec. A mutant that no property kills is a hole in the suite.

export interface Mutant {
  readonly name: string;
  readonly description: string;
  /** The property expected to kill it (the test checks that this one does). */
  readonly expectedKiller: string;
  readonly step: StepFn;
}

/** Runs the real step under a changed policy, handing back a world that carries the real config. */
function withPolicy(patch: Partial<Policy>): StepFn {
  return (world, ev) => {
    const config: ModelConfig = { ...world.config, policy: { ...world.config.policy, ...patch } };
    const r = realStep({ ...world, config }, ev);
    return { world: { ...r.world, config: world.config }, out: r.out };
  };
}

function mapMachines(w: World, f: (m: Machine) => Machine): World {
  return { ...w, machines: w.machines.map(f) };
}

const classBlindMachine: Mutant = {
  name: 'classBlind',
  description: 'the scheduler ignores price classes (every invocation scheduled as class 0)',
  expectedKiller: 'noPriorityInversion',
  step: withPolicy({ classAware: false }),
};

const noPreemption: Mutant = {
  name: 'noPreemption',
  description: 'a higher class never preempts a running lower-class function',
  expectedKiller: 'noPriorityInversion',
  step: withPolicy({ preemptive: false }),
};

// LIFO within a class: the machine keeps each class queue newest first, so the scheduler (which takes the first
// runnable task of the best class) starts the latest arrival.
const lifoWithinClass: Mutant = {
  name: 'lifoWithinClass',
  description: 'machine queues are kept newest first, so the latest arrival of a class runs first',
  expectedKiller: 'fcfsWithinClass',
  step: (world, ev) => {
    const r = realStep(world, ev);
    return { world: mapMachines(r.world, (m) => ({ ...m, queues: m.queues.map((q) => q.slice().sort((a, b) => b.seq - a.seq)) })), out: r.out };
  },
};

// Inheritance dropped: a spawned child runs at its declared class (the driver routes the rewritten child).
const dropInheritance: Mutant = {
  name: 'dropInheritance',
  description: "a child runs at its declared class instead of max(declared, parent's effective class)",
  expectedKiller: 'inheritance',
  step: (world, ev) => {
    const r = realStep(world, ev);
    const out = r.out.map((o): Output => (o.type === 'spawned' ? { ...o, inv: { ...o.inv, effectiveClass: o.inv.declaredClass } } : o));
    return { world: r.world, out };
  },
};

const priceOnly: Mutant = {
  name: 'priceOnly',
  description: 'the shard picks by price alone (strict priority: low-class heads starve)',
  expectedKiller: 'shardChoice',
  step: withPolicy({ shardRule: 'priceOnly' }),
};

const priceOverWait: Mutant = {
  name: 'priceOverWait',
  description: 'the literal "price / waiting time" rule (favours the freshest head)',
  expectedKiller: 'shardChoice',
  step: withPolicy({ shardRule: 'priceOverWait' }),
};

// Swap picks the highest class: after the real step, each swap victim is exchanged for the highest-class
// resident waiting task on its machine that is at least as large (so memory stays within bounds).
const swapHighestFirst: Mutant = {
  name: 'swapHighestFirst',
  description: 'memory pressure swaps out the highest-class waiting function instead of the lowest',
  expectedKiller: 'swapAndKillOrder',
  step: (world, ev) => {
    const r = realStep(world, ev);
    let machines = r.world.machines;
    const out = r.out.map((o): Output => {
      if (o.type !== 'swappedOut') return o;
      const m = machines[o.machineId];
      const victim = findQueued(m, o.invId);
      if (victim === undefined || victim.state !== 'swapped') return o;
      let best: Task | undefined;
      for (const q of m.queues) for (const t of q) if (t.state === 'waiting' && t.prio > victim.prio && t.memoryMB >= victim.memoryMB && m.swapUsedMB - victim.memoryMB + t.memoryMB <= m.swapCapacityMB) if (best === undefined || t.prio > best.prio) best = t;
      if (best === undefined) return o;
      const chosen = best;
      const queues = m.queues.map((q) => q.map((t) => (t === chosen ? { ...t, state: 'swapped' as const } : t === victim ? { ...t, state: 'waiting' as const } : t)));
      const delta = chosen.memoryMB - victim.memoryMB;
      const next: Machine = { ...m, queues, residentMB: m.residentMB - delta, swapUsedMB: m.swapUsedMB + delta };
      machines = machines.map((x) => (x.id === m.id ? next : x));
      return { ...o, invId: chosen.inv.id, cls: chosen.inv.effectiveClass, memoryMB: chosen.memoryMB };
    });
    return { world: { ...r.world, machines }, out };
  },
};

function findQueued(m: Machine, id: number): Task | undefined {
  for (const q of m.queues) for (const t of q) if (t.inv.id === id) return t;
  return undefined;
}

const killBeforeSwap: Mutant = {
  name: 'killBeforeSwap',
  description: 'memory pressure kills right away although swap could absorb it',
  expectedKiller: 'swapAndKillOrder',
  step: withPolicy({ swap: false }),
};

// Swapped memory not counted: the machine forgets what it put in swap, so swap can overfill.
const swappedMemoryNotCounted: Mutant = {
  name: 'swappedMemoryNotCounted',
  description: 'swap usage is not tracked (memory swapped out is not counted anywhere)',
  expectedKiller: 'memorySafety',
  step: (world, ev) => {
    const r = realStep(world, ev);
    return { world: mapMachines(r.world, (m) => (m.swapUsedMB === 0 ? m : { ...m, swapUsedMB: 0 })), out: r.out };
  },
};

// Idle-list entries never removed: when a machine leaves a list, its stale entry stays.
const idleNeverRemoved: Mutant = {
  name: 'idleNeverRemoved',
  description: 'idle-list entries are never removed when a machine stops being idle',
  expectedKiller: 'idleList',
  step: (world, ev) => {
    const r = realStep(world, ev);
    const shards = r.world.shards.map((s, i) => {
      const before = world.shards[i].idle;
      const kept = before.filter((e) => !s.idle.some((x) => x.machineId === e.machineId) && r.world.machines[e.machineId].dispatcher.idleShard < 0);
      return kept.length === 0 ? s : { ...s, idle: [...s.idle, ...kept] };
    });
    return { world: { ...r.world, shards }, out: r.out };
  },
};

// A placement that ignores the sampled machines and always polls machine 0.
const ignoresSampledMachines: Mutant = {
  name: 'ignoresSampledMachines',
  description: 'polling ignores the sampled machines and always uses machine 0',
  expectedKiller: 'shardChoice',
  step: (world, ev) => {
    if (ev.type !== 'place') return realStep(world, ev);
    const r = realStep(world, { ...ev, sampledMachines: [0] });
    return r;
  },
};

// The reducer updates its input in place (a classic slip when optimizing a hot path).
const mutatesInput: Mutant = {
  name: 'mutatesInput',
  description: 'the reducer writes the new time into its input world instead of a copy',
  expectedKiller: 'determinismAndPurity',
  step: (world, ev) => {
    const r = realStep(world, ev);
    (world as { nowUs: number }).nowUs = ev.atUs;
    return r;
  },
};

// A kill that forgets to report: the victim disappears without a `killed` output.
const silentKill: Mutant = {
  name: 'silentKill',
  description: 'killed functions vanish without a killed output',
  expectedKiller: 'conservation',
  step: (world, ev) => {
    const r = realStep(world, ev);
    return { world: r.world, out: r.out.filter((o) => o.type !== 'killed') };
  },
};

// Off by one in the core count: the machine never uses its last core.
const coreOffByOne: Mutant = {
  name: 'coreOffByOne',
  description: 'the machine scheduler uses one core fewer than the machine has',
  expectedKiller: 'workConservation',
  step: (world, ev) => {
    const r = realStep(mapMachines(world, (m) => (m.cores > 1 ? { ...m, cores: m.cores - 1 } : m)), ev);
    return { world: mapMachines(r.world, (m) => ({ ...m, cores: world.machines[m.id].cores })), out: r.out };
  },
};

// Shard queues become LIFO: the newest arrival of a class is at the head.
const shardLifo: Mutant = {
  name: 'shardLifo',
  description: 'a shard queue hands out its newest entry first',
  expectedKiller: 'fcfsWithinClass',
  step: (world, ev) => {
    const r = realStep(world, ev);
    if (ev.type !== 'arrive') return r;
    const shards = r.world.shards.map((s) => (s.id !== ev.shardId ? s : { ...s, queues: s.queues.map((q) => fifoFrom(fifoItems(q).sort((a, b) => b.enqueuedUs - a.enqueuedUs))) }));
    return { world: { ...r.world, shards }, out: r.out };
  },
};

export const MUTANTS: readonly Mutant[] = [
  classBlindMachine,
  noPreemption,
  lifoWithinClass,
  dropInheritance,
  priceOnly,
  priceOverWait,
  swapHighestFirst,
  killBeforeSwap,
  swappedMemoryNotCounted,
  idleNeverRemoved,
  ignoresSampledMachines,
  mutatesInput,
  silentKill,
  coreOffByOne,
  shardLifo,
];

export function mutantByName(name: string): Mutant | undefined {
  return MUTANTS.find((m) => m.name === name);
}

export type { ModelEvent };
