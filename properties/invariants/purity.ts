import type { StepResult } from '../../model/index.ts';
import { canonicalJson } from '../../sim/util/canonical-json.ts';
import { deepFreeze } from '../../sim/util/deep-freeze.ts';
import type { Invariant } from './types.ts';

// The transition is a pure function: re-run on the deep-frozen input world it does not throw (it writes nothing it
// was given), gives the same world, outputs and microsteps, and leaves its input as it was.

export const determinismAndPurity: Invariant = {
  name: 'determinismAndPurity',
  description: 'the same event on the same world gives the same step; the step never mutates its input',
  check(v, probe) {
    probe.checked();
    const before = canonicalJson(v.prev);
    deepFreeze(v.prev);
    let again: StepResult;
    try {
      again = v.after.step(v.prev, v.event);
    } catch (e) {
      return `the step on a frozen world threw: ${(e as Error).message}`;
    }
    if (canonicalJson(v.prev) !== before) return 'the step changed its input world';
    if (canonicalJson(again.world) !== canonicalJson(v.next))
      return 'the same event on the same world gave a different world';
    if (canonicalJson(again.outputs) !== canonicalJson(v.result.outputs))
      return 'the same event on the same world gave different outputs';
    if (canonicalJson(again.microsteps) !== canonicalJson(v.result.microsteps))
      return 'the same event on the same world gave different microsteps';
    return null;
  },
};
