import type { Policy } from '../policy.ts';
import { PRIORITY } from './priority.ts';
import { PROCESSOR_SHARING } from './processor-sharing.ts';

// How a machine shares its cores among the tasks that hold them. The rest of the scheduler (rank, preemption,
// memory) is the same for every discipline.

export interface Discipline {
  readonly name: Policy['discipline'];
  /** How many tasks may run at once on `cores` cores. */
  slots(cores: number): number;
  /** Work (us of one full core) each running task does in `dtUs` when `running` tasks share `cores` cores. */
  workDoneUs(dtUs: number, running: number, cores: number): number;
  /** Whole microseconds a running task needs to do `workUs` more work (never short of it). */
  timeForWorkUs(workUs: number, running: number, cores: number): number;
}

export function disciplineOf(policy: Policy): Discipline {
  return policy.discipline === 'ps' ? PROCESSOR_SHARING : PRIORITY;
}
