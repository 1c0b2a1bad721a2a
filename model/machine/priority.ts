import type { Discipline } from './discipline.ts';

// Preemptive priority (paper 3.2): one task per core, each at full speed; which tasks hold the cores is the
// scheduler's rank (rank.ts), "first come first served" within a class, as Linux's SCHED_FIFO.
export const PRIORITY: Discipline = {
  name: 'priority',
  slots: (cores) => cores,
  workDoneUs: (dtUs) => dtUs,
  timeForWorkUs: (workUs) => Math.ceil(workUs),
};
