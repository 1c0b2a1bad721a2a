import type { ModelConfig } from '../config.ts';
import type { MachineReport } from '../messages.ts';
import type { IdleEntry } from '../shard/state.ts';

// A machine's dispatcher, its idle-list side (paper 3.2): it adds its machine to a shard's idle list while the
// machine is idle, keeps the entry current when the machine changes significantly, and leaves when the machine
// is no longer idle. (Its memory manager acts on the machine's tasks and lives with them: model/machine/.)

/** A join in progress: the shards sampled and the idle-list lengths they answered (sample order). */
export interface JoinPoll {
  readonly sampled: readonly number[];
  readonly lengths: readonly (number | null)[];
}

export interface DispatcherState {
  readonly machineId: number;
  /** The shard whose idle list holds this machine, or -1. A machine is on at most one list. */
  readonly listedOn: number;
  /** What the entry on that list says (the shard's view; may lag by less than idleUpdateDeltaMB). */
  readonly entry: IdleEntry | null;
  /** The join timer (`needJoin` -> `idleJoin` event carrying the sampled shards), or Infinity. */
  readonly joinAtUs: number;
  readonly joinPoll: JoinPoll | null;
  /** The machine's last report. */
  readonly report: MachineReport;
}

export function newDispatcher(machineId: number, report: MachineReport): DispatcherState {
  return { machineId, listedOn: -1, entry: null, joinAtUs: Infinity, joinPoll: null, report };
}

/**
 * Idle: the paper defines idleness "via memory availability rather than empty queues": free memory at least
 * idleThresholdMB. Knative's variant (idleBy slots): fewer functions than cores.
 */
export function isIdle(report: MachineReport, config: ModelConfig): boolean {
  if (config.policy.idleBy === 'memory') return report.freeMB >= config.idleThresholdMB;
  return report.functions < report.cores;
}

export function entryOf(machineId: number, report: MachineReport): IdleEntry {
  return { machineId, freeMB: report.freeMB, functions: report.functions };
}
