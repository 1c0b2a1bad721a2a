import type { Discipline } from './discipline.ts';

// Processor sharing (Hermod): every resident task runs, and n tasks on C cores each run at min(1, C / n) of a
// core. Work is then fractional; a task due within DUE_TOLERANCE_US of a checkpoint is at it (progress.ts).
export const PROCESSOR_SHARING: Discipline = {
  name: 'ps',
  slots: () => Infinity,
  workDoneUs: (dtUs, running, cores) => (running <= cores ? dtUs : (dtUs * cores) / running),
  timeForWorkUs: (workUs, running, cores) => Math.ceil(running <= cores ? workUs : (workUs * running) / cores),
};
