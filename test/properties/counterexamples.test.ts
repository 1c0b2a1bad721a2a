import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lassoStillWaits } from '../../properties/checker/liveness.ts';
import { replayEvents, runScenario } from '../../properties/driver.ts';
import { invariantByName } from '../../properties/invariants/index.ts';
import { RUN_PROPERTIES, readCounterexample, replay, transitionOf } from '../../properties/runner.ts';
import { scenarioWorld } from '../../properties/scenario.ts';
import { SPEC } from '../../properties/transition.ts';

// Every stored counterexample is a regression test. A mutant's fixture fails under that mutant, at the recorded
// step with the recorded property, and its scenario passes on the spec. A fixture recorded on a policy (a finding,
// e.g. isolation on a cluster) still fails there, so a change in the model is noticed.

const DIR = 'fixtures/counterexamples';
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('stored counterexamples', () => {
  it('there is one per mutant at least', () =>
    expect(files.filter((f) => f.startsWith('mutant-')).length).toBeGreaterThanOrEqual(20));
  for (const f of files) {
    const cx = readCounterexample(`${DIR}/${f}`);
    const what = cx.mutant ? `fails under ${cx.mutant}, holds on the spec` : `still fails on ${cx.policy}`;
    it(`${f}: ${cx.property} ${what}`, async () => {
      if (RUN_PROPERTIES.includes(cx.property)) {
        expect((await replay(`${DIR}/${f}`)).violated).toBe(true);
        if (cx.mutant !== null) expect((await replay(`${DIR}/${f}`, { real: true })).violated).toBe(false);
        return;
      }
      if (
        (cx.property === 'eventualPlacement' || cx.property === 'eventualCompletion') &&
        cx.message.startsWith('lasso')
      ) {
        // A liveness lasso (properties/checker/liveness.ts): the bounded invocation still waits at its end.
        const t = await transitionOf(cx);
        expect(lassoStillWaits(scenarioWorld(cx.scenario), cx.events, t, cx.property)).toBe(true);
        return;
      }
      const inv = invariantByName(cx.property);
      if (inv === undefined) throw new Error(`${f}: unknown property ${cx.property}`);
      const t = await transitionOf(cx);
      const under = replayEvents(cx.scenario, cx.events, t.step, [inv], t.start);
      const at = cx.stepIndex >= 0 ? under.steps[cx.stepIndex]?.violations : under.final;
      expect(at?.map((v) => v.property)).toContain(cx.property);
      if (cx.mutant !== null) expect(runScenario(cx.scenario, SPEC.step, [inv]).violation).toBeNull();
      expect((await replay(`${DIR}/${f}`)).text).toContain('>>> ');
    });
  }
});
