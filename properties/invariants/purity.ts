import type { StepResult } from '../../model/index.ts';
import { deepFreeze } from '../../sim/util/deep-freeze.ts';
import { sameData } from '../same-data.ts';
import type { Invariant } from './types.ts';

// The transition is a pure function: re-run on the deep-frozen input world it does not throw (it writes nothing it
// was given: a write to a frozen object throws in ESM's strict mode) and gives the same world, outputs and
// microsteps. Compared as data (same-data.ts), so the parts a step shares with its input cost nothing.

export const determinismAndPurity: Invariant = {
  name: 'determinismAndPurity',
  description: 'the same event on the same world gives the same step; the step never mutates its input',
  check(v, probe) {
    probe.checked();
    deepFreeze(v.prev);
    let again: StepResult;
    try {
      again = v.after.step(v.prev, v.event);
    } catch (e) {
      return `the step on a frozen world threw: ${(e as Error).message}`;
    }
    if (!sameData(again.world, v.next)) return 'the same event on the same world gave a different world';
    if (!sameData(again.outputs, v.result.outputs)) return 'the same event on the same world gave different outputs';
    if (!sameData(again.microsteps, v.result.microsteps))
      return 'the same event on the same world gave different microsteps';
    return null;
  },
};
