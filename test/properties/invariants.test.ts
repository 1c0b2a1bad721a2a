import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { step } from '../../model/index.ts';
import { runScenario } from '../../properties/driver.ts';
import { scenarioArb } from '../../properties/generators.ts';
import { INVARIANTS } from '../../properties/invariants.ts';
import { RUNS } from './suite-size.ts';

// Every per-step invariant holds on the real XX model, over random small worlds with adversarial choices
// (fresh seeds each run; a failure prints the seed and path to replay it).

describe('every invariant holds on the real XX model', () => {
  for (const inv of INVARIANTS) {
    test.prop([scenarioArb({ policy: 'xx' })], { numRuns: RUNS })(inv.name, (s) => {
      const r = runScenario(s, step, [inv]);
      expect(r.violation).toBeNull();
    });
  }

  test.prop([scenarioArb({ policy: 'xx', overrides: { idleEntryOnPlace: 'remove', throttle: 'demote' } })], { numRuns: RUNS })('all invariants at once, with JIQ entry removal and budget demotion', (s) => {
    const r = runScenario(s, step, INVARIANTS);
    expect(r.violation).toBeNull();
  });
});

describe('the driver explores what it should', () => {
  test.prop([scenarioArb({ policy: 'xx' })], { numRuns: 30 })('runs end quiescent, every invocation finished', (s) => {
    const r = runScenario(s, step, []);
    expect(r.violation).toBeNull();
    const finished = r.outputs.flat().filter((o) => o.type === 'completed' || o.type === 'killed').length;
    expect(finished).toBeGreaterThan(0);
  });

  test('generated scenarios stay small', () => {
    for (const s of fc.sample(scenarioArb({ policy: 'xx' }), 200)) {
      expect(s.machines.length).toBeGreaterThanOrEqual(1);
      expect(s.machines.length).toBeLessThanOrEqual(4);
      expect(s.shards).toBeLessThanOrEqual(3);
      const count = (t: { children: readonly { spec: unknown }[] }): number => 1 + t.children.reduce((a, c) => a + count(c.spec as typeof t), 0);
      expect(s.arrivals.reduce((a, x) => a + count(x.template), 0)).toBeLessThanOrEqual(8);
    }
  });
});
