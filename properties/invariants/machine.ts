import type { Invariant } from './types.ts';
import { verdictsOf } from './types.ts';

// The machine rules, judged by the shadow machines (properties/oracle/shadow.ts) at each decision the model makes
// and after each delivery. Each invariant owns one rule; a mutant of that rule fails it.

export const noPriorityInversion: Invariant = {
  name: 'noPriorityInversion',
  description:
    `no function runs (or shares cores) while one of strictly higher effective class waits and could run on` +
    ` its machine`,
  check: (v, probe) => verdictsOf(v, 'noPriorityInversion', probe),
};

export const preemptionChoice: Invariant = {
  name: 'preemptionChoice',
  description:
    `a preemption takes the lowest-ranked running task, only with every core taken, for the best waiting task` +
    ` of a strictly higher class, and the victim does not run again in the same step`,
  check: (v, probe) => verdictsOf(v, 'preemptionChoice', probe),
};

export const workConservation: Invariant = {
  name: 'workConservation',
  description: 'no core idles while a waiting task could run, and no task starts without a free core',
  check: (v, probe) => verdictsOf(v, 'workConservation', probe),
};

export const memorySafety: Invariant = {
  name: 'memorySafety',
  description:
    'resident memory fits usable RAM and swap fits its capacity after every delivery; nothing is left at quiescence',
  check: (v, probe) => verdictsOf(v, 'memorySafety', probe),
  final(w, _h, probe) {
    probe.checked();
    const busy = w.machines.find((m) => m.tasks.length > 0);
    return busy === undefined ? null : `quiescent with ${busy.tasks.length} task(s) left on machine ${busy.id}`;
  },
};

export const swapAndKillOrder: Invariant = {
  name: 'swapAndKillOrder',
  description:
    `pressure swaps or kills the next victim in order (lowest class, waiting first, latest), kills only when` +
    ` swap cannot take it; room for a swapped task is taken by the same order from strictly lower classes`,
  check: (v, probe) => verdictsOf(v, 'swapAndKillOrder', probe),
};

export const serviceEqualsWork: Invariant = {
  name: 'serviceEqualsWork',
  description:
    `a task completes at the first microsecond at which the service it received (full cores, or equal shares` +
    ` under processor sharing) covers its work`,
  check(v, probe) {
    const failure = verdictsOf(v, 'serviceEqualsWork', probe);
    if (failure !== null) return failure;
    for (const m of v.after.shadows) {
      for (const t of m.tasks) {
        if (!t.running) continue;
        probe.checked();
        // A task may sit at its checkpoint while its wake is still due at this instant, never beyond it.
        if (t.serviceUs > t.inv.workUs + 1)
          return (
            `machine ${m.id}: task ${t.id} has ${t.serviceUs}us of service for ${t.inv.workUs}us of work` +
            ` and has not completed`
          );
      }
    }
    return null;
  },
};

export const swapDevice: Invariant = {
  name: 'swapDevice',
  description:
    'the swap device moves one task at a time, each for its memory over the bandwidth, swap-outs first in the order ' +
    'asked for, then swap-ins best-ranked first, and never idles while a transfer waits',
  check: (v, probe) => verdictsOf(v, 'swapDevice', probe),
};

export const observability: Invariant = {
  name: 'observability',
  description:
    'every change to a task (placed, started, preempted, swapped, grown, killed, completed) is announced by an output',
  check: (v, probe) => verdictsOf(v, 'observability', probe),
};
