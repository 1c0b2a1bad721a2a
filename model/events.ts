import type { Invocation } from './invocation.ts';

// Inputs: every event carries its time and every nondeterministic choice the real system would make (which shard
// the load balancer picked, which machines a shard polls, which shards a dispatcher compares). Arrivals and
// memory antagonists come from outside; the others are timers the model asked for (`need*` outputs).

export type ModelEvent =
  /** An invocation reaches the shard the load balancer routed it to (via the budget's admission check). */
  | { readonly type: 'arrive'; readonly atUs: number; readonly inv: Invocation; readonly shardId: number }
  /** The shard makes a placement decision; `sampledMachines` are the k machines it polls if it must poll. */
  | {
      readonly type: 'place';
      readonly atUs: number;
      readonly shardId: number;
      readonly sampledMachines: readonly number[];
    }
  /** The budget re-checks its held (throttled) invocations. */
  | { readonly type: 'release'; readonly atUs: number }
  /** The machine's timer: completions, memory growth steps and child spawns that are due. */
  | { readonly type: 'wake'; readonly atUs: number; readonly machineId: number }
  /** The dispatcher joins the shortest idle list among `sampledShards`. */
  | {
      readonly type: 'idleJoin';
      readonly atUs: number;
      readonly machineId: number;
      readonly sampledShards: readonly number[];
    }
  /** A message in flight (network.ts) reaches its recipient; `seq` names it in the world's in-flight list. */
  | { readonly type: 'deliver'; readonly atUs: number; readonly seq: number }
  /** A memory antagonist: the memory usable by functions on the machine changes. */
  | { readonly type: 'setUsableMemory'; readonly atUs: number; readonly machineId: number; readonly memoryMB: number };

export type EventType = ModelEvent['type'];

/** How a placement found its machine. */
export type PlacementRoute = 'idleList' | 'poll';

// Outputs: requests the driver turns into future input events (adding the nondeterministic data), and
// observations for metrics, traces and properties.
export type Output =
  | { readonly type: 'needPlace'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'needRelease'; readonly atUs: number }
  | { readonly type: 'needWake'; readonly atUs: number; readonly machineId: number }
  | { readonly type: 'needJoin'; readonly atUs: number; readonly machineId: number }
  /** A message was sent over a link with a delay: deliver it at atUs. */
  | { readonly type: 'needDeliver'; readonly atUs: number; readonly seq: number }
  /** A running parent started a child; the load balancer routes it to a shard (an `arrive` event). */
  | { readonly type: 'spawned'; readonly atUs: number; readonly inv: Invocation }
  | { readonly type: 'throttled'; readonly atUs: number; readonly invId: number; readonly tenantId: number }
  | { readonly type: 'demoted'; readonly atUs: number; readonly invId: number; readonly tenantId: number }
  | { readonly type: 'released'; readonly atUs: number; readonly invId: number; readonly shardId: number }
  | {
      readonly type: 'placed';
      readonly atUs: number;
      readonly invId: number;
      /** The invocation's effective class and arrival time (its wait for a placement is atUs - arrivalUs). */
      readonly cls: number;
      readonly arrivalUs: number;
      readonly shardId: number;
      readonly machineId: number;
      readonly route: PlacementRoute;
    }
  | { readonly type: 'started'; readonly atUs: number; readonly invId: number; readonly machineId: number }
  /** byInvId: the task that needed the core or the memory, or -1 when memory pressure swapped the task out. */
  | {
      readonly type: 'preempted';
      readonly atUs: number;
      readonly invId: number;
      readonly machineId: number;
      readonly byInvId: number;
    }
  /** A swap-out is asked for. byInvId: the task that needs the memory, or -1 when it relieves memory pressure. */
  | (SwapObservation & { readonly type: 'swappingOut'; readonly byInvId: number })
  /** A swap-in is asked for (the task will run, or, with eager swap-in, memory allows it). */
  | (SwapObservation & { readonly type: 'swappingIn' })
  /** A swap-in on its way is called off (pressure with nothing else in RAM): the memory stays in swap. */
  | (SwapObservation & { readonly type: 'swapInCalledOff' })
  /** A transfer ended: the memory left RAM, or is back in it (asked for at `requestedUs`). */
  | (SwapObservation & { readonly type: 'swappedOut'; readonly requestedUs: number })
  | (SwapObservation & { readonly type: 'swappedIn'; readonly requestedUs: number })
  | { readonly type: 'completed'; readonly atUs: number; readonly inv: Invocation; readonly machineId: number }
  | { readonly type: 'killed'; readonly atUs: number; readonly inv: Invocation; readonly machineId: number }
  | {
      readonly type: 'billed';
      readonly atUs: number;
      readonly invId: number;
      readonly tenantId: number;
      readonly cpuCost: number;
      readonly memoryCost: number;
    };

/** What every swap output says: which task, where, of which class, how much memory. */
export interface SwapObservation {
  readonly atUs: number;
  readonly invId: number;
  readonly machineId: number;
  readonly cls: number;
  readonly memoryMB: number;
}

export type OutputType = Output['type'];

export type OutputOf<T extends OutputType> = Extract<Output, { type: T }>;

/** The outputs of one type, narrowed. */
export function outputsOfType<T extends OutputType>(outs: readonly Output[], type: T): OutputOf<T>[] {
  return outs.filter((o): o is OutputOf<T> => o.type === type);
}
