import type { ModelConfig } from './config.ts';
import type { Address, Message } from './messages.ts';

// The network between components (paper 3.2 runs shards and machines as separate servers; it gives no latency, so
// both delays default to 0). A message between a shard and a machine takes shardMachineDelayUs; one between a
// dispatcher and a shard takes dispatcherShardDelayUs; a machine and its own dispatcher share a server, and the
// budget and billing sit with the front end that routes arrivals (no delay). A delayed message is held in the
// world's in-flight list and delivered by a `deliver` event at its time. Each link is FIFO (as a TCP connection
// is): a message can be delivered only when no earlier one on the same link (same sender, same recipient) is still
// in flight, so no driver can reorder them; messages on different links that arrive at the same time may be
// delivered in any order (the property suite tries them all; the simulator delivers in send order).

/** Who sent a message: a component, or the environment (the event that started the step). */
export type Sender = Address | { readonly kind: 'environment' };

/** A message on its way. `seq` numbers sends over the whole run: the tie-break at equal arrival times. */
export interface InFlight {
  readonly seq: number;
  readonly atUs: number;
  readonly from: Sender;
  readonly message: Message;
}

/** The one-way delay of a message from `from` to `to`. */
export function linkDelayUs(from: Sender, to: Address, config: ModelConfig): number {
  if (isLinkBetween(from, to, 'shard', 'machine')) return config.shardMachineDelayUs;
  if (isLinkBetween(from, to, 'shard', 'dispatcher')) return config.dispatcherShardDelayUs;
  return 0;
}

/** Whether `from` and `to` are a component of kind `a` and one of kind `b`, either way round. */
function isLinkBetween(from: Sender, to: Address, a: string, b: string): boolean {
  return (from.kind === a && to.kind === b) || (from.kind === b && to.kind === a);
}

/** The in-flight messages that may be delivered now: the oldest on each link. */
export function deliverable(inFlight: readonly InFlight[]): InFlight[] {
  return inFlight.filter((f) => !inFlight.some((g) => g.seq < f.seq && sameLink(g, f)));
}

function sameLink(a: InFlight, b: InFlight): boolean {
  return sameAddress(a.from, b.from) && sameAddress(a.message.to, b.message.to);
}

function sameAddress(a: Sender, b: Sender): boolean {
  return a.kind === b.kind && ('id' in a ? a.id : -1) === ('id' in b ? b.id : -1);
}
