import { describe, expect, it } from 'vitest';
import type { ModelEvent, Output, World } from '../../model/index.ts';
import { chooseShortestList, start, step } from '../../model/index.ts';
import { S, arrive, config, inv, ofType, world } from './helpers.ts';

// Idle lists (paper 3.2). Defaults: idleThresholdMB = 8192 (idle while free memory >= 8192 MB),
// idleUpdateDeltaMB = 1024. Machines here have 16384 MB. Events are stepped one by one, by hand.

const join = (machineId: number, sampledShards: number[], atUs = 0): ModelEvent => ({ type: 'idleJoin', atUs, machineId, sampledShards });
const place = (atUs: number, sampledMachines: number[] = [0], shardId = 0): ModelEvent => ({ type: 'place', atUs, shardId, sampledMachines });
const wake = (atUs: number, machineId = 0): ModelEvent => ({ type: 'wake', atUs, machineId });

/** Steps through events, collecting outputs. */
function run(w: World, events: readonly ModelEvent[]): { world: World; out: Output[] } {
  const out: Output[] = [];
  for (const e of events) {
    const r = step(w, e);
    w = r.world;
    out.push(...r.out);
  }
  return { world: w, out };
}

const ids = (w: World, shardId: number) => w.shards[shardId].idle.map((e) => e.machineId);

describe('idle list: join (power of k over shards)', () => {
  it('every fresh machine asks to join; each joins the shortest sampled list, ties to the first sampled', () => {
    const cfg = config('xx');
    const s = start(world(cfg, 4, 4, 3, 16384));
    expect(ofType(s.out, 'needJoin').map((o) => o.machineId)).toEqual([0, 1, 2, 3]);
    // Lists (shard 0, 1, 2) lengths before each join, and the choice:
    //   m0 samples [1, 2]: lengths 0, 0 -> tie -> first sampled: shard 1.
    //   m1 samples [1, 2]: lengths 1, 0 -> shard 2.
    //   m2 samples [2, 1]: lengths 1, 1 -> tie -> first sampled: shard 2 (not shard 0, which was not sampled).
    //   m3 samples [2, 1, 0]: lengths 2, 1, 0 -> shard 0.
    const r = run(s.world, [join(0, [1, 2]), join(1, [1, 2]), join(2, [2, 1]), join(3, [2, 1, 0])]);
    expect([ids(r.world, 0), ids(r.world, 1), ids(r.world, 2)]).toEqual([[3], [0], [1, 2]]);
    expect(r.world.machines.map((m) => m.dispatcher.idleShard)).toEqual([1, 2, 2, 0]);
    expect(r.world.shards[1].idle[0]).toEqual({ machineId: 0, freeMB: 16384, functions: 0 });
    // A machine is on at most one list: a second (stale) join changes nothing.
    const again = step(r.world, join(0, [0]));
    expect([ids(again.world, 0), ids(again.world, 1)]).toEqual([[3], [0]]);
  });

  it('chooseShortestList: shortest, first sampled on ties', () => {
    const len = (s: number) => [2, 1, 1, 0][s];
    expect(chooseShortestList([0, 1, 2], len)).toBe(1);
    expect(chooseShortestList([2, 1], len)).toBe(2);
    expect(chooseShortestList([0, 3], len)).toBe(3);
  });
});

describe('idle list: update and leave', () => {
  // One machine (16384 MB), one shard, memory grows in 2 steps: initial for the first half of the work, peak after.
  const cfg = config('xx', { memoryGrowthSteps: 2 });
  const joined = () => run(start(world(cfg, 1, 4, 1, 16384)).world, [join(0, [0])]).world;

  it('updates on a function-count change, not on a memory move below idleUpdateDeltaMB', () => {
    // inv: 2 s, 100 MB -> 1100 MB at 1 s of work.
    //   join:       entry {free 16384, functions 0}
    //   placed 0 s: free 16284, functions 1  -> count changed -> update {16284, 1}
    //   1 s growth: free 15284 (moved 1000 < 1024, count same) -> no update, entry stays {16284, 1}
    //   2 s done:   free 16384, functions 0  -> update {16384, 0}
    const i = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
    let w = joined();
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16384, functions: 0 }]);
    w = run(w, [arrive(i), place(0)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16284, functions: 1 }]);
    w = run(w, [wake(1 * S)]).world;
    expect(w.machines[0].residentMB).toBe(1100);
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16284, functions: 1 }]);
    w = run(w, [wake(2 * S)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16384, functions: 0 }]);
  });

  it('updates when free memory moves by exactly idleUpdateDeltaMB', () => {
    // Peak 1124: at 1 s free = 16384 - 1124 = 15260, moved 16284 - 15260 = 1024 >= 1024 -> update.
    const i = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1124 });
    const w = run(joined(), [arrive(i), place(0), wake(1 * S)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 15260, functions: 1 }]);
  });

  it('leaves when free memory drops below the threshold, and asks to rejoin when it is back', () => {
    // 9000 MB placed: free 16384 - 9000 = 7384 < 8192 -> leave. At 1 s it completes: free 16384 -> needJoin.
    const i = inv(1, 0, 1 * S, 0, { initialMemoryMB: 9000, peakMemoryMB: 9000 });
    const placed = run(joined(), [arrive(i), place(0)]);
    expect(placed.world.shards[0].idle).toEqual([]);
    expect(placed.world.machines[0].dispatcher.idleShard).toBe(-1);
    expect(ofType(placed.out, 'needJoin')).toEqual([]);
    const done = step(placed.world, wake(1 * S));
    expect(ofType(done.out, 'needJoin')).toEqual([{ type: 'needJoin', atUs: 1 * S, machineId: 0 }]);
    expect(done.world.machines[0].dispatcher.joinRequested).toBe(true);
    expect(ids(step(done.world, join(0, [0], 1 * S)).world, 0)).toEqual([0]);
  });

  it('a memory antagonist below the threshold also makes the machine leave', () => {
    // Usable memory 16384 -> 8000: free 8000 < 8192 -> leave.
    const w = step(joined(), { type: 'setUsableMemory', atUs: 0, machineId: 0, memoryMB: 8000 }).world;
    expect(w.shards[0].idle).toEqual([]);
  });
});

describe('idle list: placement', () => {
  it('places on the entry with the fewest functions (ties: earliest joined), ignoring the polled sample', () => {
    // Machines joined in order 0, 1, 2; every invocation runs 100 s, so counts only grow.
    //   x1: counts 0,0,0 -> m0;  x2: 1,0,0 -> m1;  x3: 1,1,0 -> m2;  x4: 1,1,1 -> m0;  x5: 2,1,1 -> m1.
    // The place events sample machine 2 only: with a non-empty idle list the sample is not used.
    const cfg = config('xx');
    let w = run(start(world(cfg, 3, 4, 1, 16384)).world, [join(0, [0]), join(1, [0]), join(2, [0])]).world;
    const placedOn: number[] = [];
    for (let id = 1; id <= 5; id++) {
      const r = run(w, [arrive(inv(id, 0, 100 * S, 0)), place(0, [2])]);
      w = r.world;
      placedOn.push(...ofType(r.out, 'placed').map((o) => o.machineId));
    }
    expect(placedOn).toEqual([0, 1, 2, 0, 1]);
    expect(w.shards[0].idle.map((e) => [e.machineId, e.functions])).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
  });

  it("JIQ (idleEntryOnPlace: 'remove'): a placement consumes the entry; the machine asks to rejoin", () => {
    //   lists: [m0, m1]. x1 -> m0 (tie, earliest); m0's entry is removed though m0 is still idle,
    //   so m0 immediately requests a join (needJoin). x2 -> m1 (the only entry); list now empty.
    //   x3 -> idle list empty -> poll the sample [1, 0]: both have 1 function -> first sampled, m1.
    //   m0's join then puts it back.
    const cfg = config({ name: 'xx', idleEntryOnPlace: 'remove' });
    const w0 = run(start(world(cfg, 2, 4, 1, 16384)).world, [join(0, [0]), join(1, [0])]).world;
    const r1 = run(w0, [arrive(inv(1, 0, 100 * S, 0)), place(0, [1])]);
    expect(ofType(r1.out, 'placed').map((o) => o.machineId)).toEqual([0]);
    expect(ofType(r1.out, 'needJoin').map((o) => o.machineId)).toEqual([0]);
    expect(ids(r1.world, 0)).toEqual([1]);
    expect(r1.world.machines[0].dispatcher).toMatchObject({ idleShard: -1, joinRequested: true });
    const r2 = run(r1.world, [arrive(inv(2, 0, 100 * S, 0)), place(0, [0])]);
    expect(ofType(r2.out, 'placed').map((o) => o.machineId)).toEqual([1]);
    expect(ids(r2.world, 0)).toEqual([]);
    const r3 = run(r2.world, [arrive(inv(3, 0, 100 * S, 0)), place(0, [1, 0])]);
    expect(ofType(r3.out, 'placed').map((o) => o.machineId)).toEqual([1]);
    expect(ids(step(r3.world, join(0, [0])).world, 0)).toEqual([0]);
  });

  it("with 'keep' the same placements leave both entries listed with updated counts", () => {
    const cfg = config('xx');
    const w0 = run(start(world(cfg, 2, 4, 1, 16384)).world, [join(0, [0]), join(1, [0])]).world;
    const r = run(w0, [arrive(inv(1, 0, 100 * S, 0)), place(0, [1]), arrive(inv(2, 0, 100 * S, 0)), place(0, [0])]);
    expect(ofType(r.out, 'placed').map((o) => o.machineId)).toEqual([0, 1]);
    expect(r.world.shards[0].idle.map((e) => [e.machineId, e.functions])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
