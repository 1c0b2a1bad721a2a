import { describe, expect, it } from 'vitest';
import type { Address } from '../../model/messages.ts';
import type { InFlight, Sender } from '../../model/network.ts';
import { deliverable, linkDelayUs } from '../../model/network.ts';
import { arrive, completionTimes, config, inv, run, S, trace, world } from './helpers.ts';

// Network delays (model/network.ts), worked by hand. Times in ms below; work is 1 s.

const MS = 1000;

// Each run is a function called inside the tests (not at collection), so Stryker's per-test coverage sees it.

describe('a placement crosses the network twice for a poll, once for the placement', () => {
  // No idle list: the shard polls the machine (query 10 ms, reply 10 ms), places at 20 ms, and the placement
  // reaches the machine at 30 ms, which starts it at once: done at 1.03 s.
  const c = config({ name: 'xx', idleList: false }, { shardMachineDelayUs: 10 * MS });
  const r = () => run(world(c, 1, 1), [arrive(inv(1, 0, S, 0))]);

  it('places at 20 ms, starts at 30 ms, completes at 1.03 s', () => {
    expect(trace(r().outs, ['placed', 'started', 'completed'])).toEqual([
      ['placed', 20 * MS, 1],
      ['started', 30 * MS, 1],
      ['completed', S + 30 * MS, 1],
    ]);
  });

  it('delivers the query, the reply and the placement as three deliver events', () => {
    const { steps, world: end } = r();
    const delivers = steps.filter((s) => s.event.type === 'deliver').map((s) => s.event.atUs);
    expect(delivers).toEqual([10 * MS, 20 * MS, 30 * MS]);
    expect(end.inFlight).toEqual([]);
  });
});

describe('a delayed idle-list report', () => {
  // Two 1-core machines, idle while a core is free (idleBy: slots); dispatcher <-> shard messages take 50 ms.
  // Joining takes three trips (length query, reply, join): both are listed at 150 ms. Inv 1 (200 ms) goes to
  // machine 0 (tie: earliest joined), whose leave reaches the shard at 250 ms. Inv 2 (220 ms) still finds machine
  // 0 listed with 0 functions and waits there behind inv 1 (done 2.2 s); inv 3 (300 ms) goes to machine 1.
  const arrivals = [arrive(inv(1, 0, S, 200 * MS)), arrive(inv(2, 0, S, 220 * MS)), arrive(inv(3, 0, S, 300 * MS))];
  const stale = () =>
    run(world(config({ name: 'xx', idleBy: 'slots' }, { dispatcherShardDelayUs: 50 * MS }), 2, 1), arrivals);
  const instant = () => run(world(config({ name: 'xx', idleBy: 'slots' }), 2, 1), arrivals);

  it('places inv 2 on the machine that is already full, from its stale entry', () => {
    const { outs } = stale();
    const placedOn = outs.flatMap((o) => (o.type === 'placed' ? [[o.invId, o.machineId]] : []));
    expect(placedOn).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    expect(completionTimes(outs)).toEqual({ 1: 1200 * MS, 2: 2200 * MS, 3: 1300 * MS });
  });

  it('without the delay, inv 2 goes to the free machine', () => {
    expect(completionTimes(instant().outs)).toEqual({ 1: 1200 * MS, 2: 1220 * MS, 3: expect.any(Number) });
  });
});

describe('linkDelayUs: which links are delayed', () => {
  // Shard <-> machine 10 ms, dispatcher <-> shard 50 ms, in both directions; everything else is local.
  const c = config('xx', { shardMachineDelayUs: 10 * MS, dispatcherShardDelayUs: 50 * MS });
  const shard: Address = { kind: 'shard', id: 0 };
  const machine: Address = { kind: 'machine', id: 0 };
  const dispatcher: Address = { kind: 'dispatcher', id: 0 };

  it('shard <-> machine and dispatcher <-> shard, both ways', () => {
    expect(linkDelayUs(shard, machine, c)).toBe(10 * MS);
    expect(linkDelayUs(machine, shard, c)).toBe(10 * MS);
    expect(linkDelayUs(dispatcher, shard, c)).toBe(50 * MS);
    expect(linkDelayUs(shard, dispatcher, c)).toBe(50 * MS);
  });

  it('a machine and its dispatcher share a server; the budget, billing and the environment are local', () => {
    expect(linkDelayUs(machine, dispatcher, c)).toBe(0);
    expect(linkDelayUs(dispatcher, machine, c)).toBe(0);
    expect(linkDelayUs({ kind: 'budget' }, shard, c)).toBe(0);
    expect(linkDelayUs(machine, { kind: 'billing' }, c)).toBe(0);
    expect(linkDelayUs({ kind: 'environment' }, machine, c)).toBe(0);
    expect(linkDelayUs({ kind: 'environment' }, shard, c)).toBe(0);
  });
});

describe('deliverable: each link is FIFO', () => {
  // Messages are listed out of seq order on purpose: the rule is "no earlier seq on the same link", not list order.
  const msg = (seq: number, from: Sender, to: Address): InFlight => ({
    seq,
    atUs: 0,
    from,
    message: { to, body: { type: 'loadQuery', shardId: 0, cls: 0 } },
  });
  const seqs = (fs: InFlight[]) => deliverable(fs).map((f) => f.seq);
  const s0: Address = { kind: 'shard', id: 0 };
  const s1: Address = { kind: 'shard', id: 1 };
  const m0: Address = { kind: 'machine', id: 0 };
  const m1: Address = { kind: 'machine', id: 1 };

  it('only the oldest message on a link may be delivered', () => {
    expect(seqs([msg(5, s0, m0), msg(2, s0, m0), msg(9, s0, m0)])).toEqual([2]);
  });

  it('links differ by sender, by recipient, and by id within a kind', () => {
    expect(seqs([msg(3, s0, m0), msg(1, s0, m1)])).toEqual([3, 1]);
    expect(seqs([msg(3, s0, m0), msg(1, s1, m0)])).toEqual([3, 1]);
    // Same ids, other kinds: machine 0 -> shard 0 is not the link shard 0 -> machine 0.
    expect(seqs([msg(3, s0, m0), msg(1, m0, s0)])).toEqual([3, 1]);
    // Senders without an id (the environment, the budget) each form one link per recipient.
    const env: Sender = { kind: 'environment' };
    expect(seqs([msg(4, env, s0), msg(2, env, s0), msg(3, { kind: 'budget' }, s0)])).toEqual([2, 3]);
  });

  it('nothing in flight: nothing to deliver', () => {
    expect(deliverable([])).toEqual([]);
  });
});
