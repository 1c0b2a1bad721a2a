import type { ModelEvent } from '../../model/index.ts';
import { Progress } from '../../sim/util/progress.ts';
import type { Counterexample } from '../runner.ts';
import { writeCounterexample } from '../runner.ts';
import type { Transition } from '../transition.ts';
import { SPEC } from '../transition.ts';
import type { LivenessProperty } from './liveness.ts';
import { searchLiveness } from './liveness.ts';
import { searchParallel } from './parallel.ts';
import { isRecurring, RECURRING_BASE } from './recurring.ts';
import { scenarioOf } from './scenario-of.ts';
import type { CheckScope } from './scope.ts';
import type { LivenessScope } from './scopes.ts';
import type { SearchOptions, SearchResult, SearchViolation } from './search.ts';

// Runs scopes for `check --exhaustive`: a progress line on a terminal, one summary row per scope, and each
// violation written as a counterexample in the fixtures format (so `priceclass replay` replays it).

export interface ScopeRow {
  readonly name: string;
  readonly states: number;
  readonly transitions: number;
  readonly diameter: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly statesPerS: number;
  /** Distinct states without symmetry / with it; null when not measured (parallel, without --exact-symmetry). */
  readonly symmetryReduction: number | null;
  /** Worker threads that explored the scope (1: the sequential search). */
  readonly workers: number;
  readonly complete: boolean;
  /** The bound that left the scope incomplete: states, depth or memory (null: none did). */
  readonly stoppedBy: string | null;
  readonly violations: readonly { property: string; message: string; steps: number; counterexample: string | null }[];
}

export interface RunOptions extends Omit<SearchOptions, 'onProgress'> {
  /** Where counterexamples go (null: not written). */
  readonly out: string | null;
  readonly policyLabel: string;
  /** Measure the symmetry reduction exactly: explore again without symmetry (and without invariants). */
  readonly exactSymmetry?: boolean;
  /** Worker threads for the scope (parallel.ts); 1 or absent: the sequential search. */
  readonly workers?: number;
}

export function counterexampleOf(
  scope: CheckScope,
  v: SearchViolation,
  t: Transition,
  policyLabel: string,
): Counterexample {
  const { name, ...overrides } = scope.policy;
  return {
    property: v.property,
    message: v.message,
    stepIndex: v.final ? -1 : v.events.length - 1,
    policy: String(name ?? policyLabel),
    overrides,
    mutant: t === SPEC ? null : t.name,
    scenario: scenarioOf(scope, v.events),
    events: v.events,
    seed: 0,
    path: `checker:${scope.name}`,
  };
}

export async function runScope(scope: CheckScope, opts: RunOptions): Promise<{ row: ScopeRow; result: SearchResult }> {
  const bar = new Progress({ label: `${opts.policyLabel} ${scope.name}`, unit: 'states' });
  const cpu0 = process.cpuUsage();
  const workers = opts.workers ?? 1;
  const result = await searchParallel(
    scope,
    {
      ...opts,
      onProgress: (p) =>
        bar.update(p.states, {
          note: `${Math.round(p.states / p.seconds)} states/s, depth ${p.depth}, frontier ${p.frontier}`,
        }),
    },
    workers,
  );
  bar.clear();
  const cpu = process.cpuUsage(cpu0);
  const t = opts.transition ?? SPEC;
  const violations = result.violations.map((v) => {
    const file =
      opts.out === null
        ? null
        : writeCounterexample(
            `${opts.out}/checker-${safe(opts.policyLabel)}-${scope.name}-${v.property}.json`,
            counterexampleOf(scope, v, t, opts.policyLabel),
          );
    return { property: v.property, message: v.message, steps: v.events.length, counterexample: file };
  });
  const { name, states, transitions, diameter, seconds, statesPerS, complete, stoppedBy } = result;
  const plain = opts.exactSymmetry
    ? await searchParallel(scope, { ...opts, invariants: [], symmetry: false }, workers)
    : null;
  const symmetryReduction = plain === null ? result.symmetryReduction : plain.states / states;
  // Process-wide: the worker threads' time is counted too.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const row = { name, states, transitions, diameter, seconds, cpuSeconds, statesPerS, symmetryReduction, complete };
  return { row: { ...row, stoppedBy, workers, violations }, result };
}

const safe = (label: string) => label.replace(/[^A-Za-z0-9_-]+/g, '-');

export interface LivenessRow {
  readonly name: string;
  readonly property: LivenessProperty;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly complete: boolean;
  readonly lasso: { prefix: number; cycle: number; message: string; counterexample: string | null } | null;
  readonly safety: { property: string; message: string } | null;
}

/** Both liveness properties on a liveness scope; a lasso becomes a counterexample file (the cycle unrolled). */
export function runLiveness(ls: LivenessScope, opts: RunOptions): LivenessRow[] {
  const t = opts.transition ?? SPEC;
  return (['eventualPlacement', 'eventualCompletion'] as const).map((property) => {
    const r = searchLiveness(ls.scope, { transition: t, property, ageCapUs: ls.ageCapUs, maxStates: opts.maxStates });
    const lasso = r.lasso;
    let file: string | null = null;
    if (lasso !== null && opts.out !== null) {
      const v = { property, message: lasso.message, events: uniqueIds(lasso.events), final: false };
      const cx = counterexampleOf(ls.scope, v, t, opts.policyLabel);
      file = writeCounterexample(`${opts.out}/checker-${safe(opts.policyLabel)}-${ls.scope.name}-${property}.json`, cx);
    }
    const { name, states, transitions, seconds, complete, safety } = r;
    const summary =
      lasso === null
        ? null
        : { prefix: lasso.prefix.length, cycle: lasso.cycle.length, message: lasso.message, counterexample: file };
    return { name, property, states, transitions, seconds, complete, lasso: summary, safety };
  });
}

/** The source's arrivals under ids of their own (the model never reads ids), so a replay sees no reused id. */
function uniqueIds(events: readonly ModelEvent[]): ModelEvent[] {
  let n = 0;
  return events.map((e) =>
    isRecurring(e) && e.type === 'arrive' ? { ...e, inv: { ...e.inv, id: RECURRING_BASE + n++ } } : e,
  );
}
