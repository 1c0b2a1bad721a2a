import { Progress } from '../../sim/util/progress.ts';
import type { Counterexample } from '../runner.ts';
import { writeCounterexample } from '../runner.ts';
import type { Transition } from '../transition.ts';
import { SPEC } from '../transition.ts';
import { scenarioOf } from './scenario-of.ts';
import type { CheckScope } from './scope.ts';
import type { SearchOptions, SearchResult, SearchViolation } from './search.ts';
import { search } from './search.ts';

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
  readonly symmetryReduction: number;
  readonly complete: boolean;
  readonly violations: readonly { property: string; message: string; steps: number; counterexample: string | null }[];
}

export interface RunOptions extends Omit<SearchOptions, 'onProgress'> {
  /** Where counterexamples go (null: not written). */
  readonly out: string | null;
  readonly policyLabel: string;
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

export function runScope(scope: CheckScope, opts: RunOptions): { row: ScopeRow; result: SearchResult } {
  const bar = new Progress({ label: `${opts.policyLabel} ${scope.name}`, unit: 'states' });
  const cpu0 = process.cpuUsage();
  const result = search(scope, {
    ...opts,
    onProgress: (p) =>
      bar.update(p.states, {
        note: `${Math.round(p.states / p.seconds)} states/s, depth ${p.depth}, frontier ${p.frontier}`,
      }),
  });
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
  const { name, states, transitions, diameter, seconds, statesPerS, symmetryReduction, complete } = result;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const row = { name, states, transitions, diameter, seconds, cpuSeconds, statesPerS, symmetryReduction, complete };
  return { row: { ...row, violations }, result };
}

const safe = (label: string) => label.replace(/[^A-Za-z0-9_-]+/g, '-');
