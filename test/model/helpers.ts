import type {
  DriveOptions,
  DriveResult,
  Invocation,
  InvocationTemplate,
  Microstep,
  ModelConfig,
  ModelEvent,
  Output,
  OutputOf,
  OutputType,
  Policy,
  World,
} from '../../model/index.ts';
import {
  drive,
  initialWorld,
  makeConfig,
  outputsOf,
  outputsOfType,
  resolvePolicy,
  step,
  topLevel,
} from '../../model/index.ts';

export const TWO_CLASSES = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'high', pricePerCpuS: 2 },
];
export const THREE_CLASSES = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'mid', pricePerCpuS: 1.5 },
  { name: 'high', pricePerCpuS: 2 },
];

export const S = 1_000_000;

/** A config with TWO_CLASSES and memory at its peak from the start (memoryGrowthSteps 1) unless overridden. */
export function config(policy: string | Record<string, unknown> = 'xx', extra: Partial<ModelConfig> = {}): ModelConfig {
  const p: Policy = resolvePolicy(policy);
  return makeConfig({ priceClasses: TWO_CLASSES, policy: p, memoryGrowthSteps: 1, ...extra });
}

/** `machines` identical machines. The default memory (2^30 MB) never fills and keeps machines idle. */
export function world(cfg: ModelConfig, machines: number, cores: number, shards = 1, memoryMB = 1 << 30, swapMB = 0) {
  const spec = { cores, memoryMB, swapMB };
  return initialWorld(cfg, { shards, machines: Array.from({ length: machines }, () => spec) });
}

export function tmpl(id: number, cls: number, workUs: number, extra: Partial<InvocationTemplate> = {}) {
  const defaults = { tenantId: 0, functionId: id, initialMemoryMB: 100, peakMemoryMB: 100, children: [] };
  const t: InvocationTemplate = { id, declaredClass: cls, workUs, ...defaults, ...extra };
  return t;
}

export function inv(id: number, cls: number, workUs: number, arrivalUs = 0, extra: Partial<InvocationTemplate> = {}) {
  return topLevel(tmpl(id, cls, workUs, extra), arrivalUs);
}

/** A fixed memory footprint (initial = peak). */
export const mem = (memoryMB: number): Partial<InvocationTemplate> => ({
  initialMemoryMB: memoryMB,
  peakMemoryMB: memoryMB,
});

// ---- Events ----

export function arrive(i: Invocation, shardId = 0): ModelEvent {
  return { type: 'arrive', atUs: i.arrivalUs, inv: i, shardId };
}

export const placeEv = (atUs: number, sampledMachines: readonly number[] = [0], shardId = 0): ModelEvent => ({
  type: 'place',
  atUs,
  shardId,
  sampledMachines,
});

export const wakeEv = (atUs: number, machineId = 0): ModelEvent => ({ type: 'wake', atUs, machineId });

export const joinEv = (machineId: number, sampledShards: readonly number[], atUs = 0): ModelEvent => ({
  type: 'idleJoin',
  atUs,
  machineId,
  sampledShards,
});

export const usableEv = (atUs: number, memoryMB: number, machineId = 0): ModelEvent => ({
  type: 'setUsableMemory',
  atUs,
  machineId,
  memoryMB,
});

// ---- Drivers and observers ----

/** drive (model/drive.ts: canonical order, ALL_CHOOSER, children routed to shard 0) and all its outputs. */
export function run(w: World, external: readonly ModelEvent[], opts: DriveOptions = {}) {
  const r: DriveResult = drive(w, external, opts);
  const outs: Output[] = outputsOf(r);
  return { ...r, outs };
}

/** Steps events one by one by hand (each must be current: step throws otherwise), collecting outputs. */
export function stepAll(w: World, events: readonly ModelEvent[]) {
  const out: Output[] = [];
  const microsteps: Microstep[] = [];
  for (const e of events) {
    const r = step(w, e);
    w = r.world;
    out.push(...r.outputs);
    microsteps.push(...r.microsteps);
  }
  const result: { world: World; out: Output[]; microsteps: Microstep[] } = { world: w, out, microsteps };
  return result;
}

/** invId -> completion time (us). */
export function completionTimes(outs: readonly Output[]): Record<number, number> {
  const r: Record<number, number> = {};
  for (const o of outs) if (o.type === 'completed') r[o.inv.id] = o.atUs;
  return r;
}

/** The outputs of one type, narrowed. */
export function ofType<T extends OutputType>(outs: readonly Output[], type: T): OutputOf<T>[] {
  return outputsOfType(outs, type);
}

/** [atUs, invId] of every output of the given type (types that carry an invocation). */
export function timesOf(outs: readonly Output[], type: 'swappedOut' | 'swappedIn' | 'started' | 'placed') {
  return ofType(outs, type).map((o): [number, number] => [o.atUs, o.invId]);
}

/** [atUs, invId] of every kill. */
export function kills(outs: readonly Output[]): [number, number][] {
  return ofType(outs, 'killed').map((o) => [o.atUs, o.inv.id]);
}

/** The invocation an output is about, or -1 (timer requests). */
export function invIdOf(o: Output): number {
  if ('invId' in o) return o.invId;
  if ('inv' in o) return o.inv.id;
  return -1;
}

/** [type, atUs, invId] of the outputs of the given types, in order. */
export function trace(outs: readonly Output[], types: readonly OutputType[]): [OutputType, number, number][] {
  return outs.filter((o) => types.includes(o.type)).map((o) => [o.type, o.atUs, invIdOf(o)]);
}

export { deepFreeze } from '../../sim/util/deep-freeze.ts';
