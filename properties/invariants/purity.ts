import type { StepResult } from '../../model/index.ts';
import { jsonOf } from '../oracle/locations.ts';
import type { Invariant } from './types.ts';

// The transition is a pure function: re-run on the deep-frozen input world it does not throw (it writes nothing it
// was given), gives the same world, outputs and microsteps, and leaves its input as it was.

export const determinismAndPurity: Invariant = {
  name: 'determinismAndPurity',
  description: 'the same event on the same world gives the same step; the step never mutates its input',
  check(v, probe) {
    probe.checked();
    const before = jsonOf(v.prev);
    deepFreeze(v.prev);
    let again: StepResult;
    try {
      again = v.after.step(v.prev, v.event);
    } catch (e) {
      return `the step on a frozen world threw: ${(e as Error).message}`;
    }
    if (jsonOf(v.prev) !== before) return 'the step changed its input world';
    if (jsonOf(again.world) !== jsonOf(v.next)) return 'the same event on the same world gave a different world';
    if (jsonOf(again.outputs) !== jsonOf(v.result.outputs))
      return 'the same event on the same world gave different outputs';
    if (jsonOf(again.microsteps) !== jsonOf(v.result.microsteps))
      return 'the same event on the same world gave different microsteps';
    return null;
  },
};

/** Recursively freezes a value (objects and arrays), returning it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const x of Object.values(value as Record<string, unknown>)) deepFreeze(x);
  }
  return value;
}
