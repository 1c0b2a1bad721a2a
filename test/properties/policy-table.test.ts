import { describe, expect, it } from 'vitest';
import { ISOLATION_VARIANTS, TABLE } from '../../properties/expectations.ts';
import { checkProperty, PROPERTY_NAMES } from '../../properties/runner.ts';
import { FIXED_RUNS, FIXED_SEED } from './suite-size.ts';

// The policy x property table (properties/expectations.ts): every cell is checked with a fixed seed, so a change
// in any cell (a property that starts failing, or a failure that disappears) is noticed.

describe('policy x property expected outcomes', () => {
  for (const row of TABLE) {
    describe(row.label, () => {
      for (const property of PROPERTY_NAMES) {
        const want = row.expected[property];
        it(`${property} ${want}`, () => {
          const target = { policy: row.policy, overrides: row.overrides };
          const r = checkProperty(property, target, { runs: FIXED_RUNS, seed: FIXED_SEED });
          expect({ outcome: r.ok ? 'holds' : 'fails', message: r.counterexample?.message }).toMatchObject({
            outcome: want,
          });
        });
      }
    });
  }
});

describe('isolation on a cluster under the equal-or-higher load option', () => {
  for (const v of ISOLATION_VARIANTS) {
    it(`${v.label}: isolationCluster ${v.isolationCluster}`, () => {
      const r = checkProperty(
        'isolationCluster',
        { policy: 'xx', overrides: v.overrides },
        { runs: 300, seed: FIXED_SEED },
      );
      expect(r.ok ? 'holds' : 'fails').toBe(v.isolationCluster);
    });
  }
});
