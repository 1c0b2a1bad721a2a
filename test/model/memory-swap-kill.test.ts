import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../model/index.ts';
import { S, THREE_CLASSES, arrive, completionTimes, config, driveRouted, inv, ofType, outputsOf, world } from './helpers.ts';

// Memory (paper 3.2): under pressure the dispatcher swaps out non-running functions, lowest class first and,
// within a class, the latest arrival; a swapped function comes back in when it is about to run; when swap
// cannot take the next victim (or the policy does not swap) it kills the resident function of the lowest
// class, latest arrival. Classes: 0 = low, 1 = mid, 2 = high.
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
const M = inv(2, 1, 1 * S, 0, { initialMemoryMB: 200, peakMemoryMB: 200 });
const L1 = inv(3, 0, 1 * S, 0, { initialMemoryMB: 200, peakMemoryMB: 200 });
const L2 = inv(4, 0, 1 * S, 0, { initialMemoryMB: 200, peakMemoryMB: 200 });

function runWith(policy: string | Record<string, unknown>, swapMB: number, extra: ModelEvent[] = [], invs = [H, M, L1, L2]) {
  const cfg = config(policy, { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
  const run = driveRouted(world(cfg, 1, 1, 1, 1000, swapMB), [...invs.map((i) => arrive(i)), ...extra]);
  const outs = outputsOf(run);
  return {
    world: run.world,
    outs,
    swappedOut: ofType(outs, 'swappedOut').map((o) => [o.atUs, o.invId]),
    swappedIn: ofType(outs, 'swappedIn').map((o) => [o.atUs, o.invId]),
    killed: ofType(outs, 'killed').map((o) => [o.atUs, o.inv.id]),
    done: completionTimes(outs),
  };
}

describe('swap order under pressure, and swap-in when about to run', () => {
  it('swaps the latest low (L2), then L1, never M; swaps each back in only when it is about to run', () => {
    // 1 s: 300 MB over. Victims: class 0 latest first: L2 (1100 MB), L1 (900 MB <= 1000). M stays resident.
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
    expect(r.world.machines[0]).toMatchObject({ residentMB: 0, swapUsedMB: 0 });
  });

  it('a memory antagonist (setUsableMemory) is pressure like any other', () => {
    // No growth here (H stays at 100 MB): resident 700 MB. At 0.5 s usable RAM drops to 500 MB: 200 over ->
    // swap L2 (500 MB). At 0.6 s it is back to 1000 MB: L2 stays in swap until it is about to run (4 s, after
    // H 0..2 s, M 2..3 s, L1 3..4 s).
    const H0 = { ...H, peakMemoryMB: 100 };
    const r = runWith('xx', 1000, [
      { type: 'setUsableMemory', atUs: 0.5 * S, machineId: 0, memoryMB: 500 },
      { type: 'setUsableMemory', atUs: 0.6 * S, machineId: 0, memoryMB: 1000 },
    ], [H0, M, L1, L2]);
    expect(r.swappedOut).toEqual([[0.5 * S, 4]]);
    expect(r.swappedIn).toEqual([[4 * S, 4]]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S, 3: 4 * S, 4: 5 * S });
  });

  it('swapping in a mid function swaps out a resident lower-class one to make room', () => {
    // Swap 2000 MB. H high 3 s 100 MB; M mid 1 s 400 MB; L low 1 s 400 MB: resident 900 MB.
    //   0.5 s: usable -> 400 MB: 500 over -> swap L (500 over -> 100 over), then M (-> 100 MB).
    //   1 s:   usable back to 1000 MB (resident 100).
    //   1.5 s: L3 low 1 s 700 MB arrives, waits resident: 800 MB.
    //   3 s:   H completes (resident 700). M is next but needs 400 > 300 free: swap out L3 (lower class,
    //          resident, not running) -> swap M in. M runs 3..4 s.
    //   4 s:   L (head of the low queue) swapped in, runs 4..5 s; 5 s: L3 swapped in, runs 5..6 s.
    const Hx = inv(1, 2, 3 * S, 0);
    const Mx = inv(2, 1, 1 * S, 0, { initialMemoryMB: 400, peakMemoryMB: 400 });
    const Lx = inv(3, 0, 1 * S, 0, { initialMemoryMB: 400, peakMemoryMB: 400 });
    const L3 = inv(4, 0, 1 * S, 1.5 * S, { initialMemoryMB: 700, peakMemoryMB: 700 });
    const r = runWith('xx', 2000, [
      { type: 'setUsableMemory', atUs: 0.5 * S, machineId: 0, memoryMB: 400 },
      { type: 'setUsableMemory', atUs: 1 * S, machineId: 0, memoryMB: 1000 },
    ], [Hx, Mx, Lx, L3]);
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
  it('kills only when swap is full: swap 200 MB takes L2, then L1 (lowest resident class) is killed', () => {
    // 1 s: 300 over. Swap L2 (200 MB; swap now full) -> 100 over. L1 does not fit in swap -> kill the resident
    // function of the lowest class, latest arrival: residents are H (high, running), M (mid), L1 (low) -> L1.
    // Then H 2 s, M 3 s, L2 swapped in at 3 s, 4 s. L1 never completes (and is never billed).
    const r = runWith('xx', 200);
    expect(r.swappedOut).toEqual([[1 * S, 4]]);
    expect(r.killed).toEqual([[1 * S, 3]]);
    expect(r.swappedIn).toEqual([[3 * S, 4]]);
    expect(r.done).toEqual({ 1: 2 * S, 2: 3 * S, 4: 4 * S });
  });

  it('with swap 400 MB (room for both lows) nothing is killed', () => {
    expect(runWith('xx', 400).killed).toEqual([]);
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

  it('within the lowest class the latest arrival is killed, even when an earlier one is running', () => {
    // 1 core, swap: false. K1 low 2 s 100 -> 900 MB at 1 s (running); K2 low 1 s 200 MB arrives at 0.5 s (waits).
    // 1 s: 900 + 200 = 1100 > 1000 -> kill K2 (latest arrival) -> 900 MB. K1 completes at 2 s.
    // (Killing the running K1 instead would leave K2 to run 1..2 s.)
    const cfg = config({ name: 'xx', swap: false }, { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const K1 = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 900 });
    const K2 = inv(2, 0, 1 * S, 0.5 * S, { initialMemoryMB: 200, peakMemoryMB: 200 });
    const outs = outputsOf(driveRouted(world(cfg, 1, 1, 1, 1000), [arrive(K1), arrive(K2)]));
    expect(ofType(outs, 'killed').map((o) => [o.atUs, o.inv.id])).toEqual([[1 * S, 2]]);
    expect(completionTimes(outs)).toEqual({ 1: 2 * S });
  });

  it('with no waiting function to swap, the running lowest-class function is swapped out and resumes later', () => {
    // 2 cores, swap 1000 MB, every function runs. Hh high 4 s 500 MB; Lg low 2 s 100 -> 600 MB at 1 s.
    // 1 s: 1100 MB > 1000, no non-running function -> Lg (lowest class, running) is preempted and swapped out
    // with 1 s done. 4 s: Hh completes, 500 MB free -> Lg (600 MB) fits, swaps in, runs its last 1 s -> 5 s.
    const cfg = config('xx', { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const Hh = inv(1, 2, 4 * S, 0, { initialMemoryMB: 500, peakMemoryMB: 500 });
    const Lg = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 600 });
    const outs = outputsOf(driveRouted(world(cfg, 1, 2, 1, 1000, 1000), [arrive(Hh), arrive(Lg)]));
    expect(ofType(outs, 'swappedOut').map((o) => [o.atUs, o.invId, o.memoryMB])).toEqual([[1 * S, 2, 600]]);
    expect(ofType(outs, 'swappedIn').map((o) => [o.atUs, o.invId])).toEqual([[4 * S, 2]]);
    expect(ofType(outs, 'killed')).toEqual([]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 5 * S });
  });

  it('with nothing left to swap and swap full, the running lowest-class function is killed', () => {
    // Same as above with 500 MB of swap: Lg's 600 MB cannot go to swap -> kill Lg (lowest class), though running.
    const cfg = config('xx', { priceClasses: THREE_CLASSES, memoryGrowthSteps: 2 });
    const Hh = inv(1, 2, 4 * S, 0, { initialMemoryMB: 500, peakMemoryMB: 500 });
    const Lg = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 600 });
    const outs = outputsOf(driveRouted(world(cfg, 1, 2, 1, 1000, 500), [arrive(Hh), arrive(Lg)]));
    expect(ofType(outs, 'killed').map((o) => [o.atUs, o.inv.id])).toEqual([[1 * S, 2]]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S });
  });
});

describe('swapOrder: strict vs firstFit', () => {
  // 1 core, 1000 MB RAM, 300 MB swap. X high 10 s 100 MB runs; A low 200 MB and B low 500 MB wait (800 MB
  // resident). At 1 s an antagonist leaves 650 MB: 150 MB over. The first victim is B (lowest class, latest).
  // strict: B (500 MB) does not fit in swap -> kill B. firstFit: pass over B, swap A (200 MB) -> 600 MB, no kill.
  const run = (swapOrder: string) => {
    const cfg = config({ name: 'xx', swapOrder, idleList: false });
    const X = inv(1, 1, 10 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 100 });
    const A = inv(2, 0, 1 * S, 0, { initialMemoryMB: 200, peakMemoryMB: 200 });
    const B = inv(3, 0, 1 * S, 0, { initialMemoryMB: 500, peakMemoryMB: 500 });
    const antagonist: ModelEvent = { type: 'setUsableMemory', atUs: 1 * S, machineId: 0, memoryMB: 650 };
    return outputsOf(driveRouted(world(cfg, 1, 1, 1, 1000, 300), [arrive(X), arrive(A), arrive(B), antagonist]));
  };
  it('strict kills the first victim that swap cannot hold', () => {
    const outs = run('strict');
    expect(ofType(outs, 'killed').map((o) => [o.atUs, o.inv.id])).toEqual([[1 * S, 3]]);
    expect(ofType(outs, 'swappedOut')).toEqual([]);
  });
  it('firstFit swaps the next victim that fits instead', () => {
    const outs = run('firstFit');
    expect(ofType(outs, 'killed')).toEqual([]);
    expect(ofType(outs, 'swappedOut').map((o) => [o.atUs, o.invId])).toEqual([[1 * S, 2]]);
  });
});
