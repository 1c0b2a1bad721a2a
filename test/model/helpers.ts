import type { Chooser, Invocation, InvocationTemplate, ModelConfig, ModelEvent, Output, Policy, TraceStep, World } from '../../model/index.ts';
import { ALL_CHOOSER, drive, fifoItems, initialWorld, makeConfig, resolvePolicy, start, step, topLevel } from '../../model/index.ts';

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

export function config(policy: string | Record<string, unknown> = 'xx', extra: Partial<ModelConfig> = {}): ModelConfig {
  const p: Policy = resolvePolicy(policy);
  return makeConfig({ priceClasses: TWO_CLASSES, policy: p, memoryGrowthSteps: 1, ...extra });
}

export function world(cfg: ModelConfig, machines: number, cores: number, shards = 1, memoryMB = 1 << 30, swapMB = 0): World {
  return initialWorld(cfg, { shards, machines: Array.from({ length: machines }, () => ({ cores, memoryMB, swapMB })) });
}

export function tmpl(id: number, cls: number, workUs: number, extra: Partial<InvocationTemplate> = {}): InvocationTemplate {
  return { id, tenantId: 0, functionId: id, declaredClass: cls, workUs, initialMemoryMB: 100, peakMemoryMB: 100, children: [], ...extra };
}

export function inv(id: number, cls: number, workUs: number, arrivalUs = 0, extra: Partial<InvocationTemplate> = {}): Invocation {
  return topLevel(tmpl(id, cls, workUs, extra), arrivalUs);
}

export function arrive(i: Invocation, shardId = 0): ModelEvent {
  return { type: 'arrive', atUs: i.arrivalUs, inv: i, shardId };
}

// ---- Drivers and observers for the hand-worked example tests ----

/**
 * Like `drive` (model/drive.ts), but routes every `spawned` child back into the model as an `arrive` event
 * at the spawn time (to `shardFor(child)`, shard 0 by default). `drive` itself leaves spawned children to the
 * caller. A child arriving at time t is queued after the external events already due at t.
 */
export function driveRouted(
  initial: World,
  external: readonly ModelEvent[],
  opts: { chooser?: Chooser; shardFor?: (child: Invocation) => number; maxSteps?: number } = {},
): { steps: TraceStep[]; world: World; startOut: readonly Output[] } {
  return drive(initial, external, opts.chooser ?? ALL_CHOOSER, opts.maxSteps ?? 100_000, { shardFor: opts.shardFor ?? (() => 0) });
}

/** Every output of a run, in order (start-up outputs first). */
export function outputsOf(run: { steps: readonly TraceStep[]; startOut: readonly Output[] }): Output[] {
  const outs: Output[] = [...run.startOut];
  for (const s of run.steps) outs.push(...s.out);
  return outs;
}

/** invId -> completion time (us). */
export function completionTimes(outs: readonly Output[]): Record<number, number> {
  const r: Record<number, number> = {};
  for (const o of outs) if (o.type === 'completed') r[o.inv.id] = o.atUs;
  return r;
}

/** The outputs of one type, narrowed. */
export function ofType<T extends Output['type']>(outs: readonly Output[], type: T): Extract<Output, { type: T }>[] {
  return outs.filter((o): o is Extract<Output, { type: T }> => o.type === type);
}

/** Recursively freezes a value (objects and arrays), returning it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/**
 * A world as plain comparable data: shard queues (persistent FIFOs whose shared buffer may hold items that
 * belong to newer values, see model/fifo.ts) are replaced by their items.
 */
export function canonical(w: World): unknown {
  return {
    nowUs: w.nowUs,
    ledger: w.ledger,
    machines: w.machines,
    shards: w.shards.map((s) => ({ ...s, queues: s.queues.map((q) => fifoItems(q)) })),
  };
}
