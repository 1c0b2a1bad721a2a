import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step } from '../../model/index.ts';
import { checkScopes } from '../../properties/checker/scopes.ts';
import { search } from '../../properties/checker/search.ts';
import { Coverage } from '../../properties/coverage.ts';
import { runScenario } from '../../properties/driver.ts';
import { TABLE } from '../../properties/expectations.ts';
import { scenarioArb } from '../../properties/generators.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { FIXED_RUNS, FIXED_SEED } from './suite-size.ts';

// Sometimes-properties: a property that never meets the situation it checks passes by never running. Over the
// policy table's rows, the random generators must reach every kind of output and of message, and every boundary
// (equal shard scores, memory exactly at usable RAM and one MB over, swap exactly full...); every invariant must
// check something that could have failed. The checker's short scopes must reach every kind as well.

describe('the random suite reaches every mechanism and boundary', () => {
  const coverage = new Coverage();
  for (const row of TABLE) {
    const holding = INVARIANTS.filter((inv) => row.expected[inv.name] === 'holds');
    const arb = scenarioArb({ policy: row.policy, overrides: row.overrides });
    fc.assert(
      fc.property(arb, (s) => runScenario(s, step, holding, { coverage }).violation === null),
      { numRuns: FIXED_RUNS * 3, seed: FIXED_SEED },
    );
  }
  it('reaches every output, message and situation', () => expect(coverage.missing()).toEqual([]));
  for (const inv of INVARIANTS) {
    it(`${inv.name} made non-vacuous checks`, () => expect(coverage.checks.get(inv.name) ?? 0).toBeGreaterThan(0));
  }
});

describe('the checker scopes reach every mechanism', () => {
  it('every output and message kind and every situation is reached by some short scope (XX)', () => {
    const coverage = new Coverage();
    for (const scope of checkScopes().filter((s) => !s.long)) search(scope, { invariants: [], coverage });
    expect(coverage.missing()).toEqual([]);
  });
});
