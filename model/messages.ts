import type { Invocation } from './invocation.ts';
import type { IdleEntry } from './shard/state.ts';

// The messages components send each other. A step delivers them in the order they were sent (a FIFO per step);
// each delivery is a microstep. Every message names its recipient; the router only routes.

export type Address =
  | { readonly kind: 'shard'; readonly id: number }
  | { readonly kind: 'machine'; readonly id: number }
  | { readonly kind: 'dispatcher'; readonly id: number }
  | { readonly kind: 'budget' }
  | { readonly kind: 'billing' };

/** What a machine says about itself when a shard polls it. */
export interface MachineLoad {
  readonly machineId: number;
  /** Every function on the machine: running, waiting or swapped (the paper's "number of functions"). */
  readonly functions: number;
  /** Functions of the polled class or higher (the `loadCounts: equalOrHigher` view). */
  readonly functionsAtOrAbove: number;
  readonly freeCores: number;
  /** Functions placed on the machine that are not running. */
  readonly waiting: number;
}

/** What a machine tells its dispatcher after every change. */
export interface MachineReport {
  readonly freeMB: number;
  readonly functions: number;
  readonly cores: number;
}

export type MessageBody =
  // to the budget
  | { readonly type: 'admit'; readonly inv: Invocation; readonly shardId: number }
  | { readonly type: 'spend'; readonly tenantId: number; readonly amount: number }
  | { readonly type: 'releaseTimer' }
  // to a shard
  | { readonly type: 'enqueue'; readonly inv: Invocation }
  | { readonly type: 'placeTimer'; readonly sampledMachines: readonly number[] }
  | { readonly type: 'loadReply'; readonly load: MachineLoad }
  | { readonly type: 'idleEntryJoin'; readonly entry: IdleEntry }
  | { readonly type: 'idleEntryUpdate'; readonly entry: IdleEntry }
  | { readonly type: 'idleEntryLeave'; readonly machineId: number }
  | { readonly type: 'idleLengthQuery'; readonly machineId: number }
  // to a machine
  | { readonly type: 'boot' }
  | { readonly type: 'assign'; readonly inv: Invocation; readonly shardId: number }
  | { readonly type: 'wakeTimer' }
  | { readonly type: 'setUsableMemory'; readonly memoryMB: number }
  | { readonly type: 'loadQuery'; readonly shardId: number; readonly cls: number }
  // to a dispatcher
  | { readonly type: 'report'; readonly report: MachineReport }
  | { readonly type: 'joinTimer'; readonly sampledShards: readonly number[] }
  | { readonly type: 'idleLength'; readonly shardId: number; readonly length: number }
  | { readonly type: 'idleEntryTaken'; readonly shardId: number }
  // to billing
  | { readonly type: 'bill'; readonly inv: Invocation; readonly machineId: number };

export type MessageType = MessageBody['type'];

export interface Message {
  readonly to: Address;
  readonly body: MessageBody;
}

export const toShard = (id: number, body: MessageBody): Message => ({ to: { kind: 'shard', id }, body });
export const toMachine = (id: number, body: MessageBody): Message => ({ to: { kind: 'machine', id }, body });
export const toDispatcher = (id: number, body: MessageBody): Message => ({ to: { kind: 'dispatcher', id }, body });
export const toBudget = (body: MessageBody): Message => ({ to: { kind: 'budget' }, body });
export const toBilling = (body: MessageBody): Message => ({ to: { kind: 'billing' }, body });

export function addressName(a: Address): string {
  return a.kind === 'budget' || a.kind === 'billing' ? a.kind : `${a.kind} ${a.id}`;
}
