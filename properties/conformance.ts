import fc from 'fast-check';
import type { Invocation, Output } from '../model/index.ts';
import { observationLine } from '../sim/conform/observation.ts';
import { createFastSimulation } from '../sim/engine/fast/engine.ts';
import { createSpecSimulation } from '../sim/engine/spec-engine.ts';
import type { MachineSample, SimInput, Simulation } from '../sim/engine/types.ts';
import type { WorkloadSource } from '../sim/workload/source.ts';
import { stream } from '../sim/workload/streams.ts';
import { crowdedMachineArb, GRID_US, scenarioArb } from './generators.ts';
import type { Scenario } from './scenario.ts';
import { scenarioConfig } from './scenario.ts';

// Conformance as a property: over the property suite's scenarios (every policy row below, every memory regime,
// budgets, call chains, antagonists, swap bandwidth), the fast engine's complete stream (every observation, every
// observer call, each tick's machine sample, the event count and the final time) is the spec engine's.

export type EngineFactory = (input: SimInput) => Simulation;

/** Policy rows the property draws from: the presets, and XX with the knobs the presets leave at their defaults. */
export const CONFORMANCE_POLICIES: readonly {
  readonly policy: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
}[] = [
  { policy: 'xx' },
  { policy: 'xx', overrides: { idleEntryOnPlace: 'remove', throttle: 'demote', swapOrder: 'firstFit' } },
  { policy: 'xx', overrides: { swapIn: 'eager', reclaimSwap: false, loadCounts: 'equalOrHigher' } },
  { policy: 'xx', overrides: { idleList: false, shardRule: 'priceOverWait' } },
  { policy: 'xx', overrides: { shardRule: 'priceOnly', preemptive: false, idleBy: 'slots' } },
  { policy: 'xx', overrides: { discipline: 'ps', whenIdleListEmpty: 'hold', pollPick: 'firstFree' } },
  { policy: 'hermod' },
  { policy: 'openwhisk' },
  { policy: 'knative' },
];

export const conformanceCaseArb = fc.constantFrom(...CONFORMANCE_POLICIES).chain((row) =>
  fc.record({
    // The suite's scenarios, and one in five a crowded machine (deep per-machine heaps in the fast engine).
    scenario: fc.oneof(
      { weight: 4, arbitrary: scenarioArb({ ...row, antagonists: true, networkDelays: true }) },
      { weight: 1, arbitrary: crowdedMachineArb(row) },
    ),
    seed: fc.nat({ max: 1_000_000 }),
  }),
);

/** The engine input of a property scenario: its arrivals as a workload, its antagonists, seeded routing. */
export function simInputOf(s: Scenario, seed: number, observer: SimInput['observer']): SimInput {
  const arrivals = [...s.arrivals].sort((a, b) => a.atUs - b.atUs);
  let next = 0;
  const workload: WorkloadSource = {
    next: () =>
      next < arrivals.length ? { arrivalUs: arrivals[next].atUs, template: arrivals[next++].template } : null,
  };
  const lastUs = Math.max(0, ...s.arrivals.map((a) => a.atUs), ...s.antagonists.map((a) => a.atUs));
  return {
    config: scenarioConfig(s),
    cluster: { shards: s.shards, machines: s.machines },
    workload,
    durationUs: lastUs + 1,
    drain: true,
    tickUs: 2.5 * GRID_US,
    random: { routing: stream(seed, 'engine/routing'), sampling: stream(seed, 'engine/sampling') },
    observer,
    memoryEvents: s.antagonists,
  };
}

/** Bound on events: the suite's scenarios have at most a few hundred; more is a livelock, in either engine. */
const MAX_EVENTS = 200_000;

/** Everything an engine shows of a run, one line per observation or observer call. */
export function engineStream(s: Scenario, seed: number, create: EngineFactory): string[] {
  const lines: string[] = [];
  const who = (inv: Invocation) => `${inv.id}/${inv.effectiveClass}`;
  const sample = (m: MachineSample) =>
    [m.functions, m.running, m.residentMB, m.swapUsedMB].map((a) => Array.from(a).join(',')).join(' | ');
  const observer: SimInput['observer'] = {
    arrival: (inv) => lines.push(`arrival ${who(inv)} at ${inv.arrivalUs}`),
    placed: (cls, arrivalUs, atUs) => lines.push(`observer placed ${cls} ${arrivalUs} at ${atUs}`),
    completed: (inv, atUs, m) => lines.push(`observer completed ${who(inv)} at ${atUs} on ${m}`),
    killed: (inv, atUs, m) => lines.push(`observer killed ${who(inv)} at ${atUs} on ${m}`),
    swappedOut: (m, cls, mb, atUs) => lines.push(`observer swappedOut ${m} ${cls} ${mb} at ${atUs}`),
    swappedIn: (m, cls, mb, waitedUs, atUs) =>
      lines.push(`observer swappedIn ${m} ${cls} ${mb} ${waitedUs} at ${atUs}`),
    tick: (i, m) => lines.push(`tick ${i}: ${sample(m)}`),
    output: (o: Output) => {
      const l = observationLine(o);
      if (l !== null) lines.push(l);
    },
  };
  try {
    const sim = create(simInputOf(s, seed, observer));
    const finished = sim.advance(MAX_EVENTS);
    const o = sim.outcome();
    lines.push(`end: ${finished ? 'finished' : 'cut'} events=${o.events} simulatedUs=${o.simulatedUs}`);
  } catch (err) {
    lines.push(`error: ${(err as Error).message}`);
  }
  return lines;
}

export interface StreamDivergence {
  readonly index: number;
  readonly before: readonly string[];
  readonly spec: string;
  readonly fast: string;
}

/** The first line where the fast engine's stream leaves the spec's, or null when they are identical. */
export function streamDivergence(s: Scenario, seed: number, fast: EngineFactory = createFastSimulation) {
  const a = engineStream(s, seed, createSpecSimulation);
  const b = engineStream(s, seed, fast);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const end = '(end of stream)';
      return { index: i, before: a.slice(Math.max(0, i - 6), i), spec: a[i] ?? end, fast: b[i] ?? end };
    }
  }
  return null;
}

export interface ConformanceCheck {
  readonly ok: boolean;
  readonly counterexample?: {
    readonly scenario: Scenario;
    readonly seed: number;
    readonly divergence: StreamDivergence;
  };
}

/** Runs the property; on failure the shrunk scenario, its seed and the divergence. */
export function checkConformance(
  opts: { runs: number; seed: number },
  fast: EngineFactory = createFastSimulation,
): ConformanceCheck {
  const r = fc.check(
    fc.property(conformanceCaseArb, (c) => streamDivergence(c.scenario, c.seed, fast) === null),
    { numRuns: opts.runs, seed: opts.seed },
  );
  if (!r.failed || r.counterexample === null) return { ok: true };
  const [c] = r.counterexample;
  const divergence = streamDivergence(c.scenario, c.seed, fast) as StreamDivergence;
  return { ok: false, counterexample: { scenario: c.scenario, seed: c.seed, divergence } };
}
