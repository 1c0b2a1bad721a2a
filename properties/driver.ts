import type { ModelEvent, Output, World } from '../model/index.ts';
import { enabledEvents, start } from '../model/index.ts';
import type { History, StepFn } from './history.ts';
import { advance, newHistory } from './history.ts';
import type { Invariant } from './invariants.ts';
import type { Scenario } from './scenario.ts';
import { allTemplates, externalEvents, scenarioConfig, scenarioWorld } from './scenario.ts';

// The adversarial driver used by the random suite: like model/drive.ts, but every choice comes from the
// scenario's tape: which of the events due at the earliest time runs first (any interleaving of same-time events,
// not only drive.ts's fixed tie-break), which k machines a shard polls, which k shards a dispatcher compares,
// which shard a spawned child is routed to. After each step it checks the given invariants.

export interface Violation {
  readonly property: string;
  readonly message: string;
  /** Index in `events` of the step after which the invariant failed (-1: at the end, on the quiescent world). */
  readonly stepIndex: number;
}

export interface RunResult {
  readonly events: ModelEvent[];
  readonly violation: Violation | null;
  readonly world: World;
  readonly outputs: Output[][];
}

/** Reads choices from the tape; past its end every choice is 0. */
export class Tape {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}
  pick(n: number): number {
    const v = this.values[this.i++] ?? 0;
    return n <= 1 ? 0 : Math.abs(Math.trunc(v)) % n;
  }
  /** `count` distinct ids out of 0..n-1, in the order drawn. */
  sample(n: number, count: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    const chosen: number[] = [];
    for (let j = 0; j < Math.min(count, n); j++) chosen.push(pool.splice(this.pick(pool.length), 1)[0]);
    return chosen;
  }
}

export const MAX_STEPS = 3000;

export function boundOf(s: Scenario) {
  const ext = externalEvents(s);
  const templates = allTemplates(s);
  return {
    lastExternalUs: ext.length === 0 ? 0 : ext[ext.length - 1].atUs,
    totalWorkUs: templates.reduce((a, t) => a + t.workUs, 0),
    invocations: templates.length,
  };
}

/** Runs a scenario under `stepFn`, checking `invariants` after every step; stops at the first violation. */
export function runScenario(s: Scenario, stepFn: StepFn, invariants: readonly Invariant[], maxSteps = MAX_STEPS): RunResult {
  const spec = scenarioConfig(s);
  const tape = new Tape(s.tape);
  let world = start(scenarioWorld(s)).world;
  let h: History = newHistory(spec, stepFn, boundOf(s));
  const pending: ModelEvent[] = externalEvents(s);
  const events: ModelEvent[] = [];
  const outputs: Output[][] = [];
  const fail = (property: string, message: string, stepIndex: number): RunResult => ({ events, violation: { property, message, stepIndex }, world, outputs });
  while (events.length < maxSteps) {
    const internal = enabledEvents(world);
    let tMin = Infinity;
    for (const e of internal) tMin = Math.min(tMin, e.atUs);
    for (const e of pending) tMin = Math.min(tMin, e.atUs);
    if (tMin === Infinity) break;
    // Candidates: internal events due at tMin and external ones at tMin (externals keep their relative order).
    const due = internal.filter((e) => e.atUs === tMin);
    const firstExt = pending.findIndex((e) => e.atUs === tMin);
    const n = due.length + (firstExt >= 0 ? 1 : 0);
    const choice = tape.pick(n);
    let ev: ModelEvent;
    if (choice < due.length) {
      const e = due[choice];
      if (e.type === 'place') ev = { ...e, sampledMachines: tape.sample(world.machines.length, spec.policy.k) };
      else if (e.type === 'idleJoin') ev = { ...e, sampledShards: tape.sample(world.shards.length, spec.policy.k) };
      else ev = e;
    } else {
      ev = pending.splice(firstExt, 1)[0];
    }
    const prev = world;
    let r: { world: World; out: Output[] };
    try {
      r = stepFn(prev, ev);
    } catch (e) {
      events.push(ev);
      return fail('modelError', `step threw: ${(e as Error).message}`, events.length - 1);
    }
    events.push(ev);
    outputs.push(r.out);
    world = r.world;
    h = advance(h, ev, r.out, world);
    for (const o of r.out) {
      if (o.type !== 'spawned') continue;
      const child: ModelEvent = { type: 'arrive', atUs: o.atUs, inv: o.inv, shardId: tape.pick(world.shards.length) };
      let j = 0;
      while (j < pending.length && pending[j].atUs <= o.atUs) j++;
      pending.splice(j, 0, child);
    }
    for (const inv of invariants) {
      const msg = inv.check(prev, ev, r.out, world, h);
      if (msg !== null) return fail(inv.name, msg, events.length - 1);
    }
  }
  if (events.length >= maxSteps) return fail('eventualCompletion', `no quiescence after ${maxSteps} steps`, events.length - 1);
  for (const inv of invariants) {
    const msg = inv.final?.(world, h) ?? null;
    if (msg !== null) return fail(inv.name, msg, -1);
  }
  return { events, violation: null, world, outputs };
}

/** Replays a recorded event list (no choices left to make), checking invariants; for fixtures and traces. */
export function replayEvents(s: Scenario, events: readonly ModelEvent[], stepFn: StepFn, invariants: readonly Invariant[]): { steps: { event: ModelEvent; out: Output[]; world: World; violations: Violation[] }[]; initial: World; final: Violation[] } {
  const spec = scenarioConfig(s);
  let world = start(scenarioWorld(s)).world;
  const initial = world;
  let h = newHistory(spec, stepFn, boundOf(s));
  const steps: { event: ModelEvent; out: Output[]; world: World; violations: Violation[] }[] = [];
  for (const ev of events) {
    const prev = world;
    let r: { world: World; out: Output[] };
    try {
      r = stepFn(prev, ev);
    } catch (e) {
      steps.push({ event: ev, out: [], world: prev, violations: [{ property: 'modelError', message: (e as Error).message, stepIndex: steps.length }] });
      return { steps, initial, final: [] };
    }
    world = r.world;
    h = advance(h, ev, r.out, world);
    const violations: Violation[] = [];
    for (const inv of invariants) {
      const msg = inv.check(prev, ev, r.out, world, h);
      if (msg !== null) violations.push({ property: inv.name, message: msg, stepIndex: steps.length });
    }
    steps.push({ event: ev, out: r.out, world, violations });
  }
  const final: Violation[] = [];
  if (enabledEvents(world).length === 0) {
    for (const inv of invariants) {
      const msg = inv.final?.(world, h) ?? null;
      if (msg !== null) final.push({ property: inv.name, message: msg, stepIndex: -1 });
    }
  }
  return { steps, initial, final };
}
