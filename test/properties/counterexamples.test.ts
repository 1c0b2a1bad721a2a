import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { step } from '../../model/index.ts';
import { replayEvents, runScenario } from '../../properties/driver.ts';
import { invariantByName } from '../../properties/invariants.ts';
import { RUN_PROPERTIES, fixtureStep, readCounterexample, replay } from '../../properties/runner.ts';

// Every stored counterexample is a regression test. A mutant's fixture fails under that mutant, at the recorded
// step with the recorded property, and its scenario passes under the real model. A fixture recorded on a real
// policy (a finding, e.g. isolation on a cluster) still fails there, so a change in the model is noticed.

const DIR = 'fixtures/counterexamples';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('stored counterexamples', () => {
  it('there is one per mutant at least', () => expect(files.filter((f) => f.startsWith('mutant-')).length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    const cx = readCounterexample(`${DIR}/${f}`);
    it(`${f}: ${cx.property} ${cx.mutant ? `fails under ${cx.mutant}, holds on the real model` : `still fails on ${cx.policy}`}`, () => {
      if (RUN_PROPERTIES.includes(cx.property)) {
        expect(replay(`${DIR}/${f}`).violated).toBe(true);
        if (cx.mutant !== null) expect(replay(`${DIR}/${f}`, { real: true }).violated).toBe(false);
        return;
      }
      const inv = invariantByName(cx.property)!;
      const under = replayEvents(cx.scenario, cx.events, fixtureStep(cx), [inv]);
      const at = cx.stepIndex >= 0 ? under.steps[cx.stepIndex]?.violations : under.final;
      expect(at?.map((v) => v.property)).toContain(cx.property);
      if (cx.mutant !== null) expect(runScenario(cx.scenario, step, [inv]).violation).toBeNull();
      expect(replay(`${DIR}/${f}`).text).toContain('>>> ');
    });
  }
});
