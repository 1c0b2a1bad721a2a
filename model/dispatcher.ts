import type { ModelConfig } from './config.ts';
import type { Machine } from './machine-state.ts';
import { freeMemoryMB, functionCount } from './machine-state.ts';

// The dispatcher's idle-list side (paper 3.2): it advertises its machine on a shard's idle list while the
// machine is idle, keeps the entry current when free memory moves significantly, and leaves when the machine
// is no longer idle. Joining needs a power-of-k sample of shards, which the driver supplies (`idleJoin`).

export interface IdleEntry {
  readonly machineId: number;
  readonly freeMB: number;
  readonly functions: number;
}

export type IdleMessage =
  | { readonly kind: 'requestJoin' }
  | { readonly kind: 'update'; readonly shardId: number; readonly entry: IdleEntry }
  | { readonly kind: 'leave'; readonly shardId: number };

/** Idle means memory to spare (XX: free memory >= threshold) or, for the slots variant, a free core and no queue. */
export function isIdle(m: Machine, config: ModelConfig): boolean {
  if (config.policy.idleBy === 'memory') return freeMemoryMB(m) >= config.idleThresholdMB;
  return functionCount(m) < m.cores;
}

export function idleEntryOf(m: Machine): IdleEntry {
  return { machineId: m.id, freeMB: freeMemoryMB(m), functions: functionCount(m) };
}

/**
 * What the dispatcher says after its machine changed, and its new bookkeeping. The function count is
 * re-reported on every change (placement reads it); free memory only when it moved by idleUpdateDeltaMB, so an
 * entry's free memory may be stale by less than that delta (the documented staleness of the idle list).
 */
export function dispatcherReact(m: Machine, config: ModelConfig): { machine: Machine; message: IdleMessage | null } {
  if (!config.policy.idleList) return { machine: m, message: null };
  const disp = m.dispatcher;
  const idle = isIdle(m, config);
  if (disp.idleShard < 0) {
    if (idle && !disp.joinRequested) {
      return { machine: { ...m, dispatcher: { ...disp, joinRequested: true } }, message: { kind: 'requestJoin' } };
    }
    if (!idle && disp.joinRequested) return { machine: { ...m, dispatcher: { ...disp, joinRequested: false } }, message: null };
    return { machine: m, message: null };
  }
  if (!idle) {
    return { machine: { ...m, dispatcher: { ...disp, idleShard: -1, joinRequested: false } }, message: { kind: 'leave', shardId: disp.idleShard } };
  }
  const freeMB = freeMemoryMB(m);
  const functions = functionCount(m);
  if (functions !== disp.reportedFunctions || Math.abs(freeMB - disp.reportedFreeMB) >= config.idleUpdateDeltaMB) {
    const entry = { machineId: m.id, freeMB, functions };
    return {
      machine: { ...m, dispatcher: { ...disp, reportedFreeMB: freeMB, reportedFunctions: functions } },
      message: { kind: 'update', shardId: disp.idleShard, entry },
    };
  }
  return { machine: m, message: null };
}

/** Among the sampled shards' idle-list lengths, the index of the shortest (first in sample order on ties). */
export function chooseShortestList(sampledShards: readonly number[], listLength: (shardId: number) => number): number {
  let best = sampledShards[0];
  for (const s of sampledShards) if (listLength(s) < listLength(best)) best = s;
  return best;
}
