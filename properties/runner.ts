import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import type { ModelEvent } from '../model/index.ts';
import type { Coverage } from './coverage.ts';
import type { Violation } from './driver.ts';
import { replayEvents, runScenario } from './driver.ts';
import { scenarioArb } from './generators.ts';
import { INVARIANTS, invariantByName } from './invariants/index.ts';
import { ISOLATION_PROPERTIES, isolationProperty } from './isolation.ts';
import { loadMutant } from './mutants/load.ts';
import { type TraceDoc, traceDocText } from './render.ts';
import type { Scenario } from './scenario.ts';
import { STARVATION_PROPERTIES, starvationProperty } from './starvation.ts';
import type { Transition } from './transition.ts';
import { SPEC } from './transition.ts';

// Runs properties (by name) against a policy or a mutant with fast-check, returns the shrunk counterexample, and
// replays stored counterexamples as readable traces.

export const DEFAULT_RUNS = Number(process.env.PRICECLASS_RUNS ?? 100);
export const DEFAULT_SEED = 42;

/** Every property name: the per-step invariants, then the properties over whole runs. */
export const PROPERTY_NAMES: readonly string[] = [
  ...INVARIANTS.map((i) => i.name),
  ...STARVATION_PROPERTIES,
  ...ISOLATION_PROPERTIES,
];

/** Properties over a whole run (or a pair of runs) rather than per step: their own generators and checks. */
export const RUN_PROPERTIES: readonly string[] = [...STARVATION_PROPERTIES, ...ISOLATION_PROPERTIES];

export interface Target {
  readonly policy: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** The model under test: the spec, or a mutant of it. */
  readonly transition?: Transition;
}

export interface CheckOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  readonly coverage?: Coverage;
}

export interface Counterexample {
  readonly property: string;
  readonly message: string;
  /** Index into `events` of the violating step (-1: the final, quiescent state). */
  readonly stepIndex: number;
  readonly policy: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly mutant: string | null;
  readonly scenario: Scenario;
  readonly events: readonly ModelEvent[];
  readonly seed: number;
  readonly path: string | null;
  /** Properties over pairs of runs: what the second run adds. */
  readonly extra?: unknown;
}

export interface CheckResult {
  readonly property: string;
  readonly ok: boolean;
  readonly runs: number;
  readonly timeMs: number;
  readonly seed: number;
  readonly counterexample: Counterexample | null;
}

interface RunProperty {
  readonly arb: fc.Arbitrary<unknown>;
  readonly violation: (c: never) => { message: string; scenario: Scenario; extra: unknown } | null;
  readonly replay: (cx: Counterexample) => Omit<TraceDoc, 'property' | 'classes'>;
}

function runProperty(
  name: string,
  policy: string,
  overrides: Readonly<Record<string, unknown>>,
  t: Transition,
): RunProperty {
  if (STARVATION_PROPERTIES.includes(name)) return starvationProperty(name, policy, overrides, t) as RunProperty;
  return isolationProperty(name, policy, overrides, t) as RunProperty;
}

/** Checks one property against a policy (or a mutant of it); returns the shrunk counterexample on failure. */
export function checkProperty(name: string, target: Target, opts: CheckOptions = {}): CheckResult {
  const runs = opts.runs ?? DEFAULT_RUNS;
  const seed = opts.seed ?? DEFAULT_SEED;
  const t0 = Date.now();
  const t = target.transition ?? SPEC;
  const overrides = target.overrides ?? {};
  const params = { numRuns: runs, seed, ...(opts.path !== undefined ? { path: opts.path } : {}) };
  const base = { policy: target.policy, overrides, mutant: t === SPEC ? null : t.name, seed };
  const result = (
    details: { failed: boolean; numRuns: number },
    counterexample: Counterexample | null,
  ): CheckResult => ({
    property: name,
    ok: !details.failed,
    runs: details.numRuns,
    timeMs: Date.now() - t0,
    seed,
    counterexample,
  });
  if (RUN_PROPERTIES.includes(name)) {
    const rp = runProperty(name, target.policy, overrides, t);
    const details = fc.check(
      fc.property(rp.arb, (c) => rp.violation(c as never) === null),
      params,
    );
    if (!details.failed || details.counterexample === null) return result(details, null);
    const v = rp.violation(details.counterexample[0] as never);
    if (v === null) throw new Error(`${name}: the shrunk counterexample does not fail again (seed ${seed})`);
    const cx = {
      ...base,
      property: name,
      message: v.message,
      stepIndex: -1,
      scenario: v.scenario,
      events: [],
      path: details.counterexamplePath,
      extra: v.extra,
    };
    return result(details, cx);
  }
  const inv = invariantByName(name);
  if (inv === undefined) throw new Error(`unknown property ${name} (expected one of ${PROPERTY_NAMES.join(', ')})`);
  // Network delays are drawn only for the property about them: the table's other cells assume an instant network.
  const arb = scenarioArb({ policy: target.policy, overrides, networkDelays: name === 'networkDelay' });
  const run = (s: Scenario) => runScenario(s, t.step, [inv], { startFn: t.start, coverage: opts.coverage });
  const details = fc.check(
    fc.property(arb, (s) => run(s).violation === null),
    params,
  );
  if (!details.failed || details.counterexample === null) return result(details, null);
  const s = details.counterexample[0];
  const r = runScenario(s, t.step, [inv], { startFn: t.start });
  const v: Violation = r.violation ?? { property: name, message: String(details.errorInstance), stepIndex: -1 };
  const modelError = v.property === 'modelError';
  const cx: Counterexample = {
    ...base,
    property: name,
    message: modelError ? `model error: ${v.message}` : v.message,
    stepIndex: v.stepIndex,
    scenario: s,
    events: r.events,
    path: details.counterexamplePath,
  };
  return result(details, cx);
}

/** The counterexample files written by this process, in order (checkCommand writes a replay page beside each). */
const written: string[] = [];

/** Writes a counterexample (Infinity-free JSON) and returns its path. */
export function writeCounterexample(file: string, cx: Counterexample): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(cx, null, 2)}\n`);
  written.push(file);
  return file;
}

/** The counterexample files written since the last call. */
export function takeWritten(): string[] {
  return written.splice(0, written.length);
}

export function readCounterexample(file: string): Counterexample {
  return JSON.parse(readFileSync(file, 'utf8')) as Counterexample;
}

/** The transition a counterexample ran under: its mutant, or the spec when `real` (or it has no mutant). */
export async function transitionOf(cx: Counterexample, real = false): Promise<Transition> {
  if (real || cx.mutant === null) return SPEC;
  const mutant = await loadMutant(cx.mutant);
  return { name: mutant.name, step: mutant.step, start: mutant.start };
}

/** Re-runs a counterexample step by step under its variant (or the spec) and renders the trace. */
export async function replay(file: string, opts: { real?: boolean; microsteps?: boolean } = {}) {
  const doc = await replayDoc(file, opts);
  return { text: traceDocText(doc, { microsteps: opts.microsteps }), violated: doc.violated };
}

/** A stored counterexample replayed: every step with its outputs, microsteps, world and violations. */
export async function replayDoc(file: string, opts: { real?: boolean } = {}): Promise<TraceDoc> {
  const cx = readCounterexample(file);
  const t = await transitionOf(cx, opts.real);
  const named = { property: cx.property, classes: cx.scenario.classes.map((c) => c.name) };
  if (RUN_PROPERTIES.includes(cx.property))
    return { ...runProperty(cx.property, cx.policy, cx.overrides, t).replay(cx), ...named };
  const inv = invariantByName(cx.property);
  const invs = inv === undefined ? INVARIANTS : [inv];
  const events = opts.real ? runScenario(cx.scenario, t.step, invs, { startFn: t.start }).events : cx.events;
  const r = replayEvents(cx.scenario, events, t.step, invs, t.start);
  const s = cx.scenario;
  const under = cx.mutant === null ? `policy ${cx.policy}` : `mutant ${cx.mutant} of ${cx.policy}`;
  const machines = s.machines.map((m) => `${m.cores}c/${m.memoryMB}MB/${m.swapMB}MB swap`).join(', ');
  const classes = s.classes.map((c) => c.name).join('<');
  const header = [
    `counterexample: ${cx.property} under ${under}${opts.real ? ' (replayed on the spec)' : ''}`,
    `recorded: ${cx.message} (step ${cx.stepIndex}); fast-check seed ${cx.seed} path ${cx.path ?? '-'}`,
    `cluster: ${s.shards} shard(s), machines ${machines}; classes ${classes}; policy ${JSON.stringify(s.policy)}`,
  ];
  const lines = r.steps.map((st) => ({
    event: st.event,
    out: st.result.outputs,
    world: st.world,
    microsteps: st.result.microsteps,
    violations: st.violations,
  }));
  const violations = [...r.steps.flatMap((st) => st.violations), ...r.final];
  // A violation only at the end (eventualCompletion) is shown at the last step; a lasso (the checker's liveness
  // counterexamples, which no step violates) at its recorded step, where the cycle is unrolled.
  const onSteps = r.steps.some((st) => st.violations.length > 0);
  const recorded = cx.stepIndex >= 0 && cx.stepIndex < lines.length ? cx.stepIndex : -1;
  const highlight = onSteps ? -1 : r.final.length > 0 ? lines.length - 1 : recorded;
  return {
    header,
    runs: [{ initial: r.initial, lines, final: r.final, highlight }],
    violated: violations.length > 0,
    message: violations[0]?.message ?? cx.message,
    ...named,
  };
}
