import { describe, expect, it } from 'vitest';
import { start } from '../../model/index.ts';
import { arrive, config, inv, joinEv, ofType, placeEv, S, stepAll, usableEv, world } from './helpers.ts';

// whenIdleListEmpty: 'hold' (model/shard/handler.ts, decide): a shard whose idle list is empty holds its queue.
// The hold is checked again when the decision timer fires: a timer set while the list had an entry finds it
// empty if the entry left meanwhile, and the shard then places nothing (it does not fall back to a poll).

describe("'hold': a decision timer that fires after the list emptied places nothing", () => {
  // Two machines (4 cores, 16,384 MB; idle while free memory >= 8,192 MB), both listed on shard 0; the shard is busy
  // 0.5 s after each decision. A (0 s) goes to m0, whose entry it consumes (JIQ; m0's rejoin is not stepped here).
  // B (0.1 s) finds m1 listed: the decision timer is set for 0.5 s. At 0.3 s an antagonist leaves m1 4,000 MB:
  // not idle, it leaves the list. At 0.5 s the list is empty: B stays queued.
  const cfg = config({ name: 'xx', whenIdleListEmpty: 'hold', idleEntryOnPlace: 'remove', shardDecisionUs: S / 2 });

  it('B is not placed at 0.5 s and is still queued', () => {
    const w = start(world(cfg, 2, 4, 1, 16384)).world;
    const B = inv(2, 0, S, S / 10);
    const r = stepAll(w, [
      joinEv(0, [0]),
      joinEv(1, [0]),
      arrive(inv(1, 0, S, 0)),
      placeEv(0, [0]),
      arrive(B),
      usableEv((3 * S) / 10, 4000, 1),
    ]);
    expect(ofType(r.out, 'needPlace').map((o) => o.atUs)).toEqual([0, S / 2]);
    expect(r.world.shards[0].idle).toEqual([]);
    const p = stepAll(r.world, [placeEv(S / 2, [0, 1])]);
    expect(ofType(p.out, 'placed')).toEqual([]);
    expect(p.world.shards[0].queues.flat().map((q) => q.inv.id)).toEqual([2]);
    expect(p.world.shards[0].poll).toBeNull();
  });
});
