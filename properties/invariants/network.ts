import type { Address, Message, ModelConfig } from '../../model/index.ts';
import type { Invariant, Probe, StepView } from './types.ts';

// The network (model README "Network delays"): a message between a shard and a machine takes shardMachineDelayUs,
// one between a dispatcher and a shard dispatcherShardDelayUs, every other one arrives in the step that sent it.
// A delayed message waits in flight and arrives exactly its delay after it was sent, and each link (one sender, one
// recipient) is first in, first out.

export const networkDelay: Invariant = {
  name: 'networkDelay',
  description: 'each message arrives exactly its link delay after it was sent, in send order on its link',
  check(v, probe) {
    return arrival(v, probe) ?? sends(v, probe);
  },
};

type Endpoint = Address | { readonly kind: 'environment' };

/** The delay of the link between two kinds of component, restated from the model README. */
function delayUs(from: Endpoint, to: Address, config: ModelConfig): number {
  const pair = [from.kind, to.kind].sort().join('-');
  if (pair === 'machine-shard') return config.shardMachineDelayUs;
  if (pair === 'dispatcher-shard') return config.dispatcherShardDelayUs;
  return 0;
}

const sameEndpoint = (a: Endpoint, b: Endpoint) =>
  a.kind === b.kind && ('id' in a ? a.id : -1) === ('id' in b ? b.id : -1);

/** A `deliver` event brings the oldest message of its link, at the time it was due. */
function arrival(v: StepView, probe: Probe): string | null {
  if (v.event.type !== 'deliver') return null;
  const seq = v.event.seq;
  const flight = v.prev.inFlight.find((f) => f.seq === seq);
  probe.checked();
  if (flight === undefined) return `message ${seq} delivered, but it was not in flight`;
  if (flight.atUs !== v.event.atUs) return `message ${seq} was due at ${flight.atUs}us, delivered at ${v.event.atUs}us`;
  const first = v.result.microsteps[0];
  if (first === undefined || first.body !== flight.message.body || !sameEndpoint(first.to, flight.message.to))
    return `message ${seq} (${flight.message.body.type}) is not what the step delivered`;
  const overtaken = v.prev.inFlight.find(
    (f) => f.seq < seq && sameEndpoint(f.from, flight.from) && sameEndpoint(f.message.to, flight.message.to),
  );
  if (overtaken !== undefined) return `message ${seq} overtook message ${overtaken.seq} on its link`;
  if (v.next.inFlight.some((f) => f.seq === seq)) return `message ${seq} is still in flight after its delivery`;
  return null;
}

/** Each message sent in the step is delivered in the step (no delay) or is in flight, due its delay from now. */
function sends(v: StepView, probe: Probe): string | null {
  const config = v.after.spec;
  const delivered = new Set<Message['body']>(v.result.microsteps.map((m) => m.body));
  for (const ms of v.result.microsteps) {
    for (const sent of ms.sent) {
      probe.checked();
      const d = delayUs(ms.to, sent.to, config);
      const flight = v.next.inFlight.find((f) => f.message.body === sent.body);
      const what = `${sent.body.type} from ${ms.to.kind} to ${sent.to.kind}`;
      if (d === 0 && !delivered.has(sent.body)) return `${what}: no delay, yet not delivered in the step`;
      if (d > 0 && delivered.has(sent.body)) return `${what}: delivered at once over a link of ${d}us`;
      if (d > 0 && flight?.atUs !== v.event.atUs + d)
        return `${what}: due at ${flight?.atUs ?? 'never'}us, sent at ${v.event.atUs}us over a link of ${d}us`;
    }
  }
  return null;
}
