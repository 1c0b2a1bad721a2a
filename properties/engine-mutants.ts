import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConformanceCheck } from './conformance.ts';
import { checkConformance } from './conformance.ts';
import { ENGINE_MUTANTS } from './mutants/engine-catalogue.ts';
import { loadEngineMutant } from './mutants/engine-load.ts';

// `check --mutants` beside the model's mutants: each engine mutant is attacked by the conformance property, whose
// shrunk counterexample (scenario, seed and the first divergence) is written when it is killed.

/** The conformance property needs more scenarios than a per-step invariant: a divergence needs its situation. */
export const CONFORMANCE_MIN_RUNS = 500;

export interface EngineMutantResult {
  readonly name: string;
  readonly expectedKiller: 'conformance';
  readonly killed: boolean;
  readonly by: 'conformance' | null;
  readonly counterexample: string | null;
  /** Engine mutants are not explored (the explorer drives the model, not an engine). */
  readonly explorer?: undefined;
}

export function engineMutantNames(): string[] {
  return ENGINE_MUTANTS.map((m) => m.name);
}

export async function attackEngineMutant(
  name: string,
  opts: { runs: number; seed: number; out: string },
): Promise<EngineMutantResult> {
  const fast = await loadEngineMutant(name);
  const r: ConformanceCheck = checkConformance(
    { runs: Math.max(opts.runs, CONFORMANCE_MIN_RUNS), seed: opts.seed },
    fast,
  );
  let file: string | null = null;
  if (r.counterexample !== undefined) {
    file = `${opts.out}/engine-mutant-${name}.json`;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ engineMutant: name, ...r.counterexample }, null, 2)}\n`);
  }
  return { name, expectedKiller: 'conformance', killed: !r.ok, by: r.ok ? null : 'conformance', counterexample: file };
}
