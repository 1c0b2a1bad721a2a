import { describe, expect, it } from 'vitest';
import { arrive, completionTimes, config, inv, ofType, run, S, THREE_CLASSES, timesOf, world } from './helpers.ts';

// The machine scheduler (paper 3.2): preemptive priority on C cores, FCFS within a class, SCHED_FIFO semantics.
// TWO_CLASSES: class 0 = low, class 1 = high. One shard, shardDecisionUs = 0, so each arrival lands on the
// machine at its arrival time (drive: arrivals at t are queued before the shard decides at t).

describe('machine scheduler: preemptive priority', () => {
  it('a high arrival on a full 2-core machine preempts the latest low, which keeps its progress', () => {
    // Hand computation (2 cores):
    //   L1 low, 5 s, arrives 0 s -> core A, runs 0..5 s, never touched -> completes 5 s.
    //   L2 low, 4 s, arrives 1 s -> core B.
    //   H  high, 2 s, arrives 2 s -> no free core; victim = lowest class, latest arrival = L2 (done 1 s).
    //      H runs 2..4 s -> completes 4 s.
    //   L2 resumes at 4 s with 4 - 1 = 3 s left -> completes 7 s.
    // (Preempting L1 instead would give L1 = 7 s, L2 = 5 s; no preemption would give L2 = 5 s, H = 7 s.)
    const cfg = config('xx');
    const L1 = inv(1, 0, 5 * S, 0);
    const L2 = inv(2, 0, 4 * S, 1 * S);
    const H = inv(3, 1, 2 * S, 2 * S);
    const outs = run(world(cfg, 1, 2), [arrive(L1), arrive(L2), arrive(H)]).outs;
    expect(ofType(outs, 'preempted')).toEqual([{ type: 'preempted', atUs: 2 * S, invId: 2, machineId: 0, byInvId: 3 }]);
    // started: L1 at 0, L2 at 1 s, H at 2 s, L2 again at 4 s (a resumed task is started again).
    expect(timesOf(outs, 'started')).toEqual([
      [0, 1],
      [1 * S, 2],
      [2 * S, 3],
      [4 * S, 2],
    ]);
    expect(completionTimes(outs)).toEqual({ 1: 5 * S, 2: 7 * S, 3: 4 * S });
  });

  it('an equal-class arrival never preempts', () => {
    // 1 core: L1 low 2 s at 0; L2 low 1 s at 1 s waits (same class) -> L1 completes 2 s, L2 runs 2..3 s.
    const cfg = config('xx');
    const outs = run(world(cfg, 1, 1), [arrive(inv(1, 0, 2 * S, 0)), arrive(inv(2, 0, 1 * S, 1 * S))]).outs;
    expect(ofType(outs, 'preempted')).toEqual([]);
    expect(completionTimes(outs)).toEqual({ 1: 2 * S, 2: 3 * S });
  });

  it('FCFS within a class after preemption: the preempted function goes back to the head of its class', () => {
    // Hand computation (1 core):
    //   L1 low, 3 s, arrives 0 -> runs 0..1 s (done 1 s).
    //   L2 low, 1 s, arrives 0.5 s -> waits in the low queue.
    //   H high, 1 s, arrives 1 s -> preempts L1; H runs 1..2 s -> completes 2 s.
    //   L1 goes back to the head of the low queue, ahead of L2 which arrived before the preemption (SCHED_FIFO).
    //   At 2 s L1 resumes with 2 s left -> completes 4 s; L2 runs 4..5 s -> completes 5 s.
    // (If the preempted L1 went to the tail: L2 runs 2..3 s and L1 3..5 s.)
    const cfg = config('xx');
    const L1 = inv(1, 0, 3 * S, 0);
    const L2 = inv(2, 0, 1 * S, 0.5 * S);
    const H = inv(3, 1, 1 * S, 1 * S);
    const outs = run(world(cfg, 1, 1), [arrive(L1), arrive(L2), arrive(H)]).outs;
    expect(ofType(outs, 'preempted').map((o) => [o.atUs, o.invId, o.byInvId])).toEqual([[1 * S, 1, 3]]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 5 * S, 3: 2 * S });
    expect(ofType(outs, 'completed').map((o) => o.inv.id)).toEqual([3, 1, 2]);
  });

  it('FCFS within a class after preemption: the preempted function also runs before a later same-class arrival', () => {
    // 1 core: L1 low 3 s at 0 (done 1 s at 1 s); H high 1 s at 1 s preempts it; L2 low 1 s arrives 1.5 s.
    // H completes 2 s; L1 resumes (head of its class) 2..4 s; L2 4..5 s.
    const cfg = config('xx');
    const L1 = inv(1, 0, 3 * S, 0);
    const H = inv(2, 1, 1 * S, 1 * S);
    const L2 = inv(3, 0, 1 * S, 1.5 * S);
    const outs = run(world(cfg, 1, 1), [arrive(L1), arrive(H), arrive(L2)]).outs;
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 2 * S, 3: 5 * S });
    expect(ofType(outs, 'completed').map((o) => o.inv.id)).toEqual([2, 1, 3]);
  });

  it('a high arrival preempts the lowest class first (3 classes), not a higher running one', () => {
    // 3 classes, 2 cores: M mid 4 s at 0 (core A), L low 4 s at 0.5 s (core B).
    // H high 1 s at 1 s: the victim is L (lowest running class), not M. L has done 0.5 s.
    // H 1..2 s; M completes 4 s; L resumes 2 s with 3.5 s left -> completes 5.5 s.
    const cfg = config('xx', { priceClasses: THREE_CLASSES });
    const M = inv(1, 1, 4 * S, 0);
    const L = inv(2, 0, 4 * S, 0.5 * S);
    const H = inv(3, 2, 1 * S, 1 * S);
    const outs = run(world(cfg, 1, 2), [arrive(M), arrive(L), arrive(H)]).outs;
    expect(ofType(outs, 'preempted').map((o) => o.invId)).toEqual([2]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 5.5 * S, 3: 2 * S });
  });

  it('non-preemptive priority (preemptive: false) lets the running low finish first', () => {
    // 1 core: L low 2 s at 0; H high 1 s at 1 s waits -> L completes 2 s, H 3 s.
    const cfg = config({ name: 'xx', preemptive: false });
    const outs = run(world(cfg, 1, 1), [arrive(inv(1, 0, 2 * S, 0)), arrive(inv(2, 1, 1 * S, 1 * S))]).outs;
    expect(completionTimes(outs)).toEqual({ 1: 2 * S, 2: 3 * S });
  });

  // Regression (found by this suite): a fractional workUs used to livelock the machine, since a checkpoint
  // now + (workUs - done) rounded back onto `now` and the same wake repeated forever. `arrive` now rejects it.
  it('rejects a fractional workUs instead of livelocking on endless wakes at one instant', () => {
    const cfg = config('xx');
    const bad = inv(1, 0, 1_000_000.000000001, 1.2 * S);
    expect(() => run(world(cfg, 1, 1), [arrive(bad)], { maxSteps: 1000 })).toThrow(/workUs must be an integer/);
  });
});
