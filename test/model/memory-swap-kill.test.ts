import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../model/index.ts';
import { heldRamMB as residentMB, heldSwapMB as swapUsedMB } from '../../model/machine/state.ts';
import {
  arrive,
  completionTimes,
  config,
  inv,
  kills,
  mem,
  ofType,
  run,
  S,
  THREE_CLASSES,
  timesOf,
  trace,
  usableEv,
  world,
} from './helpers.ts';

// Memory (paper 3.2; model/machine/memory-manager.ts). Under pressure the memory manager takes victims in victim
// order (model/machine/rank.ts): the lowest class first, waiting before running, the latest arrival first. With
// swapOrder strict (default) the next victim is swapped out if it fits in free swap, else it is killed. A swapped
// function comes back in only when it is about to run. Classes: 0 = low, 1 = mid, 2 = high.
//
// Common setup: 1 machine, 1 core, 1000 MB of RAM; memory grows in 2 steps (initial for the first half of the
// work, peak for the second). The default idle threshold (8192 MB) keeps this machine off the idle list,
// so placement polls it. At 0 arrive, in this order (all placed at 0, in class order):
//   H  high, 2 s, 100 MB -> 700 MB at 1 s (runs first)
//   M  mid,  1 s, 200 MB (waits)
//   L1 low,  1 s, 200 MB (waits)
//   L2 low,  1 s, 200 MB (waits)
// Resident at 0: 100 + 3 * 200 = 700 MB. At 1 s H grows to 700: 1300 MB, 300 MB over.

const H = inv(1, 2, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 700 });
const M = inv(2, 1, 1 * S, 0, mem(200));
const L1 = inv(3, 0, 1 * S, 0, mem(200));
const L2 = inv(4, 0, 1 * S, 0, mem(200));

type PolicySpec = string | Record<string, unknown>;

function runWith(policy: PolicySpec, swapMB: number, extra: ModelEvent[] = [], invs = [H, M, L1, L2]) {
  const cfg = config(policy, { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
  const r = run(world(cfg, 1, 1, 1, 1000, swapMB), [...invs.map((i) => arrive(i)), ...extra]);
  return {
    world: r.world,
    outs: r.outs,
    swappedOut: timesOf(r.outs, 'swappedOut'),
    swappedIn: timesOf(r.outs, 'swappedIn'),
    killed: kills(r.outs),
    done: completionTimes(r.outs),
  };
}

describe('swap order under pressure, and swap-in when about to run', () => {
  it('swaps the latest low (L2), then L1, never M; swaps each back in only when it is about to run', () => {
    // 1 s: 300 MB over. Victims: L2 (low, latest; 1300 -> 1100 MB), L1 (-> 900 MB <= 1000). M stays resident.
    // 2 s: H completes; M (resident) runs 2..3 s. Nothing is swapped in early, though memory is now free.
    // 3 s: M completes; L1 is next: swapped in at 3 s, runs 3..4 s. 4 s: L2 swapped in, runs 4..5 s.
    const r = runWith('xx', 1000);
    expect(r.swappedOut).toEqual([
      [1 * S, 4],
      [1 * S, 3],
    ]);
    expect(r.swappedIn).toEqual([
      [3 * S, 3],
      [4 * S, 4],
    ]);
    expect(r.killed).toEqual([]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S, 3: 4 * S, 4: 5 * S });
    expect([residentMB(r.world.machines[0]), swapUsedMB(r.world.machines[0])]).toEqual([0, 0]);
  });

  it('a memory antagonist (setUsableMemory) is pressure like any other', () => {
    // No growth here (H stays at 100 MB): resident 700 MB. At 0.5 s usable RAM drops to 500 MB: 200 over ->
    // swap L2 (500 MB). At 0.6 s it is back to 1000 MB: L2 stays in swap until it is about to run (4 s, after
    // H 0..2 s, M 2..3 s, L1 3..4 s).
    const H0 = { ...H, peakMemoryMB: 100 };
    const r = runWith('xx', 1000, [usableEv(0.5 * S, 500), usableEv(0.6 * S, 1000)], [H0, M, L1, L2]);
    expect(r.swappedOut).toEqual([[0.5 * S, 4]]);
    expect(r.swappedIn).toEqual([[4 * S, 4]]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S, 3: 4 * S, 4: 5 * S });
  });

  it('swapping in a mid function swaps out a resident lower-class one to make room', () => {
    // Swap 2000 MB. H high 3 s 100 MB; M mid 1 s 400 MB; L low 1 s 400 MB: resident 900 MB.
    //   0.5 s: usable -> 400 MB: 500 over -> swap L (victim order: low first; 500 over -> 100 over), then M
    //          (mid, waiting, before the running high H) -> 100 MB.
    //   1 s:   usable back to 1000 MB (resident 100). M would fit, but the core is H's: M stays in swap.
    //   1.5 s: L3 low 1 s 700 MB arrives, waits resident: 800 MB.
    //   3 s:   H completes (resident 700). M is next but needs 400 > 300 free: swap out L3 (lower class,
    //          resident, ranks below M) -> swap M in. M runs 3..4 s.
    //   4 s:   L (head of the low queue) swapped in, runs 4..5 s; 5 s: L3 swapped in, runs 5..6 s.
    const Hx = inv(1, 2, 3 * S, 0);
    const Mx = inv(2, 1, 1 * S, 0, mem(400));
    const Lx = inv(3, 0, 1 * S, 0, mem(400));
    const L3 = inv(4, 0, 1 * S, 1.5 * S, mem(700));
    const r = runWith('xx', 2000, [usableEv(0.5 * S, 400), usableEv(1 * S, 1000)], [Hx, Mx, Lx, L3]);
    expect(r.swappedOut).toEqual([
      [0.5 * S, 3],
      [0.5 * S, 2],
      [3 * S, 4],
    ]);
    expect(r.swappedIn).toEqual([
      [3 * S, 2],
      [4 * S, 3],
      [5 * S, 4],
    ]);
    expect(r.killed).toEqual([]);
    expect(r.done).toEqual({ 1: 3 * S, 2: 4 * S, 3: 5 * S, 4: 6 * S });
  });
});

describe('kills', () => {
  it('kills only when swap is full: swap 200 MB takes L2, then L1 (the next victim) is killed', () => {
    // 1 s: 300 over. Swap L2 (200 MB; swap now full) -> 100 over. The next victim, L1, does not fit in swap
    // -> killed (strict). Then H 2 s, M 3 s, L2 swapped in at 3 s, 4 s. L1 never completes (and is never billed).
    const r = runWith('xx', 200);
    expect(r.swappedOut).toEqual([[1 * S, 4]]);
    expect(r.killed).toEqual([[1 * S, 3]]);
    expect(r.swappedIn).toEqual([[3 * S, 4]]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S, 4: 4 * S });
  });

  it('with swap 400 MB (room for both lows) nothing is killed, and both lows are swapped', () => {
    const r = runWith('xx', 400);
    expect(r.killed).toEqual([]);
    expect(r.swappedOut).toEqual([
      [1 * S, 4],
      [1 * S, 3],
    ]);
  });

  it('with swap: false pressure kills at once: L2, then L1', () => {
    // 1 s: 300 over. Kill L2 (low, latest) -> 100 over; kill L1 -> 900 MB. M survives.
    const r = runWith({ name: 'xx', swap: false }, 1000);
    expect(r.swappedOut).toEqual([]);
    expect(r.killed).toEqual([
      [1 * S, 4],
      [1 * S, 3],
    ]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S });
  });

  it('in the lowest class a waiting function is killed before a running one (here also the latest)', () => {
    // 1 core, swap: false. K1 low 2 s 100 -> 900 MB at 1 s (running); K2 low 1 s 200 MB arrives at 0.5 s (waits).
    // 1 s: 900 + 200 = 1100 > 1000 -> kill K2 (same class: waiting before running) -> 900 MB. K1 completes at 2 s.
    // (Killing the running K1 instead would leave K2 to run 1..2 s.)
    const cfg = config({ name: 'xx', swap: false }, { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const K1 = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 900 });
    const K2 = inv(2, 0, 1 * S, 0.5 * S, mem(200));
    const outs = run(world(cfg, 1, 1, 1, 1000), [arrive(K1), arrive(K2)]).outs;
    expect(kills(outs)).toEqual([[1 * S, 2]]);
    expect(completionTimes(outs)).toEqual({ 1: 2 * S });
  });

  it('with no waiting function to swap, the running lowest-class function is swapped out and resumes later', () => {
    // 2 cores, swap 1000 MB, every function runs. Hh high 4 s 500 MB; Lg low 2 s 100 -> 600 MB at 1 s.
    // 1 s: 1100 MB > 1000. Victims: Lg (low, running), then Hh -> Lg is preempted (byInvId -1: pressure) and
    // swapped out with 1 s done. Lg (600) needs 100 MB more than the 500 free, and no class is below it: it
    // is not runnable. 4 s: Hh completes, 1000 MB free -> Lg swaps in, runs its last 1 s -> 5 s.
    const cfg = config('xx', { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const Hh = inv(1, 2, 4 * S, 0, mem(500));
    const Lg = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 600 });
    const outs = run(world(cfg, 1, 2, 1, 1000, 1000), [arrive(Hh), arrive(Lg)]).outs;
    expect(ofType(outs, 'preempted').map((o) => [o.atUs, o.invId, o.byInvId])).toEqual([[1 * S, 2, -1]]);
    expect(ofType(outs, 'swappedOut').map((o) => [o.atUs, o.invId, o.memoryMB])).toEqual([[1 * S, 2, 600]]);
    expect(timesOf(outs, 'swappedIn')).toEqual([[4 * S, 2]]);
    expect(kills(outs)).toEqual([]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 5 * S });
  });

  it('with nothing left to swap and swap full, the running lowest-class function is killed', () => {
    // Same as above with 500 MB of swap: Lg's 600 MB cannot go to swap -> kill Lg (first victim), though running.
    const cfg = config('xx', { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const Hh = inv(1, 2, 4 * S, 0, mem(500));
    const Lg = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 600 });
    const outs = run(world(cfg, 1, 2, 1, 1000, 500), [arrive(Hh), arrive(Lg)]).outs;
    expect(kills(outs)).toEqual([[1 * S, 2]]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S });
  });
});

describe('swapOrder: strict vs firstFit', () => {
  // 1 core, 1000 MB RAM, 300 MB swap. X high 10 s 100 MB runs; A low 200 MB and B low 500 MB wait (800 MB
  // resident). At 1 s an antagonist leaves 650 MB: 150 MB over. The first victim is B (lowest class, latest).
  // strict: B (500 MB) does not fit in swap -> kill B. firstFit: pass over B, swap A (200 MB) -> 600 MB, no kill.
  const runOrder = (swapOrder: string) => {
    const cfg = config({ name: 'xx', swapOrder, idleList: false });
    const X = inv(1, 1, 10 * S, 0, mem(100));
    const A = inv(2, 0, 1 * S, 0, mem(200));
    const B = inv(3, 0, 1 * S, 0, mem(500));
    return run(world(cfg, 1, 1, 1, 1000, 300), [arrive(X), arrive(A), arrive(B), usableEv(1 * S, 650)]).outs;
  };
  it('strict kills the first victim that swap cannot hold', () => {
    const outs = runOrder('strict');
    expect(kills(outs)).toEqual([[1 * S, 3]]);
    expect(ofType(outs, 'swappedOut')).toEqual([]);
  });
  it('firstFit swaps the next victim that fits instead', () => {
    const outs = runOrder('firstFit');
    expect(kills(outs)).toEqual([]);
    expect(timesOf(outs, 'swappedOut')).toEqual([[1 * S, 2]]);
  });
  const runFirstFit = (swapMB: number) => {
    const cfg = config({ name: 'xx', swapOrder: 'firstFit', idleList: false });
    const X = inv(1, 1, 10 * S, 0, mem(100));
    const A = inv(2, 0, 1 * S, 0, mem(200));
    const B = inv(3, 0, 1 * S, 0, mem(500));
    return run(world(cfg, 1, 1, 1, 1000, swapMB), [arrive(X), arrive(A), arrive(B), usableEv(1 * S, 650)]).outs;
  };
  it('firstFit kills the first victim when no victim fits in swap', () => {
    // 50 MB of swap: victims B (500), A (200), X (100, high, running): none fits -> kill B -> 300 MB resident.
    const outs = runFirstFit(50);
    expect(kills(outs)).toEqual([[1 * S, 3]]);
    expect(ofType(outs, 'swappedOut')).toEqual([]);
    expect(ofType(outs, 'preempted')).toEqual([]);
  });
  it('firstFit passes over a victim only to another of its class: never to the running higher class', () => {
    // 150 MB of swap: the victims are B (500), A (200), then the running high X (100). Neither low victim fits;
    // firstFit would not take X (a higher class while lower-class memory can be killed, paper 4.3): kill B (the
    // first victim): 200 + 100 = 300 MB resident, under the 650. X runs on, completes at 10 s; A runs 10..11 s.
    // (An earlier firstFit took X, the first victim of any class that fit, then killed B anyway and swapped X back.)
    const outs = runFirstFit(150);
    expect(trace(outs, ['preempted', 'swappingOut', 'killed', 'swappedIn', 'started'])).toEqual([
      ['started', 0, 1],
      ['killed', 1 * S, 3],
      ['started', 10 * S, 2],
    ]);
    expect(completionTimes(outs)).toEqual({ 1: 10 * S, 2: 11 * S });
  });
});
