import { billing, budget } from './accounts.ts';
import { eventualCompletion } from './completion.ts';
import { conservation } from './conservation.ts';
import { fcfsWithinClass } from './fcfs.ts';
import { idleList } from './idle-list.ts';
import { inheritance } from './inheritance.ts';
import {
  memorySafety,
  noPriorityInversion,
  observability,
  preemptionChoice,
  serviceEqualsWork,
  swapAndKillOrder,
  swapDevice,
  workConservation,
} from './machine.ts';
import { networkDelay } from './network.ts';
import { determinismAndPurity } from './purity.ts';
import { shardChoice } from './shard-choice.ts';
import type { Invariant } from './types.ts';

export type { Invariant, Probe, StepView } from './types.ts';

/** Every per-step invariant. */
export const INVARIANTS: readonly Invariant[] = [
  conservation,
  noPriorityInversion,
  preemptionChoice,
  fcfsWithinClass,
  workConservation,
  inheritance,
  memorySafety,
  swapAndKillOrder,
  serviceEqualsWork,
  swapDevice,
  observability,
  shardChoice,
  idleList,
  networkDelay,
  billing,
  budget,
  eventualCompletion,
  determinismAndPurity,
];

export function invariantByName(name: string): Invariant | undefined {
  return INVARIANTS.find((i) => i.name === name);
}
