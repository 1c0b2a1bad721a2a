import type { ModelConfig } from '../config.ts';
import type { MachineLoad } from '../messages.ts';
import type { IdleEntry } from './state.ts';

// Where a shard places the head it chose (paper 3.2): "the shard will first look in its idle list. If the list is
// not empty, it will choose the machine with the smallest queue length. If there are no machines in the idle
// list, the shard switches to power-of-k-choices: it polls k machines, and chooses the least loaded machine (by
// number of functions running)." Queue length and load are the machine's number of functions (running, waiting
// and swapped: all compete for it); `loadCounts: equalOrHigher` counts only the head's class and above.

/** The idle-list entry with the fewest functions; ties: the earliest joined. */
export function pickIdleEntry(idle: readonly IdleEntry[]): IdleEntry {
  let best = idle[0];
  for (const e of idle) if (e.functions < best.functions) best = e;
  return best;
}

/** The polled machine the policy picks, from the loads in sample order; ties: the first sampled. */
export function pickPolled(loads: readonly MachineLoad[], config: ModelConfig): number {
  if (config.policy.pollPick === 'firstFree') {
    // OpenWhisk's probe sequence: the first machine with a free core and nothing waiting, else the home machine.
    const free = loads.find((l) => l.freeCores > 0 && l.waiting === 0);
    return (free ?? loads[0]).machineId;
  }
  let best = loads[0];
  for (const l of loads) if (loadOf(l, config) < loadOf(best, config)) best = l;
  return best.machineId;
}

function loadOf(l: MachineLoad, config: ModelConfig): number {
  return config.policy.loadCounts === 'all' ? l.functions : l.functionsAtOrAbove;
}
