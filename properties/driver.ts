import type { EnabledEvent, ModelEvent, Output, StepResult, World } from '../model/index.ts';
import { compareEvents, enabledEvents, start } from '../model/index.ts';
import type { Coverage } from './coverage.ts';
import type { History, StepFn } from './history.ts';
import { advance, newHistory } from './history.ts';
import { STEP_LIMIT } from './invariants/completion.ts';
import type { Invariant, StepView } from './invariants/index.ts';
import { NO_PROBE } from './invariants/types.ts';
import type { Scenario } from './scenario.ts';
import { allTemplates, externalEvents, scenarioConfig, scenarioWorld } from './scenario.ts';
import { Tape } from './tape.ts';

// The adversarial driver of the random suite: every choice comes from the scenario's tape. Among the events due at
// the earliest time (the model's timers and the pending external events) the tape picks which runs first, so every
// interleaving of same-time events can happen, not only the engines' canonical order; it also picks the sampled
// machines, the sampled shards and each child's shard. After each step it checks the invariants.

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
  readonly outputs: (readonly Output[])[];
}

/** The driver stops here; eventualCompletion reports the livelock at this step. */
export const MAX_STEPS = STEP_LIMIT;

export function boundOf(s: Scenario) {
  const ext = externalEvents(s);
  const templates = allTemplates(s);
  return {
    lastExternalUs: ext.length === 0 ? 0 : ext[ext.length - 1].atUs,
    totalWorkUs: templates.reduce((a, t) => a + t.workUs, 0),
    invocations: templates.length,
  };
}

/**
 * The next event the tape chooses among those due first, or null when nothing is left. The candidates are listed in
 * the canonical order (model/timers.ts), so choice 0, what an exhausted or shrunk tape gives, is the order the
 * simulator's engines follow; any other choice is another legal interleaving.
 */
function chooseNext(world: World, pending: ModelEvent[], tape: Tape, k: number): ModelEvent | null {
  const timers = enabledEvents(world);
  const tMin = Math.min(...timers.map((e) => e.atUs), ...pending.map((e) => e.atUs));
  if (tMin === Infinity) return null;
  const external = pending.find((e) => e.atUs === tMin);
  const due: (EnabledEvent | ModelEvent)[] = timers.filter((e) => e.atUs === tMin);
  if (external !== undefined) due.push(external);
  due.sort(compareEvents);
  const e = due[tape.pick(due.length)];
  if (e === external) {
    pending.splice(pending.indexOf(external), 1);
    return external;
  }
  if (e.type === 'place') return { ...e, sampledMachines: tape.sample(world.machines.length, k) };
  if (e.type === 'idleJoin') return { ...e, sampledShards: tape.sample(world.shards.length, k) };
  return e as ModelEvent;
}

/** Checks every invariant on a step; the first violation, or null. Records coverage when given. */
export function checkStep(v: StepView, invariants: readonly Invariant[], coverage?: Coverage): Violation | null {
  coverage?.record(v);
  for (const inv of invariants) {
    const message = inv.check(v, coverage?.probe(inv.name) ?? NO_PROBE);
    if (message !== null) return { property: inv.name, message, stepIndex: v.after.stepIndex };
  }
  return null;
}

export function checkFinal(
  world: World,
  h: History,
  invariants: readonly Invariant[],
  coverage?: Coverage,
): Violation | null {
  for (const inv of invariants) {
    const message = inv.final?.(world, h, coverage?.probe(inv.name) ?? NO_PROBE) ?? null;
    if (message !== null) return { property: inv.name, message, stepIndex: -1 };
  }
  return null;
}

/** Runs a scenario under `stepFn`, checking `invariants` after every step; stops at the first violation. */
export function runScenario(
  s: Scenario,
  stepFn: StepFn,
  invariants: readonly Invariant[],
  options: { maxSteps?: number; coverage?: Coverage; startFn?: (w: World) => StepResult } = {},
): RunResult {
  const spec = scenarioConfig(s);
  const tape = new Tape(s.tape);
  const started = (options.startFn ?? start)(scenarioWorld(s));
  options.coverage?.recordStart({ result: started });
  let world = started.world;
  let h: History = newHistory(spec, stepFn, boundOf(s), world);
  const pending: ModelEvent[] = externalEvents(s);
  const events: ModelEvent[] = [];
  const outputs: (readonly Output[])[] = [];
  const fail = (violation: Violation): RunResult => ({ events, violation, world, outputs });
  const maxSteps = options.maxSteps ?? MAX_STEPS;
  while (events.length < maxSteps) {
    const ev = chooseNext(world, pending, tape, spec.policy.k);
    if (ev === null) break;
    events.push(ev);
    let r: StepResult;
    try {
      r = stepFn(world, ev);
    } catch (e) {
      return fail({
        property: 'modelError',
        message: `step threw: ${(e as Error).message}`,
        stepIndex: events.length - 1,
      });
    }
    const prev = world;
    const before = h;
    const next = advance(h, prev, ev, r);
    world = r.world;
    h = next.history;
    outputs.push(r.outputs);
    routeChildren(r.outputs, pending, tape, world.shards.length);
    const violation = checkStep(
      { prev, event: ev, result: r, next: world, before, after: h, replay: next.replay },
      invariants,
      options.coverage,
    );
    if (violation !== null) return fail(violation);
  }
  if (events.length >= maxSteps)
    return fail({
      property: 'eventualCompletion',
      message: `no quiescence after ${maxSteps} steps`,
      stepIndex: events.length - 1,
    });
  const final = checkFinal(world, h, invariants, options.coverage);
  return final === null ? { events, violation: null, world, outputs } : fail(final);
}

/** Spawned children arrive at the shard the tape picks, after the external events already due then. */
function routeChildren(outputs: readonly Output[], pending: ModelEvent[], tape: Tape, shards: number): void {
  for (const o of outputs) {
    if (o.type !== 'spawned') continue;
    const child: ModelEvent = { type: 'arrive', atUs: o.atUs, inv: o.inv, shardId: tape.pick(shards) };
    let j = 0;
    while (j < pending.length && pending[j].atUs <= o.atUs) j++;
    pending.splice(j, 0, child);
  }
}

export interface ReplayedStep {
  readonly event: ModelEvent;
  readonly result: StepResult;
  readonly world: World;
  readonly violations: Violation[];
}

/** Replays a recorded event list (no choices left to make), checking invariants; for fixtures and traces. */
export function replayEvents(
  s: Scenario,
  events: readonly ModelEvent[],
  stepFn: StepFn,
  invariants: readonly Invariant[],
  startFn: (w: World) => StepResult = start,
): { steps: ReplayedStep[]; initial: World; final: Violation[] } {
  const spec = scenarioConfig(s);
  let world = startFn(scenarioWorld(s)).world;
  const initial = world;
  let h = newHistory(spec, stepFn, boundOf(s), world);
  const steps: ReplayedStep[] = [];
  for (const ev of events) {
    const prev = world;
    let r: StepResult;
    try {
      r = stepFn(prev, ev);
    } catch (e) {
      const violation = { property: 'modelError', message: (e as Error).message, stepIndex: steps.length };
      steps.push({
        event: ev,
        result: { world: prev, outputs: [], microsteps: [] },
        world: prev,
        violations: [violation],
      });
      return { steps, initial, final: [] };
    }
    const before = h;
    const next = advance(h, prev, ev, r);
    world = r.world;
    h = next.history;
    const view: StepView = { prev, event: ev, result: r, next: world, before, after: h, replay: next.replay };
    const violations = invariants.flatMap((inv) => {
      const message = inv.check(view, NO_PROBE);
      return message === null ? [] : [{ property: inv.name, message, stepIndex: steps.length }];
    });
    steps.push({ event: ev, result: r, world, violations });
  }
  const final =
    enabledEvents(world).length === 0
      ? invariants.flatMap((inv) => {
          const message = inv.final?.(world, h, NO_PROBE) ?? null;
          return message === null ? [] : [{ property: inv.name, message, stepIndex: -1 }];
        })
      : [];
  return { steps, initial, final };
}
