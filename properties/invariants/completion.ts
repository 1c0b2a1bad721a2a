import type { History } from '../history.ts';
import type { Invariant } from './types.ts';

/**
 * No small scenario needs this many steps: each invocation takes a handful (arrive, place, a wake per checkpoint,
 * joins); more means the model is going round in circles (a livelock, e.g. a timer that fires and fixes nothing).
 */
export const STEP_LIMIT = 3000;

// Eventual placement and completion: every invocation completes or is killed by
//   T = max(last external event, latest budget release announced) + total work + invocations x shardDecisionUs
//       + the swap devices' transfer time so far + steps
// After max(last external event, last release) nothing enters and nothing is held. From then until all is done, at
// every instant either a shard is in one of at most `invocations` decision intervals, or some machine runs work at a
// total rate of at least one core (work conservation; processor sharing runs min(n, C) >= 1 cores' worth), which the
// total work bounds, or a swap device is moving memory (a task waiting for its memory waits for that), which the
// transfers asked for bound; joins, spawns and placements take no time. `steps` (1 us per step) absorbs the rounding
// of processor-sharing wakes. Antagonists always restore memory (the generators pair them), so a swapped task can
// always come back. At quiescence nothing may be left (children of killed parents never exist).

function boundUs(h: History): number {
  const b = h.bound;
  const decisionsUs = b.invocations * h.spec.policy.shardDecisionUs;
  return Math.max(b.lastExternalUs, h.maxReleaseUs) + b.totalWorkUs + decisionsUs + h.transfersUs + h.stepIndex + 1;
}

export const eventualCompletion: Invariant = {
  name: 'eventualCompletion',
  description: 'once arrivals stop, every invocation is placed and completes or is killed within a derived bound',
  check(v, probe) {
    const h = v.after;
    if (h.stepIndex + 1 >= STEP_LIMIT) return `no quiescence after ${STEP_LIMIT} steps (a livelock)`;
    if (h.done.size === h.known.size) return null;
    probe.checked();
    if (v.next.nowUs <= boundUs(h)) return null;
    const left = [...h.known.keys()].filter((id) => !h.done.has(id));
    return `at ${v.next.nowUs}us (bound ${boundUs(h)}us) invocations ${left.join(', ')} are not finished`;
  },
  final(_w, h, probe) {
    probe.checked();
    const left = [...h.known.keys()].filter((id) => !h.done.has(id));
    return left.length === 0 ? null : `quiescent with invocation(s) ${left.join(', ')} never finished`;
  },
};
