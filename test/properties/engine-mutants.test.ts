import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../properties/conformance.ts';
import { CONFORMANCE_MIN_RUNS } from '../../properties/engine-mutants.ts';
import { ENGINE_MUTANTS } from '../../properties/mutants/engine-catalogue.ts';
import { loadEngineMutant, patchedEngineSources } from '../../properties/mutants/engine-load.ts';
import { FIXED_SEED } from './suite-size.ts';

// Every engine mutant (a realistic optimisation bug of the fast engine) is killed by the conformance property.

describe('engine mutants', () => {
  it('there are at least 8', () => expect(ENGINE_MUTANTS.length).toBeGreaterThanOrEqual(8));
  for (const m of ENGINE_MUTANTS) {
    it(`${m.name}: its patch applies exactly once and conformance kills it`, async () => {
      expect(() => patchedEngineSources(m)).not.toThrow();
      const r = checkConformance({ runs: CONFORMANCE_MIN_RUNS, seed: FIXED_SEED }, await loadEngineMutant(m.name));
      expect(r.ok, `${m.name} survived conformance`).toBe(false);
    }, 120_000);
  }
});
