import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step } from '../../model/index.ts';
import { Coverage } from '../../properties/coverage.ts';
import { runScenario } from '../../properties/driver.ts';
import { TABLE } from '../../properties/expectations.ts';
import { exploreAll } from '../../properties/explorer.ts';
import { scenarioArb } from '../../properties/generators.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { scopes } from '../../properties/scopes.ts';
import { FIXED_RUNS, FIXED_SEED } from './suite-size.ts';

// Sometimes-properties: a property that never meets the situation it checks passes by never running. Over the
// policy table's rows, the random generators must reach every kind of output and of message, and every boundary
// (equal shard scores, memory exactly at usable RAM and one MB over, swap exactly full...); every invariant must
// check something that could have failed. The exhaustive scopes must reach every kind as well.

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

describe('the exhaustive scopes reach every mechanism', () => {
  it('every output and message kind is reached by some scope', () => {
    const coverage = new Coverage();
    for (const row of TABLE) {
      const list = scopes(row.policy).map((s) => ({
        ...s,
        scenario: { ...s.scenario, policy: { ...s.scenario.policy, ...row.overrides } },
      }));
      const holding = INVARIANTS.filter((inv) => row.expected[inv.name] === 'holds');
      exploreAll(list, undefined, { coverage, invariants: holding });
    }
    const kinds = coverage.missing().filter((m) => !m.startsWith('situation'));
    expect(kinds).toEqual([]);
  });
});
