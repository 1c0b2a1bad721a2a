import type { Output } from '../../model/index.ts';
import type { EngineName, SimInput, Simulation } from '../engine/simulate.ts';
import { formatResults } from '../metrics/document.ts';
import type { PolicyRun, WorkloadFactory } from '../run/run-policy.ts';
import { startPolicyRun, workloadFor } from '../run/run-policy.ts';
import type { Scenario } from '../scenario/types.ts';
import { observationLine } from './observation.ts';

// Conformance: the spec engine is the oracle of the fast engine. Both run the same scenario in lockstep (slices of
// events) and their observation streams are compared line by line as they come, so a full-size run needs memory
// only for the lines one engine is ahead by and the few lines of context kept before a divergence. Then their
// results documents must be identical except wallS.

export interface Divergence {
  /** Index of the first observation that differs (0-based). */
  readonly index: number;
  /** The observations both engines made just before it (oldest first). */
  readonly before: readonly string[];
  /** What each engine observed there ('(end of stream)' when it had nothing more). */
  readonly spec: string;
  readonly fast: string;
}

export interface PolicyConformance {
  readonly policy: string;
  readonly observations: number;
  readonly events: number;
  readonly divergence: Divergence | null;
  /** The first line of the results documents (wallS aside) that differs, or null when they are identical. */
  readonly resultsDiffer: { readonly spec: string; readonly fast: string } | null;
}

export interface ConformOptions {
  readonly context?: number;
  readonly sliceEvents?: number;
  readonly workloadOf?: WorkloadFactory;
  /** The engine compared with the spec (default: the fast engine; tests pass a mutant's factory). */
  readonly fast?: (input: SimInput) => Simulation;
  /** Called after each slice with the spec engine's simulated time (s) and the observations compared so far. */
  readonly onSlice?: (simulatedS: number, observations: number) => void;
}

const END = '(end of stream)';

export function conformPolicy(
  scenario: Scenario,
  index: number,
  fileName: string,
  opts: ConformOptions = {},
): PolicyConformance {
  const context = opts.context ?? 8;
  const slice = opts.sliceEvents ?? 2000;
  const workloadOf = opts.workloadOf ?? workloadFor;
  const lines: Record<EngineName, string[]> = { spec: [], fast: [] };
  const collect = (engine: EngineName) => (o: Output) => {
    const l = observationLine(o);
    if (l !== null) lines[engine].push(l);
  };
  const spec = startPolicyRun(scenario, index, fileName, workloadOf, 'spec', collect('spec'));
  const fast = startPolicyRun(scenario, index, fileName, workloadOf, opts.fast ?? 'fast', collect('fast'));
  const before: string[] = [];
  let compared = 0;
  let specDone = false;
  let fastDone = false;
  let divergence: Divergence | null = null;
  /** Compares what both have; at the end, what one has left is a divergence. */
  const drain = (final: boolean): void => {
    const a = lines.spec;
    const b = lines.fast;
    const n = Math.min(a.length, b.length);
    let i = 0;
    for (; i < n; i++) {
      if (a[i] !== b[i]) {
        divergence = { index: compared + i, before: [...before], spec: a[i], fast: b[i] };
        return;
      }
      before.push(a[i]);
      if (before.length > context) before.shift();
    }
    compared += n;
    a.splice(0, n);
    b.splice(0, n);
    if (final && (a.length > 0 || b.length > 0)) {
      divergence = { index: compared, before: [...before], spec: a[0] ?? END, fast: b[0] ?? END };
    }
  };
  /** Advances one engine by a slice; an engine that throws ends its stream with the error. */
  const step = (engine: EngineName, run: PolicyRun): boolean => {
    try {
      return run.simulation.advance(slice);
    } catch (err) {
      lines[engine].push(`error: ${(err as Error).message}`);
      failed = true;
      return true;
    }
  };
  let failed = false;
  while (divergence === null && !(specDone && fastDone)) {
    if (!specDone) specDone = step('spec', spec);
    if (!fastDone) fastDone = step('fast', fast);
    drain(specDone && fastDone);
    opts.onSlice?.(spec.simulation.nowUs() / 1e6, compared);
  }
  if (failed && divergence === null) throw new Error('both engines failed the same way');
  const specResult = spec.finish();
  const fastResult = fast.finish();
  const o = spec.simulation.outcome();
  return {
    policy: spec.policy,
    observations: compared,
    events: o.events,
    divergence,
    resultsDiffer: divergence === null ? firstDifference(resultText(specResult), resultText(fastResult)) : null,
  };
}

export function conformScenario(scenario: Scenario, fileName: string, opts: ConformOptions = {}): PolicyConformance[] {
  return scenario.policies.map((_, i) => conformPolicy(scenario, i, fileName, opts));
}

/** The results document without wall-clock time, as `run --json` writes it. */
function resultText(result: ReturnType<PolicyRun['finish']>): string {
  return formatResults({ runs: [{ ...result, summary: { ...result.summary, wallS: 0 } }] });
}

function firstDifference(a: string, b: string): { spec: string; fast: string } | null {
  if (a === b) return null;
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return { spec: `line ${i + 1}: ${la[i] ?? END}`, fast: `line ${i + 1}: ${lb[i] ?? END}` };
  }
  return null;
}
