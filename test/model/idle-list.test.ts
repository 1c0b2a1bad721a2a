import { describe, expect, it } from 'vitest';
import type { World } from '../../model/index.ts';
import { enabledEvents, start, step } from '../../model/index.ts';
import { heldRamMB as residentMB } from '../../model/machine/state.ts';
import { arrive, config, inv, joinEv, ofType, placeEv, S, stepAll, usableEv, wakeEv, world } from './helpers.ts';

// Idle lists (paper 3.2; model/dispatcher/). Defaults: idleThresholdMB = 8192 (idle while free memory >= 8192 MB),
// idleUpdateDeltaMB = 1024. Machines here have 16384 MB. Events are stepped one by one, by hand; each is a timer
// the model asked for (needJoin / needPlace / needWake) or an external event.

const ids = (w: World, shardId: number) => w.shards[shardId].idle.map((e) => e.machineId);

describe('idle list: join (power of k over shards)', () => {
  it('every fresh machine asks to join; each joins the shortest sampled list, ties to the first sampled', () => {
    const cfg = config('xx');
    const s = start(world(cfg, 4, 4, 3, 16384));
    const needJoin = [0, 1, 2, 3].map((machineId) => ({ type: 'needJoin', atUs: 0, machineId }));
    expect(ofType(s.outputs, 'needJoin')).toEqual(needJoin);
    // Lists (shard 0, 1, 2) lengths before each join, and the choice:
    //   m0 samples [1, 2]: lengths 0, 0 -> tie -> first sampled: shard 1.
    //   m1 samples [1, 2]: lengths 1, 0 -> shard 2.
    //   m2 samples [2, 1]: lengths 1, 1 -> tie -> first sampled: shard 2 (not shard 0, which was not sampled).
    //   m3 samples [2, 1, 0]: lengths 2, 1, 0 -> shard 0.
    const r = stepAll(s.world, [joinEv(0, [1, 2]), joinEv(1, [1, 2]), joinEv(2, [2, 1]), joinEv(3, [2, 1, 0])]);
    expect([ids(r.world, 0), ids(r.world, 1), ids(r.world, 2)]).toEqual([[3], [0], [1, 2]]);
    expect(r.world.dispatchers.map((d) => d.listedOn)).toEqual([1, 2, 2, 0]);
    expect(r.world.shards[1].idle[0]).toEqual({ machineId: 0, freeMB: 16384, functions: 0 });
    const entry = { machineId: 0, freeMB: 16384, functions: 0 };
    expect(r.world.dispatchers[0]).toMatchObject({ joinAtUs: Infinity, joinPoll: null, entry });
    // A machine is on at most one list: its join timer is spent, so a second join is no event the model set.
    expect(enabledEvents(r.world)).toEqual([]);
    expect(() => step(r.world, joinEv(0, [0]))).toThrow(/no such timer/);
  });
});

describe('idle list: a join samples distinct shards', () => {
  // The join timer of a fresh machine is set at 0; the driver's sample must name at least one shard, each once.
  it('refuses an empty sample and a shard sampled twice', () => {
    const w = start(world(config('xx'), 1, 4, 2, 16384)).world;
    expect(() => step(w, joinEv(0, []))).toThrow('dispatcher 0: a join needs distinct sampled shards, got []');
    expect(() => step(w, joinEv(0, [1, 1]))).toThrow('dispatcher 0: a join needs distinct sampled shards, got [1, 1]');
    expect(() => step(w, joinEv(0, [1, 0]))).not.toThrow();
  });
});

describe('idle list: update and leave', () => {
  // One machine (16384 MB), one shard, memory grows in 2 steps: initial for the first half of the work, peak after.
  const cfg = config('xx', { memoryGrowthSteps: 2 });
  const joined = () => stepAll(start(world(cfg, 1, 4, 1, 16384)).world, [joinEv(0, [0])]).world;

  it('updates on a function-count change, not on a memory move below idleUpdateDeltaMB', () => {
    // inv: 2 s, 100 MB -> 1100 MB at 1 s of work.
    //   join:       entry {free 16384, functions 0}
    //   placed 0 s: free 16284, functions 1  -> count changed -> update {16284, 1}
    //   1 s growth: free 15284 (moved 1000 < 1024, count same) -> no update, entry stays {16284, 1}
    //   2 s done:   free 16384, functions 0  -> update {16384, 0}
    const i = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
    let w = joined();
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16384, functions: 0 }]);
    w = stepAll(w, [arrive(i), placeEv(0)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16284, functions: 1 }]);
    w = stepAll(w, [wakeEv(1 * S)]).world;
    expect(residentMB(w.machines[0])).toBe(1100);
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16284, functions: 1 }]);
    w = stepAll(w, [wakeEv(2 * S)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16384, functions: 0 }]);
  });

  it('updates when free memory moves by exactly idleUpdateDeltaMB', () => {
    // Peak 1124: at 1 s free = 16384 - 1124 = 15260, moved 16284 - 15260 = 1024 >= 1024 -> update.
    const i = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1124 });
    const w = stepAll(joined(), [arrive(i), placeEv(0), wakeEv(1 * S)]).world;
    expect(w.shards[0].idle).toEqual([{ machineId: 0, freeMB: 15260, functions: 1 }]);
  });

  it('a memory antagonist moves free memory too: no update below idleUpdateDeltaMB, an update at exactly it', () => {
    // Free = usable - resident; nothing placed, so free = usable.
    //   usable 16384 -> 15361: moved 1023 < 1024 -> the entry stays {16384, 0}.
    //   usable 15361 -> 15360: moved 16384 - 15360 = 1024 from what the entry says -> update {15360, 0}.
    // (The dispatcher compares with its listed entry, not with the last report: staleness is bounded.)
    const a = step(joined(), usableEv(0, 15361)).world;
    expect(a.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16384, functions: 0 }]);
    const b = step(a, usableEv(0, 15360)).world;
    expect(b.shards[0].idle).toEqual([{ machineId: 0, freeMB: 15360, functions: 0 }]);
    expect(b.dispatchers[0].entry).toEqual({ machineId: 0, freeMB: 15360, functions: 0 });
  });

  it('leaves when free memory drops below the threshold, and asks to rejoin when it is back', () => {
    // 9000 MB placed: free 16384 - 9000 = 7384 < 8192 -> leave. At 1 s it completes: free 16384 -> needJoin.
    // (With 2 growth steps the machine also wakes at 0.5 s, the second level, here the same 9000 MB.)
    const i = inv(1, 0, 1 * S, 0, { initialMemoryMB: 9000, peakMemoryMB: 9000 });
    const placed = stepAll(joined(), [arrive(i), placeEv(0), wakeEv(0.5 * S)]);
    expect(placed.world.shards[0].idle).toEqual([]);
    expect(placed.world.dispatchers[0]).toMatchObject({ listedOn: -1, entry: null, joinAtUs: Infinity });
    expect(ofType(placed.out, 'needJoin')).toEqual([]);
    expect(ofType(placed.out, 'needWake').map((o) => o.atUs)).toEqual([0.5 * S, 1 * S]);
    const done = step(placed.world, wakeEv(1 * S));
    expect(ofType(done.outputs, 'needJoin')).toEqual([{ type: 'needJoin', atUs: 1 * S, machineId: 0 }]);
    expect(done.world.dispatchers[0].joinAtUs).toBe(1 * S);
    expect(ids(step(done.world, joinEv(0, [0], 1 * S)).world, 0)).toEqual([0]);
  });

  it('a memory antagonist below the threshold also makes the machine leave', () => {
    // Usable memory 16384 -> 8000: free 8000 < 8192 -> leave.
    const w = step(joined(), usableEv(0, 8000)).world;
    expect(w.shards[0].idle).toEqual([]);
    expect(w.dispatchers[0].listedOn).toBe(-1);
  });

  it('a join request is withdrawn when the machine stops being idle before its join timer fires', () => {
    // Fresh machine: needJoin at 0 (joinAtUs 0). The antagonist at 0 leaves 8000 < 8192 free: no longer idle,
    // so the timer is withdrawn (joinAtUs Infinity) and the join event it asked for is now stale.
    const s = start(world(config('xx'), 1, 4, 1, 16384)).world;
    expect(s.dispatchers[0].joinAtUs).toBe(0);
    const w = step(s, usableEv(0, 8000)).world;
    expect(w.dispatchers[0].joinAtUs).toBe(Infinity);
    expect(() => step(w, joinEv(0, [0]))).toThrow(/no such timer/);
  });
});

describe('idle list: placement', () => {
  it('places on the entry with the fewest functions (ties: earliest joined), ignoring the polled sample', () => {
    // Machines joined in order 0, 1, 2; every invocation runs 100 s, so counts only grow.
    //   x1: counts 0,0,0 -> m0;  x2: 1,0,0 -> m1;  x3: 1,1,0 -> m2;  x4: 1,1,1 -> m0;  x5: 2,1,1 -> m1.
    // The place events sample machine 2 only: with a non-empty idle list the sample is not used.
    const cfg = config('xx');
    let w = stepAll(start(world(cfg, 3, 4, 1, 16384)).world, [joinEv(0, [0]), joinEv(1, [0]), joinEv(2, [0])]).world;
    const placed: [number, string][] = [];
    for (let id = 1; id <= 5; id++) {
      const r = stepAll(w, [arrive(inv(id, 0, 100 * S, 0)), placeEv(0, [2])]);
      w = r.world;
      placed.push(...ofType(r.out, 'placed').map((o): [number, string] => [o.machineId, o.route]));
    }
    expect(placed).toEqual([0, 1, 2, 0, 1].map((m) => [m, 'idleList']));
    expect(w.shards[0].idle.map((e) => [e.machineId, e.functions])).toEqual([
      [0, 2],
      [1, 2],
      [2, 1],
    ]);
  });

  it("JIQ (idleEntryOnPlace: 'remove'): a placement consumes the entry; the machine asks to rejoin", () => {
    //   lists: [m0, m1]. x1 -> m0 (tie, earliest); m0's entry is removed though m0 is still idle,
    //   so m0 asks to join again (needJoin at 0). x2 -> m1 (the only entry); m1 asks too; the list is empty.
    //   x3 -> idle list empty -> poll the sample [1, 0]: both have 1 function -> first sampled, m1.
    //   m0's and m1's joins then put them back, in that order.
    const cfg = config({ name: 'xx', idleEntryOnPlace: 'remove' });
    const w0 = stepAll(start(world(cfg, 2, 4, 1, 16384)).world, [joinEv(0, [0]), joinEv(1, [0])]).world;
    const r1 = stepAll(w0, [arrive(inv(1, 0, 100 * S, 0)), placeEv(0, [1])]);
    expect(ofType(r1.out, 'placed').map((o) => [o.machineId, o.route])).toEqual([[0, 'idleList']]);
    expect(ofType(r1.out, 'needJoin').map((o) => o.machineId)).toEqual([0]);
    expect(ids(r1.world, 0)).toEqual([1]);
    expect(r1.world.dispatchers[0]).toMatchObject({ listedOn: -1, entry: null, joinAtUs: 0 });
    const r2 = stepAll(r1.world, [arrive(inv(2, 0, 100 * S, 0)), placeEv(0, [0])]);
    expect(ofType(r2.out, 'placed').map((o) => [o.machineId, o.route])).toEqual([[1, 'idleList']]);
    expect(ofType(r2.out, 'needJoin').map((o) => o.machineId)).toEqual([1]);
    expect(ids(r2.world, 0)).toEqual([]);
    const r3 = stepAll(r2.world, [arrive(inv(3, 0, 100 * S, 0)), placeEv(0, [1, 0])]);
    expect(ofType(r3.out, 'placed').map((o) => [o.machineId, o.route])).toEqual([[1, 'poll']]);
    expect(ids(stepAll(r3.world, [joinEv(0, [0]), joinEv(1, [0])]).world, 0)).toEqual([0, 1]);
  });

  it("with 'keep' the same placements leave both entries listed with updated counts", () => {
    // x1 -> m0 (tie, earliest); m0's entry stays, now 1 function. x2 -> m1 (0 < 1 function).
    const cfg = config('xx');
    const w0 = stepAll(start(world(cfg, 2, 4, 1, 16384)).world, [joinEv(0, [0]), joinEv(1, [0])]).world;
    const events = [arrive(inv(1, 0, 100 * S, 0)), placeEv(0, [1]), arrive(inv(2, 0, 100 * S, 0)), placeEv(0, [0])];
    const r = stepAll(w0, events);
    expect(ofType(r.out, 'placed').map((o) => o.machineId)).toEqual([0, 1]);
    expect(ofType(r.out, 'needJoin')).toEqual([]);
    expect(r.world.shards[0].idle.map((e) => [e.machineId, e.functions])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });
});
