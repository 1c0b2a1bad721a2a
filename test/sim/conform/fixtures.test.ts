import { describe, expect, it } from 'vitest';
import { conformScenario } from '../../../sim/conform/compare.ts';
import { loadScenario } from '../../../sim/scenario/parse.ts';
import { CONFORM_FIXTURES } from './fixtures.ts';

// Every scenario fixture, shortened: both engines observe the same things and write the same results (the full
// size runs in `npm run validate`, test/validation/conformance.test.ts).

describe('conformance on the scenario fixtures (shortened)', () => {
  for (const f of CONFORM_FIXTURES) {
    it(f.file, () => {
      for (const p of conformScenario(loadScenario(f.file, f.short), f.file)) {
        expect(p.divergence, `${p.policy}: first divergence`).toBeNull();
        expect(p.resultsDiffer, `${p.policy}: results`).toBeNull();
        expect(p.observations).toBeGreaterThan(0);
      }
    }, 120_000);
  }
});
