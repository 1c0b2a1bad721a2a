import { describe, expect, it } from 'vitest';
import { MUTANTS } from '../../properties/mutants/catalogue.ts';
import { patchedSources } from '../../properties/mutants/load.ts';
import { parsePolicy } from '../../properties/policy-spec.ts';
import { checkProperty, PROPERTY_NAMES } from '../../properties/runner.ts';
import { mutantTransition } from './helpers.ts';
import { FIXED_RUNS, FIXED_SEED } from './suite-size.ts';

// Every mutant (a one-rule patch of the spec) is killed by the property the catalogue names: each property is
// shown able to fail. A survivor is a hole in the suite; a patch that no longer applies is an error.

describe('the mutant catalogue', () => {
  it('has a mutant for every per-step invariant', () => {
    const killers = new Set(MUTANTS.map((m) => m.expectedKiller));
    const perStep = PROPERTY_NAMES.filter((p) => !p.startsWith('isolation') && p !== 'lowClassProgress');
    expect(perStep.filter((p) => !killers.has(p))).toEqual([]);
  });
  for (const m of MUTANTS) {
    it(`${m.name}: its patch applies exactly once`, () => expect(() => patchedSources(m)).not.toThrow());
  }
});

describe('mutants are killed by the random suite', () => {
  for (const m of MUTANTS) {
    it(`${m.name} is killed by ${m.expectedKiller} (${m.policy})`, async () => {
      const transition = await mutantTransition(m.name);
      const target = { ...parsePolicy(m.policy), transition };
      const r = checkProperty(m.expectedKiller, target, { runs: FIXED_RUNS * 3, seed: FIXED_SEED });
      expect(r.ok, `${m.name} survived ${m.expectedKiller}`).toBe(false);
      expect(r.counterexample?.property).toBe(m.expectedKiller);
    });
  }
});

describe('starvation', () => {
  it('priceOnly starves low-class work under a steady high-class stream (lowClassProgress)', async () => {
    const transition = await mutantTransition('priceOnly');
    const r = checkProperty('lowClassProgress', { policy: 'xx', transition }, { runs: FIXED_RUNS, seed: FIXED_SEED });
    expect(r.ok).toBe(false);
    expect(r.counterexample?.message).toMatch(/low-class invocation \d+ .* (placed only at|never placed)/);
  });
});
