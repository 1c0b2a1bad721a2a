import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step } from '../../model/index.ts';
import { runScenario } from '../../properties/driver.ts';
import { TABLE } from '../../properties/expectations.ts';
import { scenarioArb } from '../../properties/generators.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { FIXED_SEED } from './suite-size.ts';

// Every invariant that holds for a row of the policy table, checked together on each scenario, with a fixed seed:
// a quick whole-suite check of every row (and the suite Stryker's mutation runs lean on, see
// vitest.stryker.config.ts; PRICECLASS_ALL_AT_ONCE_RUNS sets its size).

const RUNS = Number(process.env.PRICECLASS_ALL_AT_ONCE_RUNS ?? 60);

describe('all invariants at once, for every row of the policy table', () => {
  for (const row of TABLE) {
    it(row.label, () => {
      const holding = INVARIANTS.filter((inv) => row.expected[inv.name] === 'holds');
      const arb = scenarioArb({ policy: row.policy, overrides: row.overrides });
      fc.assert(
        fc.property(arb, (s) => {
          expect(runScenario(s, step, holding).violation).toBeNull();
        }),
        { numRuns: RUNS, seed: FIXED_SEED },
      );
    });
  }
});
