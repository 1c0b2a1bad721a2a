import type { Ledger } from './budget.ts';
import { EMPTY_LEDGER, budgetReleaseUs, isOverBudget, recordSpend } from './budget.ts';
import type { ModelConfig } from './config.ts';
import { schedClass } from './config.ts';
import type { IdleMessage } from './dispatcher.ts';
import { chooseShortestList, dispatcherReact, idleEntryOf, isIdle } from './dispatcher.ts';
import type { ModelEvent, Output } from './events.ts';
import type { Invocation } from './invocation.ts';
import { invalidInvocation } from './invocation.ts';
import { machineAssign, machineSetUsableMemory, machineWake } from './machine.ts';
import type { Machine, MachineSpec } from './machine-state.ts';
import { freeCores, functionCount, functionCountAtOrAbove, newMachine } from './machine-state.ts';
import type { Queued, Shard } from './shard.ts';
import { fifoPeek } from './fifo.ts';
import { dequeueHead, enqueue, shardWith, isHeld, newShard, pickIdleEntry, queuedCount, removeIdleEntry, selectHead, setIdleEntry } from './shard.ts';

// The composition of the components: one event goes to the component it concerns (a shard or a machine), and
// the messages between components that involve no choice (a placement landing on its machine, a dispatcher
// updating or leaving its idle-list entry, billing) are delivered within the same step. Messages that need a
// nondeterministic choice come back as requests (`need*` outputs) for the driver to answer with an event.
//
// `applyEvent` works against a ClusterStore so the simulator can keep 10,000 machines in an array it owns and
// replace one entry per event; `step` wraps it with a copy-on-write store over an immutable World, which is
// what property tests and the explorer use. Both run exactly the same transition code.

export interface World {
  readonly config: ModelConfig;
  readonly nowUs: number;
  readonly shards: readonly Shard[];
  readonly machines: readonly Machine[];
  readonly ledger: Ledger;
}

export interface ClusterStore {
  readonly config: ModelConfig;
  shardCount(): number;
  machineCount(): number;
  machine(id: number): Machine;
  setMachine(m: Machine): void;
  shard(id: number): Shard;
  setShard(s: Shard): void;
  ledger(): Ledger;
  setLedger(l: Ledger): void;
}

export interface ClusterSpec {
  readonly shards: number;
  readonly machines: readonly MachineSpec[];
}

export function initialWorld(config: ModelConfig, spec: ClusterSpec): World {
  const classCount = config.policy.classAware ? config.priceClasses.length : 1;
  const shards: Shard[] = [];
  for (let i = 0; i < spec.shards; i++) shards.push(newShard(i, config));
  const machines = spec.machines.map((m, i) => newMachine(i, m, classCount));
  return { config, nowUs: 0, shards, machines, ledger: EMPTY_LEDGER };
}

/**
 * Requests that put a fresh cluster in motion: with idle lists on, every machine starts idle and asks to join.
 * Drivers call this once, before the first event.
 */
export function startCluster(store: ClusterStore, out: Output[]): void {
  for (let id = 0; id < store.machineCount(); id++) reactDispatcher(store, store.machine(id), 0, out);
}

/** The pure transition: the next world and what it emitted. Never mutates `world`. */
export function step(world: World, ev: ModelEvent): { world: World; out: Output[] } {
  if (ev.atUs < world.nowUs) throw new Error(`event at ${ev.atUs}us is before the world's time ${world.nowUs}us`);
  const store = new CopyOnWriteStore(world);
  const out: Output[] = [];
  applyEvent(store, ev, out);
  return { world: store.toWorld(ev.atUs), out };
}

/** A fresh world's start-up requests as a pure function (see startCluster). */
export function start(world: World): { world: World; out: Output[] } {
  const store = new CopyOnWriteStore(world);
  const out: Output[] = [];
  startCluster(store, out);
  return { world: store.toWorld(world.nowUs), out };
}

export function applyEvent(store: ClusterStore, ev: ModelEvent, out: Output[]): void {
  if (!Number.isSafeInteger(ev.atUs) || ev.atUs < 0) throw new Error(`${ev.type}: atUs must be an integer >= 0, got ${ev.atUs}`);
  switch (ev.type) {
    case 'arrive':
      return arrive(store, ev.shardId, ev.inv, ev.atUs, out);
    case 'place':
      return place(store, ev.shardId, ev.sampledMachines, ev.atUs, out);
    case 'release':
      return release(store, ev.shardId, ev.atUs, out);
    case 'wake': {
      const m = machineOf(store, ev.machineId);
      const from = out.length;
      const next = machineWake(m, ev.atUs, store.config, out);
      return afterMachine(store, next, ev.atUs, from, out);
    }
    case 'setUsableMemory': {
      const m = machineOf(store, ev.machineId);
      const from = out.length;
      const next = machineSetUsableMemory(m, ev.atUs, ev.memoryMB, store.config, out);
      return afterMachine(store, next, ev.atUs, from, out);
    }
    case 'idleJoin':
      return idleJoin(store, ev.machineId, ev.sampledShards, ev.atUs, out);
  }
}

function machineOf(store: ClusterStore, id: number): Machine {
  if (!Number.isInteger(id) || id < 0 || id >= store.machineCount()) throw new Error(`no machine ${id}`);
  return store.machine(id);
}

function shardOf(store: ClusterStore, id: number): Shard {
  if (!Number.isInteger(id) || id < 0 || id >= store.shardCount()) throw new Error(`no shard ${id}`);
  return store.shard(id);
}

function arrive(store: ClusterStore, shardId: number, inv: Invocation, atUs: number, out: Output[]): void {
  const config = store.config;
  let shard = shardOf(store, shardId);
  const invalid = invalidInvocation(inv, config.priceClasses.length);
  if (invalid !== null) throw new Error(invalid);
  let admitted = inv;
  if (isOverBudget(store.ledger(), inv.tenantId, atUs, config)) {
    if (config.policy.throttle === 'hold') {
      const releaseAtUs = Math.min(shard.releaseAtUs, budgetReleaseUs(store.ledger(), inv.tenantId, config));
      shard = shardWith(shard, { throttled: [...shard.throttled, { inv, enqueuedUs: atUs }], releaseAtUs });
      out.push({ type: 'throttled', atUs, invId: inv.id, shardId });
      if (releaseAtUs !== store.shard(shardId).releaseAtUs) out.push({ type: 'needRelease', atUs: releaseAtUs, shardId });
      store.setShard(shard);
      return;
    }
    admitted = { ...inv, effectiveClass: 0 };
  }
  shard = enqueue(shard, schedClass(config, admitted.effectiveClass), { inv: admitted, enqueuedUs: atUs });
  store.setShard(requestPlacement(shard, atUs, config, out));
}

/** Asks the driver for a placement decision when the shard has work, is not held, and none is pending. */
function requestPlacement(s: Shard, atUs: number, config: ModelConfig, out: Output[]): Shard {
  if (s.placePending || queuedCount(s) === 0 || isHeld(s, config)) return s;
  out.push({ type: 'needPlace', atUs: Math.max(atUs, s.busyUntilUs), shardId: s.id });
  return shardWith(s, { placePending: true });
}

function place(store: ClusterStore, shardId: number, sampledMachines: readonly number[], atUs: number, out: Output[]): void {
  const config = store.config;
  const before = shardOf(store, shardId);
  if (atUs < before.busyUntilUs) throw new Error(`shard ${shardId}: place at ${atUs}us while busy until ${before.busyUntilUs}us`);
  const prio = selectHead(before, atUs, config);
  if (prio < 0 || isHeld(before, config)) {
    store.setShard(shardWith(before, { placePending: false }));
    return;
  }
  let machineId: number;
  const useIdleList = config.policy.idleList && before.idle.length > 0;
  if (useIdleList) {
    machineId = pickIdleEntry(before).machineId;
  } else {
    if (sampledMachines.length === 0) throw new Error(`shard ${shardId}: place needs at least one sampled machine`);
    for (const id of sampledMachines) machineOf(store, id);
    const head = fifoPeek(before.queues[prio]) as Queued;
    machineId = pollPick(store, sampledMachines, schedClass(config, head.inv.effectiveClass));
  }
  const taken = dequeueHead(before, prio);
  let shard = shardWith(taken.shard, { placePending: false, busyUntilUs: atUs + config.policy.shardDecisionUs });
  if (useIdleList && config.policy.idleEntryOnPlace === 'remove') {
    // JIQ: the entry is consumed by the placement; the dispatcher re-joins (with a fresh sample) if still idle.
    shard = removeIdleEntry(shard, machineId);
    const m = store.machine(machineId);
    store.setMachine({ ...m, dispatcher: { ...m.dispatcher, idleShard: -1, joinRequested: false } });
  }
  store.setShard(shard);
  out.push({ type: 'placed', atUs, invId: taken.item.inv.id, shardId, machineId });
  const from = out.length;
  const next = machineAssign(store.machine(machineId), taken.item.inv, atUs, config, out);
  afterMachine(store, next, atUs, from, out);
  store.setShard(requestPlacement(store.shard(shardId), atUs, config, out));
}

/** Power of k choices over the sampled machines (ties: first in sample order). */
function pollPick(store: ClusterStore, sampled: readonly number[], prio: number): number {
  const policy = store.config.policy;
  if (policy.pollPick === 'firstFree') {
    for (const id of sampled) if (freeCores(store.machine(id)) > 0 && store.machine(id).queued === 0) return id;
    return sampled[0];
  }
  let best = sampled[0];
  let bestLoad = Infinity;
  for (const id of sampled) {
    const m = store.machine(id);
    const load = policy.loadCounts === 'all' ? functionCount(m) : functionCountAtOrAbove(m, prio);
    if (load < bestLoad) {
      best = id;
      bestLoad = load;
    }
  }
  return best;
}

function release(store: ClusterStore, shardId: number, atUs: number, out: Output[]): void {
  const config = store.config;
  let shard = shardOf(store, shardId);
  const still: Shard['throttled'][number][] = [];
  let releaseAtUs = Infinity;
  for (const item of shard.throttled) {
    if (isOverBudget(store.ledger(), item.inv.tenantId, atUs, config)) {
      still.push(item);
      releaseAtUs = Math.min(releaseAtUs, budgetReleaseUs(store.ledger(), item.inv.tenantId, config));
    } else {
      // Time spent throttled earns no aging credit: its wait for the selection rule starts at release.
      shard = enqueue(shard, schedClass(config, item.inv.effectiveClass), { inv: item.inv, enqueuedUs: atUs });
    }
  }
  shard = shardWith(shard, { throttled: still, releaseAtUs });
  if (releaseAtUs !== Infinity) out.push({ type: 'needRelease', atUs: Math.max(atUs, releaseAtUs), shardId });
  store.setShard(requestPlacement(shard, atUs, config, out));
}

function idleJoin(store: ClusterStore, machineId: number, sampledShards: readonly number[], atUs: number, out: Output[]): void {
  const config = store.config;
  const m = machineOf(store, machineId);
  if (sampledShards.length === 0) throw new Error(`machine ${machineId}: idleJoin needs at least one sampled shard`);
  for (const s of sampledShards) shardOf(store, s);
  const disp = m.dispatcher;
  if (!config.policy.idleList || disp.idleShard >= 0 || !isIdle(m, config)) {
    // Stale request: the machine is already listed or no longer idle.
    store.setMachine({ ...m, dispatcher: { ...disp, joinRequested: false } });
    return;
  }
  const shardId = chooseShortestList(sampledShards, (s) => store.shard(s).idle.length);
  const entry = idleEntryOf(m);
  store.setMachine({ ...m, dispatcher: { idleShard: shardId, joinRequested: false, reportedFreeMB: entry.freeMB, reportedFunctions: entry.functions } });
  store.setShard(requestPlacement(setIdleEntry(store.shard(shardId), entry), atUs, config, out));
}

/** Stores a machine that changed, bills its completions, and lets its dispatcher react. */
function afterMachine(store: ClusterStore, m: Machine, atUs: number, from: number, out: Output[]): void {
  const config = store.config;
  for (let i = from; i < out.length; i++) {
    const o = out[i];
    if (o.type === 'completed' && config.budgets[o.inv.tenantId] !== undefined) {
      store.setLedger(recordSpend(store.ledger(), o.inv.tenantId, o.cpuCost + o.memoryCost, config));
    }
  }
  if (m.wakeAtUs !== Infinity && m.wakeAtUs !== store.machine(m.id).wakeAtUs) out.push({ type: 'needWake', atUs: m.wakeAtUs, machineId: m.id });
  reactDispatcher(store, m, atUs, out);
}

function reactDispatcher(store: ClusterStore, m: Machine, atUs: number, out: Output[]): void {
  const { machine, message } = dispatcherReact(m, store.config);
  store.setMachine(machine);
  if (message !== null) deliverIdleMessage(store, machine.id, message, atUs, out);
}

function deliverIdleMessage(store: ClusterStore, machineId: number, msg: IdleMessage, atUs: number, out: Output[]): void {
  switch (msg.kind) {
    case 'requestJoin':
      out.push({ type: 'needJoin', atUs, machineId });
      return;
    case 'update':
      store.setShard(setIdleEntry(store.shard(msg.shardId), msg.entry));
      return;
    case 'leave':
      store.setShard(removeIdleEntry(store.shard(msg.shardId), machineId));
      return;
  }
}

/** A ClusterStore over an immutable World: arrays are copied on the first write of a step. */
class CopyOnWriteStore implements ClusterStore {
  readonly config: ModelConfig;
  private shards: readonly Shard[];
  private machines: readonly Machine[];
  private ownShards = false;
  private ownMachines = false;
  private ledgerValue: Ledger;

  constructor(world: World) {
    this.config = world.config;
    this.shards = world.shards;
    this.machines = world.machines;
    this.ledgerValue = world.ledger;
  }
  shardCount(): number {
    return this.shards.length;
  }
  machineCount(): number {
    return this.machines.length;
  }
  machine(id: number): Machine {
    return this.machines[id];
  }
  setMachine(m: Machine): void {
    if (!this.ownMachines) {
      this.machines = this.machines.slice();
      this.ownMachines = true;
    }
    (this.machines as Machine[])[m.id] = m;
  }
  shard(id: number): Shard {
    return this.shards[id];
  }
  setShard(s: Shard): void {
    if (!this.ownShards) {
      this.shards = this.shards.slice();
      this.ownShards = true;
    }
    (this.shards as Shard[])[s.id] = s;
  }
  ledger(): Ledger {
    return this.ledgerValue;
  }
  setLedger(l: Ledger): void {
    this.ledgerValue = l;
  }
  toWorld(nowUs: number): World {
    return { config: this.config, nowUs, shards: this.shards, machines: this.machines, ledger: this.ledgerValue };
  }
}
