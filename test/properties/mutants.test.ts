import { describe, expect, it } from 'vitest';
import { exploreAll } from '../../properties/explorer.ts';
import { MUTANTS } from '../../properties/mutants.ts';
import { checkProperty } from '../../properties/runner.ts';
import { scopes } from '../../properties/scopes.ts';
import { FIXED_RUNS, FIXED_SEED } from './suite-size.ts';

// Every mutant is killed, by the random suite (by the property the catalogue names) and by the exhaustive
// explorer on the small scopes. A survivor is a hole in the suite.

describe('mutants are killed by the random suite', () => {
  it('there are at least ten mutants', () => expect(MUTANTS.length).toBeGreaterThanOrEqual(10));
  for (const m of MUTANTS) {
    it(`${m.name} is killed by ${m.expectedKiller}`, () => {
      const r = checkProperty(m.expectedKiller, { policy: 'xx', mutant: m }, { runs: FIXED_RUNS * 2, seed: FIXED_SEED });
      expect(r.ok, `${m.name} survived ${m.expectedKiller}`).toBe(false);
      expect(r.counterexample?.property).toBe(m.expectedKiller);
    });
  }
});

describe('mutants are killed by the exhaustive explorer', () => {
  for (const m of MUTANTS) {
    it(`${m.name}`, () => {
      const rs = exploreAll(scopes('xx'), m.step);
      const last = rs[rs.length - 1];
      expect(last.violation, `${m.name} survived every scope`).not.toBeNull();
    });
  }
});

describe('starvation', () => {
  it('priceOnly starves low-class work under a steady high-class stream (lowClassProgress)', () => {
    const m = MUTANTS.find((x) => x.name === 'priceOnly')!;
    const r = checkProperty('lowClassProgress', { policy: 'xx', mutant: m }, { runs: FIXED_RUNS, seed: FIXED_SEED });
    expect(r.ok).toBe(false);
    expect(r.counterexample?.message).toMatch(/low-class invocation \d+ .* placed only at|never placed/);
  });
});
