import fc from 'fast-check';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ModelEvent } from '../model/index.ts';
import { step as realStep } from '../model/index.ts';
import type { Violation } from './driver.ts';
import { replayEvents, runScenario } from './driver.ts';
import { scenarioArb } from './generators.ts';
import type { StepFn } from './history.ts';
import { INVARIANTS, invariantByName } from './invariants.ts';
import { isolationProperty, ISOLATION_PROPERTIES } from './isolation.ts';
import { starvationProperty, STARVATION_PROPERTIES } from './starvation.ts';
import type { Mutant } from './mutants.ts';
import { mutantByName } from './mutants.ts';
import { renderTrace } from './render.ts';
import type { Scenario } from './scenario.ts';
export { runProperty };

// Runs properties (by name) against a policy or a mutant with fast-check, returns the shrunk counterexample,
// writes it as a fixture, and replays fixtures as readable traces.

export const DEFAULT_RUNS = Number(process.env.PRICECLASS_RUNS ?? 150);

/** Every property name: the per-step invariants, then the metamorphic ones. */
export const PROPERTY_NAMES: readonly string[] = [...INVARIANTS.map((i) => i.name), ...STARVATION_PROPERTIES, ...ISOLATION_PROPERTIES];

/** Properties over a whole run (or a pair of runs) rather than per step: their own generators and checks. */
export const RUN_PROPERTIES: readonly string[] = [...STARVATION_PROPERTIES, ...ISOLATION_PROPERTIES];

interface RunProperty {
  readonly arb: fc.Arbitrary<unknown>;
  readonly violation: (c: never) => { message: string; scenario: Scenario; extra: unknown } | null;
  readonly replay: (cx: Counterexample) => { text: string; violated: boolean };
}

function runProperty(name: string, policy: string, overrides: Readonly<Record<string, unknown>>, stepFn: StepFn): RunProperty {
  return (STARVATION_PROPERTIES.includes(name) ? starvationProperty(name, policy, overrides, stepFn) : isolationProperty(name, policy, overrides, stepFn)) as unknown as RunProperty;
}

export interface Target {
  readonly policy: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly mutant?: Mutant;
}

export interface CheckOptions {
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
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
  /** Metamorphic properties: the second scenario compared against the first. */
  readonly extra?: unknown;
}

export interface CheckResult {
  readonly property: string;
  readonly ok: boolean;
  readonly runs: number;
  readonly timeMs: number;
  readonly counterexample: Counterexample | null;
}

export function stepOf(target: Target): StepFn {
  return target.mutant?.step ?? realStep;
}

/** Checks one property against a policy (or a mutant of it); returns the shrunk counterexample on failure. */
export function checkProperty(name: string, target: Target, opts: CheckOptions = {}): CheckResult {
  const runs = opts.runs ?? DEFAULT_RUNS;
  const seed = opts.seed ?? 42;
  const t0 = Date.now();
  const stepFn = stepOf(target);
  const params = { numRuns: runs, seed, ...(opts.path !== undefined ? { path: opts.path } : {}) };
  const base = { policy: target.policy, overrides: target.overrides ?? {}, mutant: target.mutant?.name ?? null, seed };
  if (RUN_PROPERTIES.includes(name)) {
    const rp = runProperty(name, target.policy, target.overrides ?? {}, stepFn);
    const details = fc.check(fc.property(rp.arb, (s) => rp.violation(s as never) === null), params);
    let counterexample: Counterexample | null = null;
    if (details.failed && details.counterexample !== null) {
      const v = rp.violation(details.counterexample[0] as never);
      if (v === null) throw new Error(`${name}: the shrunk counterexample does not fail again: ${String(details.errorInstance)}`);
      counterexample = { ...base, property: name, message: v.message, stepIndex: -1, scenario: v.scenario, events: [], path: details.counterexamplePath, extra: v.extra };
    }
    return { property: name, ok: !details.failed, runs: details.numRuns, timeMs: Date.now() - t0, counterexample };
  }
  const inv = invariantByName(name);
  if (inv === undefined) throw new Error(`unknown property ${name} (expected one of ${PROPERTY_NAMES.join(', ')})`);
  const arb = scenarioArb({ policy: target.policy, overrides: target.overrides });
  const details = fc.check(fc.property(arb, (s) => runScenario(s, stepFn, [inv]).violation === null), params);
  let counterexample: Counterexample | null = null;
  if (details.failed && details.counterexample !== null) {
    const s = details.counterexample[0];
    const r = runScenario(s, stepFn, [inv]);
    const v: Violation = r.violation ?? { property: name, message: String(details.errorInstance), stepIndex: -1 };
    counterexample = { ...base, property: v.property === 'modelError' ? name : v.property, message: v.property === 'modelError' ? `model error: ${v.message}` : v.message, stepIndex: v.stepIndex, scenario: s, events: r.events, path: details.counterexamplePath };
  }
  return { property: name, ok: !details.failed, runs: details.numRuns, timeMs: Date.now() - t0, counterexample };
}

export function counterexampleFile(name: string): string {
  return `fixtures/counterexamples/${name}.json`;
}

/** Writes a counterexample fixture (Infinity-free JSON) and returns its path. */
export function writeCounterexample(file: string, cx: Counterexample): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(cx, null, 2) + '\n');
  return file;
}

export function readCounterexample(file: string): Counterexample {
  return JSON.parse(readFileSync(file, 'utf8')) as Counterexample;
}

/** The step function a fixture's variant runs: its mutant, or the real model when `real` (or no mutant). */
export function fixtureStep(cx: Counterexample, real = false): StepFn {
  if (real || cx.mutant === null) return realStep;
  const m = mutantByName(cx.mutant);
  if (m === undefined) throw new Error(`fixture names unknown mutant ${cx.mutant}`);
  return m.step;
}

/** Re-runs a fixture step by step under its variant (or the real model) and renders the trace. */
export function replay(file: string, opts: { real?: boolean } = {}): { text: string; violated: boolean } {
  const cx = readCounterexample(file);
  if (RUN_PROPERTIES.includes(cx.property)) return runProperty(cx.property, cx.policy, cx.overrides, fixtureStep(cx, opts.real)).replay(cx);
  const stepFn = fixtureStep(cx, opts.real);
  const inv = invariantByName(cx.property);
  const invs = inv === undefined ? INVARIANTS : [inv];
  const events = opts.real ? runScenario(cx.scenario, stepFn, invs).events : cx.events;
  const r = replayEvents(cx.scenario, events, stepFn, invs);
  const header = [
    `counterexample: ${cx.property} under ${cx.mutant === null ? `policy ${cx.policy}` : `mutant ${cx.mutant} of ${cx.policy}`}${opts.real ? ' (replayed on the real model)' : ''}`,
    `recorded: ${cx.message} (step ${cx.stepIndex}); fast-check seed ${cx.seed} path ${cx.path ?? '-'}`,
    `cluster: ${cx.scenario.shards} shard(s), machines ${cx.scenario.machines.map((m) => `${m.cores}c/${m.memoryMB}MB/${m.swapMB}MB swap`).join(', ')}; classes ${cx.scenario.classes.map((c) => c.name).join('<')}; policy ${JSON.stringify(cx.scenario.policy)}`,
  ];
  const violated = r.steps.some((s) => s.violations.length > 0) || r.final.length > 0;
  return { text: [...header, renderTrace(r.initial, r.steps, r.final)].join('\n'), violated };
}
