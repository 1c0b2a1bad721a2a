import type { History } from '../history.ts';
import type { Invariant } from './types.ts';

/**
 * No small scenario needs this many steps: each invocation takes a handful (arrive, place, a wake per checkpoint,
 * joins); more means the model is going round in circles (a livelock, e.g. a timer that fires and fixes nothing).
 */
export const STEP_LIMIT = 3000;

// Eventual placement and completion: every invocation completes or is killed by
//   T = max(last external event, latest budget release announced) + total work + invocations x shardDecisionUs
//       + the swap devices' transfer time so far + delayed messages sent x the longest network delay + steps
// After max(last external event, last release) nothing enters and nothing is held. From then until all is done, at
// every instant either a shard is in one of at most `invocations` decision intervals, or some machine runs work at a
// total rate of at least one core (work conservation; processor sharing runs min(n, C) >= 1 cores' worth), which the
// total work bounds, or a message is in flight (a poll, a placement or an idle-list report on its way: each is in
// flight for its delay, at most the longest), or a swap device is moving memory (a task waiting for its memory
// waits for that), which the transfers asked for bound; joins, spawns and placements take no other time. `steps`
// (1 us per step) absorbs the rounding of processor-sharing wakes. Antagonists always restore memory (the
// generators pair them), so a swapped task can always come back. At quiescence nothing may be left (children of
// killed parents never exist).

function boundUs(h: History, sentDelayed: number): number {
  const b = h.bound;
  const decisionsUs = b.invocations * h.spec.policy.shardDecisionUs;
  const networkUs = sentDelayed * Math.max(h.spec.shardMachineDelayUs, h.spec.dispatcherShardDelayUs);
  const busyUs = b.totalWorkUs + decisionsUs + h.transfersUs + networkUs;
  return Math.max(b.lastExternalUs, h.maxReleaseUs) + busyUs + h.stepIndex + 1;
}

export const eventualCompletion: Invariant = {
  name: 'eventualCompletion',
  description: 'once arrivals stop, every invocation is placed and completes or is killed within a derived bound',
  check(v, probe) {
    const h = v.after;
    if (h.stepIndex + 1 >= STEP_LIMIT) return `no quiescence after ${STEP_LIMIT} steps (a livelock)`;
    if (h.done.size === h.known.size) return null;
    probe.checked();
    // Delayed messages counted off the world's send counter (one per message put in flight).
    const boundAtUs = boundUs(h, v.next.sentDelayed);
    if (v.next.nowUs <= boundAtUs) return null;
    const left = [...h.known.keys()].filter((id) => !h.done.has(id));
    return `at ${v.next.nowUs}us (bound ${boundAtUs}us) invocations ${left.join(', ')} are not finished`;
  },
  final(_w, h, probe) {
    probe.checked();
    const left = [...h.known.keys()].filter((id) => !h.done.has(id));
    return left.length === 0 ? null : `quiescent with invocation(s) ${left.join(', ')} never finished`;
  },
};
