import type { ModelEvent, StepResult, World } from '../../model/index.ts';
import type { History } from '../history.ts';
import type { Replay } from '../oracle/shadow.ts';

// An invariant is a named pure check run after every step. It sees the world before and after, the event, what
// the step output and how (microsteps), the history before and after, and the shadow machines' replay. It tells
// its probe each time it checks something that could have failed, so a property that never ran is visible.

export interface StepView {
  readonly prev: World;
  readonly event: ModelEvent;
  readonly result: StepResult;
  readonly next: World;
  readonly before: History;
  readonly after: History;
  readonly replay: Replay;
}

export interface Probe {
  /** Counts `n` non-vacuous checks (checks that could have failed). */
  checked(n?: number): void;
}

export interface Invariant {
  readonly name: string;
  readonly description: string;
  check(v: StepView, probe: Probe): string | null;
  /** Checked once on the quiescent world at the end of a run. */
  final?(w: World, h: History, probe: Probe): string | null;
}

export const NO_PROBE: Probe = { checked: () => undefined };

/** The first failure among the replay's verdicts for `rule`, counting each verdict as a check. */
export function verdictsOf(v: StepView, rule: string, probe: Probe): string | null {
  let failure: string | null = null;
  for (const verdict of v.replay.verdicts) {
    if (verdict.rule !== rule) continue;
    probe.checked();
    failure ??= verdict.failure;
  }
  return failure;
}
