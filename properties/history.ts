import type { Invocation, ModelConfig, ModelEvent, StepResult, World } from '../model/index.ts';
import { transferDurationUs } from './oracle/rules.ts';
import type { Replay, ShadowMachine } from './oracle/shadow.ts';
import { replayStep, shadowsOf } from './oracle/shadow.ts';

// What a run has seen so far, beyond the current world: the facts per-step invariants need that one world cannot
// tell (which invocations exist, which have finished, what each tenant was billed, the oracles' shadow machines).
// Immutable: `advance` returns a new History, so the explorer can keep one per state.

export type StepFn = (world: World, ev: ModelEvent) => StepResult;

export interface Bound {
  /** Time of the last external event (arrival or antagonist). */
  readonly lastExternalUs: number;
  /** Work of every invocation, children included. */
  readonly totalWorkUs: number;
  /** Number of invocations, children included. */
  readonly invocations: number;
}

export interface History {
  /** The scenario's config: invariants judge against it. */
  readonly spec: ModelConfig;
  /** The transition under test (the model's `step` or a mutant's), for the determinism check. */
  readonly step: StepFn;
  readonly bound: Bound;
  /** Index of the step just taken (0-based; -1 before the first). */
  readonly stepIndex: number;
  /** Every invocation that arrived (as admitted: after a possible demotion) or was spawned. */
  readonly known: ReadonlyMap<number, Invocation>;
  /** Spawned children not yet arrived at a shard. */
  readonly inFlight: ReadonlySet<number>;
  readonly done: ReadonlyMap<number, 'completed' | 'killed'>;
  /** The latest budget release time the model announced (0 if none). */
  readonly maxReleaseUs: number;
  /** How long every transfer asked for so far keeps a swap device busy, in all. */
  readonly transfersUs: number;
  /** The oracles' ledger: what each budgeted tenant has been billed. */
  readonly spentByTenant: ReadonlyMap<number, number>;
  readonly shadows: readonly ShadowMachine[];
}

export function newHistory(spec: ModelConfig, step: StepFn, bound: Bound, initial: World): History {
  return {
    spec,
    step,
    bound,
    stepIndex: -1,
    known: new Map(),
    inFlight: new Set(),
    done: new Map(),
    maxReleaseUs: 0,
    transfersUs: 0,
    spentByTenant: new Map(),
    shadows: shadowsOf(initial),
  };
}

/** The history after a step, and the shadow machines' replay of it (the machine verdicts). */
export function advance(h: History, prev: World, ev: ModelEvent, r: StepResult): { history: History; replay: Replay } {
  const replay = replayStep(h.shadows, prev.nowUs, ev.atUs, r.microsteps, r.world, h.spec);
  // Each collection is copied only when this step changes it: most steps change none, and every state keeps one.
  let known = h.known as Map<number, Invocation>;
  let inFlight = h.inFlight as Set<number>;
  let done = h.done as Map<number, 'completed' | 'killed'>;
  let spentByTenant = h.spentByTenant as Map<number, number>;
  let maxReleaseUs = h.maxReleaseUs;
  let transfersUs = h.transfersUs;
  const learn = (inv: Invocation) => {
    if (known === h.known) known = new Map(known);
    known.set(inv.id, inv);
  };
  const landed = (id: number, flying: boolean) => {
    if (inFlight.has(id) === flying) return;
    if (inFlight === h.inFlight) inFlight = new Set(inFlight);
    if (flying) inFlight.add(id);
    else inFlight.delete(id);
  };
  if (ev.type === 'arrive') {
    const enqueued = r.microsteps.find((m) => m.body.type === 'enqueue' && m.body.inv.id === ev.inv.id);
    learn(enqueued?.body.type === 'enqueue' ? enqueued.body.inv : ev.inv);
    landed(ev.inv.id, false);
  }
  for (const o of r.outputs) {
    if (o.type === 'spawned') {
      learn(o.inv);
      landed(o.inv.id, true);
    } else if (o.type === 'completed' || o.type === 'killed') {
      if (done === h.done) done = new Map(done);
      done.set(o.inv.id, o.type);
    } else if (o.type === 'swappingOut' || o.type === 'swappingIn') {
      transfersUs += transferDurationUs(o.memoryMB, prev.machines[o.machineId].swapMBPerS);
    } else if (o.type === 'needRelease') {
      maxReleaseUs = Math.max(maxReleaseUs, o.atUs);
    } else if (o.type === 'billed' && h.spec.budgets[o.tenantId] !== undefined) {
      if (spentByTenant === h.spentByTenant) spentByTenant = new Map(spentByTenant);
      spentByTenant.set(o.tenantId, (spentByTenant.get(o.tenantId) ?? 0) + o.cpuCost + o.memoryCost);
    }
  }
  const history: History = {
    ...h,
    stepIndex: h.stepIndex + 1,
    known,
    inFlight,
    done,
    maxReleaseUs,
    transfersUs,
    spentByTenant,
    shadows: replay.machines,
  };
  return { history, replay };
}
