import { describe, expect, it } from 'vitest';
import type { Invocation, ModelConfig, Output, World } from '../../model/index.ts';
import { initialWorld, start, step } from '../../model/index.ts';
import { arrive, config, inv, ofType, placeEv, S, world } from './helpers.ts';

// Placement when the idle list is empty (or off): the shard polls the machines the place event sampled
// (loadQuery / loadReply microsteps inside the step) and picks one (model/shard/placement.ts). Every invocation
// here runs 100 s, so loads only grow during a test. Events are stepped by hand: arrive asks for a decision at
// its own time (needPlace), and the place event answers it.

/** Arrive + place with the given sample; returns the next world and the machine it landed on. */
function placeWith(w: World, i: Invocation, sample: number[]): { world: World; machineId: number; out: Output[] } {
  const a = step(w, arrive(i));
  expect(ofType(a.outputs, 'needPlace')).toEqual([{ type: 'needPlace', atUs: i.arrivalUs, shardId: 0 }]);
  const p = step(a.world, placeEv(i.arrivalUs, sample));
  const placed = ofType(p.outputs, 'placed');
  expect(placed).toHaveLength(1);
  return { world: p.world, machineId: placed[0].machineId, out: [...a.outputs, ...p.outputs] };
}

/** A world whose machine m holds loads[m] more functions (placed by sampling only m). */
function loaded(w: World, loads: number[], cls = 0): World {
  let id = 1000;
  for (let m = 0; m < loads.length; m++) {
    for (let n = 0; n < loads[m]; n++) w = placeWith(w, inv(id++, cls, 100 * S, 0), [m]).world;
  }
  return w;
}

describe('power of k: least loaded among the sampled machines (idle list off)', () => {
  const cfg = config({ name: 'xx', idleList: false });
  // 1-core machines, so "functions on the machine" counts running and waiting ones.
  // Loads: m0 = 3, m1 = 1, m2 = 2, m3 = 0, m4 = 1.
  const base = () => loaded(start(world(cfg, 5, 1)).world, [3, 1, 2, 0, 1]);

  it('the loads are what the setup says (1 running + waiting), and every placement is by poll', () => {
    const w = base();
    expect(w.machines.map((m) => m.tasks.length)).toEqual([3, 1, 2, 0, 1]);
    expect(w.machines.map((m) => m.tasks.filter((t) => t.running).length)).toEqual([1, 1, 1, 0, 1]);
    const r = placeWith(w, inv(1, 0, S, 0), [0, 1, 2]);
    expect(ofType(r.out, 'placed')[0].route).toBe('poll');
  });
  it('sample [0, 1, 2] (loads 3, 1, 2) -> m1; the unsampled idle m3 is ignored', () => {
    expect(placeWith(base(), inv(1, 0, S, 0), [0, 1, 2]).machineId).toBe(1);
  });
  it('sample [2, 0] (loads 2, 3) -> m2', () => {
    expect(placeWith(base(), inv(1, 0, S, 0), [2, 0]).machineId).toBe(2);
  });
  it('ties (m1 and m4 both 1) go to the first sampled', () => {
    expect(placeWith(base(), inv(1, 0, S, 0), [4, 1, 0]).machineId).toBe(4);
    expect(placeWith(base(), inv(1, 0, S, 0), [1, 4, 0]).machineId).toBe(1);
  });
  it('successive placements see the load they add: sample [1, 4] twice -> m1, then m4', () => {
    const a = placeWith(base(), inv(1, 0, 100 * S, 0), [1, 4]);
    const b = placeWith(a.world, inv(2, 0, 100 * S, 0), [1, 4]);
    expect([a.machineId, b.machineId]).toEqual([1, 4]);
  });
  it("loadCounts: 'equalOrHigher' counts only functions of the placed class or above", () => {
    // m0 holds 3 low functions, m1 holds 1 high one. Placing a high invocation with sample [1, 0]:
    //   'all':           loads m1 = 1, m0 = 3 -> m1.
    //   'equalOrHigher': loads m1 = 1, m0 = 0 -> m0.
    for (const [loadCounts, expected] of [
      ['all', 1],
      ['equalOrHigher', 0],
    ] as const) {
      const c = config({ name: 'xx', idleList: false, loadCounts });
      const w = loaded(loaded(start(world(c, 2, 1)).world, [3, 0], 0), [0, 1], 1);
      expect(placeWith(w, inv(1, 1, S, 0), [1, 0]).machineId, loadCounts).toBe(expected);
    }
  });
  it('an empty or repeated sample is an error naming the shard; an unknown machine is an error', () => {
    const w = step(start(world(cfg, 2, 1)).world, arrive(inv(1, 0, S, 0))).world;
    // The whole message: a looser /shard 0/ also matches a later error of the same shard.
    expect(() => step(w, placeEv(0, []))).toThrow('shard 0: a poll needs distinct sampled machines, got []');
    expect(() => step(w, placeEv(0, [1, 1]))).toThrow('shard 0: a poll needs distinct sampled machines, got [1, 1]');
    expect(() => step(w, placeEv(0, [0, 1, 0]))).toThrow(/got \[0, 1, 0\]/);
    expect(() => step(w, placeEv(0, [2]))).toThrow(/no machine 2/);
  });
});

describe("openwhisk: pollPick 'firstFree' over the probe sequence", () => {
  const ow = config('openwhisk');
  const hermod = config('hermod');
  const big = { cores: 4, memoryMB: 1 << 20, swapMB: 0 };
  const twoBig = (cfg: ModelConfig) => start(initialWorld(cfg, { shards: 1, machines: [big, big] })).world;

  it('takes the first sampled machine with a free core, even when a later one is less loaded', () => {
    // m0: 4 cores, 2 functions (2 free cores); m1: 4 cores, 0 functions. Sample [0, 1]:
    //   openwhisk (firstFree): m0.   hermod (leastLoaded): m1.
    expect(placeWith(loaded(twoBig(ow), [2, 0]), inv(1, 0, S, 0), [0, 1]).machineId).toBe(0);
    expect(placeWith(loaded(twoBig(hermod), [2, 0]), inv(1, 0, S, 0), [0, 1]).machineId).toBe(1);
  });
  it('skips busy machines; when every sampled machine is busy it goes to the home (first sampled) machine', () => {
    // 1-core machines; m0 and m1 each run one function, m2 is free.
    const w = loaded(start(world(ow, 3, 1)).world, [1, 1, 0]);
    expect(placeWith(w, inv(1, 0, S, 0), [0, 1, 2]).machineId).toBe(2);
    // All busy: home = first sampled (m1), although m0 has the same load.
    const r = placeWith(w, inv(1, 0, S, 0), [1, 0]);
    expect(r.machineId).toBe(1);
    // It then waits in m1's queue (FCFS, no preemption) behind m1's function 1001 (the setup's 1000 is on m0).
    expect(r.world.machines[1].tasks.map((t) => [t.inv.id, t.running])).toEqual([
      [1001, true],
      [1, false],
    ]);
  });
});
