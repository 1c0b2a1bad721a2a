import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { step } from '../../model/index.ts';
import { runScenario } from '../../properties/driver.ts';
import { scenarioArb } from '../../properties/generators.ts';
import { INVARIANTS } from '../../properties/invariants/index.ts';
import { RUNS } from './suite-size.ts';

// Every per-step invariant holds on the spec (XX), over random small worlds with adversarial choices. Fresh seeds
// each run: a failure prints the seed and path that reproduce it (`fc` seed / path in the vitest output).

describe('every invariant holds on the spec (XX)', () => {
  for (const inv of INVARIANTS) {
    test.prop([scenarioArb({ policy: 'xx', networkDelays: true })], { numRuns: RUNS })(inv.name, (s) => {
      expect(runScenario(s, step, [inv]).violation).toBeNull();
    });
  }

  const variant = { idleEntryOnPlace: 'remove', throttle: 'demote', swapOrder: 'firstFit' };
  test.prop([scenarioArb({ policy: 'xx', overrides: variant, networkDelays: true })], { numRuns: RUNS })(
    'all at once, with JIQ entry removal, budget demotion and firstFit swapping',
    (s) => {
      expect(runScenario(s, step, INVARIANTS).violation).toBeNull();
    },
  );
});

describe('the driver explores what it should', () => {
  test.prop([scenarioArb({ policy: 'xx' })], { numRuns: 30 })('runs end quiescent, every invocation finished', (s) => {
    const r = runScenario(s, step, []);
    expect(r.violation).toBeNull();
    expect(r.outputs.flat().filter((o) => o.type === 'completed' || o.type === 'killed').length).toBeGreaterThan(0);
  });

  test('with network delays, some messages travel (the networkDelay invariant is not vacuous)', () => {
    const withDelays = fc.sample(scenarioArb({ policy: 'xx', networkDelays: true }), 60);
    const delivered = withDelays.filter((s) => runScenario(s, step, []).events.some((e) => e.type === 'deliver'));
    expect(delivered.length).toBeGreaterThan(5);
  });

  test('generated scenarios stay small', () => {
    for (const s of fc.sample(scenarioArb({ policy: 'xx' }), 200)) {
      expect(s.machines.length).toBeGreaterThanOrEqual(1);
      expect(s.machines.length).toBeLessThanOrEqual(4);
      expect(s.shards).toBeLessThanOrEqual(3);
      const count = (t: { children: readonly { spec: unknown }[] }): number =>
        1 + t.children.reduce((a, c) => a + count(c.spec as typeof t), 0);
      expect(s.arrivals.reduce((a, x) => a + count(x.template), 0)).toBeLessThanOrEqual(8);
    }
  });
});
