import { describe, expect, it } from 'vitest';
import type { ModelEvent, Output, PriceClass } from '../../model/index.ts';
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
  TWO_CLASSES,
  trace,
  usableEv,
  world,
} from './helpers.ts';

// No priority inversion through memory (model/machine/memory-manager.ts roomFor, scheduler.ts settle): a swapped
// task of class c may take memory from resident tasks of strictly lower class that rank below it, running ones
// included (preempted, then swapped out), in victim order (lowest class first, waiting before running, latest
// first); if even that cannot make room it is not runnable and is passed over (the next runnable task takes the
// core), and it takes nothing from anyone.
// Every test: XX, memoryGrowthSteps 1 (peak from the start), 1 machine with 10,000 MB of RAM and 100,000 MB of
// swap (never full), 1 shard. The machine starts idle (10,000 >= 8192 MB free) and joins the idle list at 0; it
// leaves after the first placement, so later placements poll it. Placement order does not change the times.

const MEMORY_EVENTS = ['preempted', 'swappedOut', 'swappedIn', 'completed'] as const;

function runXX(classes: readonly PriceClass[], cores: number, events: ModelEvent[]): Output[] {
  const cfg = config('xx', { priceClasses: classes });
  return run(world(cfg, 1, cores, 1, 10_000, 100_000), events).outs;
}

/** [type, atUs, invId, byInvId] of preemptions and swap-outs: who took the core or the memory (-1: pressure). */
function takenBy(outs: readonly Output[]): [string, number, number, number][] {
  return outs.flatMap((o): [string, number, number, number][] =>
    o.type === 'preempted' || o.type === 'swappingOut' ? [[o.type, o.atUs, o.invId, o.byInvId]] : [],
  );
}

describe('two classes: the issue reproduction', () => {
  // 2 cores; classes low 0.5, high 2. H1, H2 high 10 s at 0 with 5,000 and 6,000 MB; L low 20 s 5,000 MB at 1 s.
  //   0 s:  H1 placed, starts (5,000 MB). H2 placed: 11,000 > 10,000 MB. Victim order: H2 (waiting) before H1
  //         (running) -> H2 swapped out (pressure). H2 needs 6,000 - 5,000 = 1,000 MB more and nothing below
  //         class 1 is resident: not runnable; the second core stays free.
  //   1 s:  L placed (10,000 MB resident): runs on the free core. H2 would need 6,000 - 0 = 6,000 MB; below it
  //         only L (5,000): not enough -> not runnable, L is not touched.
  //   10 s: H1 completes (5,000 MB free). H2 needs 1,000 more; L (low, running, ranks below H2) has 5,000:
  //         L is preempted and swapped out (byInvId 2), H2 swapped in and started. L has done 9 s.
  //   20 s: H2 completes; L swapped in, resumes with 11 s left -> 31 s.
  // Old model (only waiting lower-class tasks could be swapped for H2): H2 waited for L to complete at 21 s and
  // completed at 31 s.
  const H1 = inv(1, 1, 10 * S, 0, mem(5000));
  const H2 = inv(2, 1, 10 * S, 0, mem(6000));
  const L = inv(3, 0, 20 * S, 1 * S, mem(5000));
  const outs = () => runXX(TWO_CLASSES, 2, [arrive(H1), arrive(H2), arrive(L)]);

  it('the second high task takes the running low task memory at 10 s and completes at 20 s; L at 31 s', () => {
    const o = outs();
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 10 * S, 1],
      ['preempted', 10 * S, 3],
      ['swappedOut', 10 * S, 3],
      ['swappedIn', 10 * S, 2],
      ['completed', 20 * S, 2],
      ['swappedIn', 20 * S, 3],
      ['completed', 31 * S, 3],
    ]);
    expect(trace(o, ['started'])).toEqual([
      ['started', 0, 1],
      ['started', 1 * S, 3],
      ['started', 10 * S, 2],
      ['started', 20 * S, 3],
    ]);
    expect(ofType(o, 'preempted').map((p) => p.byInvId)).toEqual([2]);
    expect(kills(o)).toEqual([]);
  });

  it('preemptions and swap-outs name who needed the memory: -1 for pressure at 0 s, H2 for L at 10 s', () => {
    expect(takenBy(outs())).toEqual([
      ['swappingOut', 0, 2, -1],
      ['preempted', 10 * S, 3, 2],
      ['swappingOut', 10 * S, 3, 2],
    ]);
  });
});

describe('room is made within the swap rules', () => {
  it("the swapped task's own swap space counts as free: 6,000 MB of swap, full with H2, still takes L", () => {
    // The reproduction with swap = 6,000 MB: at 0 s H2 (6,000) fills it. At 10 s L (5,000) must go to swap as H2
    // comes out of it: free swap = 6,000 - 6,000 used + 6,000 (H2 leaving) = 6,000 >= 5,000 -> same as above.
    // (Without that credit: 0 MB free, L cannot go, H2 waits for L: H2 21..31 s.)
    const cfg = config('xx');
    const evs = [
      arrive(inv(1, 1, 10 * S, 0, mem(5000))),
      arrive(inv(2, 1, 10 * S, 0, mem(6000))),
      arrive(inv(3, 0, 20 * S, 1 * S, mem(5000))),
    ];
    const o = run(world(cfg, 1, 2, 1, 10_000, 6000), evs).outs;
    expect(completionTimes(o)).toEqual({ 1: 10 * S, 2: 20 * S, 3: 31 * S });
    expect(kills(o)).toEqual([]);
  });

  // 1 core, 10,000 MB RAM, 2,000 MB swap, two classes. H1 high 10 s 1,000 MB and H2 high 10 s 2,000 MB at 0
  // (H1 runs, H2 waits); usable 2,000 at 1 s: 1,000 over -> H2 (waiting, before the running H1) swapped out
  // (swap now full); usable 5,000 at 2 s. Lb low 30 s 1,000 MB at 3 s and La low 30 s 3,000 MB at 4 s wait
  // (5,000 resident). At 10 s H1 completes: 1,000 free; H2 needs 1,000 more. Victims below it, in order: La
  // (latest), then Lb. Free swap = 2,000 - 2,000 + 2,000 (H2 leaving) = 2,000: La (3,000) does not fit.
  const swapRule = (swapOrder: 'strict' | 'firstFit') => {
    const cfg = config({ name: 'xx', swapOrder });
    const evs = [
      arrive(inv(1, 1, 10 * S, 0, mem(1000))),
      arrive(inv(2, 1, 10 * S, 0, mem(2000))),
      arrive(inv(3, 0, 30 * S, 3 * S, mem(1000))),
      arrive(inv(4, 0, 30 * S, 4 * S, mem(3000))),
      usableEv(1 * S, 2000),
      usableEv(2 * S, 5000),
    ];
    return run(world(cfg, 1, 1, 1, 10_000, 2000), evs).outs;
  };

  it('strict: the first victim does not fit in swap, so no room: H2 is passed over and Lb runs first', () => {
    // 10 s: H2 not runnable -> Lb (resident) runs 10..40 s. 40 s: 5,000 - 3,000 (La) = 2,000 free: H2 fits,
    // swapped in, runs 40..50 s. La runs 50..80 s.
    expect(trace(swapRule('strict'), MEMORY_EVENTS)).toEqual([
      ['swappedOut', 1 * S, 2],
      ['completed', 10 * S, 1],
      ['completed', 40 * S, 3],
      ['swappedIn', 40 * S, 2],
      ['completed', 50 * S, 2],
      ['completed', 80 * S, 4],
    ]);
  });

  it('firstFit: La is passed over and Lb goes to swap for H2', () => {
    // 10 s: Lb (1,000 <= 2,000) swapped out (waiting: no preemption), H2 in, runs 10..20 s. 20 s: Lb (head of the
    // low class) swapped back in: 5,000 - 3,000 = 2,000 free; runs 20..50 s. La 50..80 s.
    expect(trace(swapRule('firstFit'), MEMORY_EVENTS)).toEqual([
      ['swappedOut', 1 * S, 2],
      ['completed', 10 * S, 1],
      ['swappedOut', 10 * S, 3],
      ['swappedIn', 10 * S, 2],
      ['completed', 20 * S, 2],
      ['swappedIn', 20 * S, 3],
      ['completed', 50 * S, 3],
      ['completed', 80 * S, 4],
    ]);
  });
});

describe('without preemption (preemptive: false) a running task keeps its memory', () => {
  it('the issue reproduction: H2 may not take the running low task memory, so it waits for L (old times)', () => {
    // As in the reproduction above, but a running task outranks every waiting one (rank.ts), so L (running)
    // does not rank below H2 and is not a candidate: the knob's "may take the core (and memory)".
    //   0 s: H2 swapped out (pressure). 1 s: L runs. 10 s: H1 completes; H2 needs 1,000 more, nothing it may
    //   take -> not runnable, a core stays idle. 21 s: L completes -> H2 swapped in, runs 21..31 s.
    const cfg = config({ name: 'xx', preemptive: false });
    const evs = [
      arrive(inv(1, 1, 10 * S, 0, mem(5000))),
      arrive(inv(2, 1, 10 * S, 0, mem(6000))),
      arrive(inv(3, 0, 20 * S, 1 * S, mem(5000))),
    ];
    const o = run(world(cfg, 1, 2, 1, 10_000, 100_000), evs).outs;
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 10 * S, 1],
      ['completed', 21 * S, 3],
      ['swappedIn', 21 * S, 2],
      ['completed', 31 * S, 2],
    ]);
  });
});

describe('three classes', () => {
  it('a swapped mid task is passed over while the low memory is too little, then takes it; never the high one', () => {
    // 2 cores. H high 30 s 3,000 MB and M mid 10 s 4,000 MB at 0 (both run: 7,000 MB).
    //   1 s:  antagonist: usable 6,000 MB -> 1,000 over. Victims: M (mid, running) then H -> M preempted
    //         (byInvId -1) and swapped out: 3,000 resident. M needs 4,000 - 3,000 = 1,000 more; nothing below
    //         class 1 is resident -> not runnable; one core free. (H's 3,000 MB would do, but H is higher.)
    //   2 s:  L low 20 s 2,000 MB arrives: 5,000 resident. M needs 4,000 - 1,000 = 3,000; below it only L
    //         (2,000) -> not runnable, passed over: L takes the free core.
    //   3 s:  antagonist: usable 8,000 (3,000 free). M needs 1,000 more; L (2,000, running, low) is below it
    //         -> runnable. Both cores busy and M is above L: L is preempted (by M), then swapped out for M,
    //         M swapped in and started. M has done 1 s: 9 s left -> 12 s.
    //   12 s: M completes: 8,000 - 3,000 = 5,000 free -> L swapped in; it has done 1 s: 19 s left -> 31 s.
    //   30 s: H completes.
    const H = inv(1, 2, 30 * S, 0, mem(3000));
    const M = inv(2, 1, 10 * S, 0, mem(4000));
    const L = inv(3, 0, 20 * S, 2 * S, mem(2000));
    const o = runXX(THREE_CLASSES, 2, [arrive(H), arrive(M), arrive(L), usableEv(1 * S, 6000), usableEv(3 * S, 8000)]);
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['preempted', 1 * S, 2],
      ['swappedOut', 1 * S, 2],
      ['preempted', 3 * S, 3],
      ['swappedOut', 3 * S, 3],
      ['swappedIn', 3 * S, 2],
      ['completed', 12 * S, 2],
      ['swappedIn', 12 * S, 3],
      ['completed', 30 * S, 1],
      ['completed', 31 * S, 3],
    ]);
    expect(ofType(o, 'preempted').map((p) => [p.invId, p.byInvId])).toEqual([
      [2, -1],
      [3, 2],
    ]);
    expect(trace(o, ['started']).filter(([, t]) => t > 0)).toEqual([
      ['started', 2 * S, 3],
      ['started', 3 * S, 2],
      ['started', 12 * S, 3],
    ]);
  });

  it('a swapped high task takes from the lowest class first, and only as much as it needs', () => {
    // 3 cores. H1 high 10 s 6,000 MB and H2 high 10 s 7,000 MB at 0: 13,000 > 10,000 -> H2 (waiting) swapped
    // out; not runnable (needs 1,000 more, nothing below). M mid 30 s 2,000 at 1 s and L low 30 s 2,000 at 2 s
    // run on the free cores (10,000 resident; H2 would need 7,000 and the lower classes hold only 4,000).
    //   10 s: H1 completes: 6,000 free. H2 needs 1,000 more. Victim order below it: L (low) first: 2,000 is
    //         enough -> L preempted and swapped out; M keeps running. H2 runs 10..20 s.
    //   20 s: H2 completes; L swapped in; it has done 8 s: 22 s left -> 42 s. M: 1..31 s, never touched.
    const evs = [
      arrive(inv(1, 2, 10 * S, 0, mem(6000))),
      arrive(inv(2, 2, 10 * S, 0, mem(7000))),
      arrive(inv(3, 1, 30 * S, 1 * S, mem(2000))),
      arrive(inv(4, 0, 30 * S, 2 * S, mem(2000))),
    ];
    const o = runXX(THREE_CLASSES, 3, evs);
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 10 * S, 1],
      ['preempted', 10 * S, 4],
      ['swappedOut', 10 * S, 4],
      ['swappedIn', 10 * S, 2],
      ['completed', 20 * S, 2],
      ['swappedIn', 20 * S, 4],
      ['completed', 31 * S, 3],
      ['completed', 42 * S, 4],
    ]);
  });

  it('when the lowest class is not enough, the next class up goes too, in victim order', () => {
    // As above with H2 at 9,000 MB: at 10 s H2 needs 9,000 - 6,000 = 3,000 more: L (2,000) then M (2,000).
    // Both are preempted and swapped out, L first. H2 runs 10..20 s. At 20 s both come back (rank order: M,
    // then L): M has done 9 s -> 21 s left -> 41 s; L has done 8 s -> 22 s left -> 42 s.
    const evs = [
      arrive(inv(1, 2, 10 * S, 0, mem(6000))),
      arrive(inv(2, 2, 10 * S, 0, mem(9000))),
      arrive(inv(3, 1, 30 * S, 1 * S, mem(2000))),
      arrive(inv(4, 0, 30 * S, 2 * S, mem(2000))),
    ];
    const o = runXX(THREE_CLASSES, 3, evs);
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 10 * S, 1],
      ['preempted', 10 * S, 4],
      ['preempted', 10 * S, 3],
      // Both swap-outs are asked for, then H2's swap-in; the device moves them in that order (no time here).
      ['swappedOut', 10 * S, 4],
      ['swappedOut', 10 * S, 3],
      ['swappedIn', 10 * S, 2],
      ['completed', 20 * S, 2],
      ['swappedIn', 20 * S, 3],
      ['swappedIn', 20 * S, 4],
      ['completed', 41 * S, 3],
      ['completed', 42 * S, 4],
    ]);
  });

  it('a swapped high task that all lower-class memory cannot make room for preempts no one', () => {
    // 2 cores. H1 high 30 s 5,000 MB and H2 high 10 s 6,000 MB at 0: H2 swapped out at 0 (not runnable).
    //   1 s:  M mid 10 s 1,000 MB: 6,000 resident; M runs on the free core. H2 needs 6,000 - 4,000 = 2,000;
    //         below it only M (1,000): not enough -> M is not touched.
    //   2 s:  L low 10 s 1,000 MB: 7,000 resident; cores busy (H1, M), L below M: L waits. H2 needs 3,000;
    //         below it L + M = 2,000: not enough -> nobody is preempted or swapped.
    //   11 s: M completes; H2 needs 2,000, below it L (1,000): not runnable, passed over -> L runs 11..21 s.
    //   21 s: L completes; H2 needs 1,000, nothing below: still not runnable.
    //   30 s: H1 completes: 10,000 free -> H2 swapped in, runs 30..40 s.
    // (A memory manager that swapped out a partial plan would swap M at 1 s or L and M at 2 s for nothing;
    // a scheduler that preempted for the best waiting task without checking it can run would preempt M or L.)
    const evs = [
      arrive(inv(1, 2, 30 * S, 0, mem(5000))),
      arrive(inv(2, 2, 10 * S, 0, mem(6000))),
      arrive(inv(3, 1, 10 * S, 1 * S, mem(1000))),
      arrive(inv(4, 0, 10 * S, 2 * S, mem(1000))),
    ];
    const o = runXX(THREE_CLASSES, 2, evs);
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 11 * S, 3],
      ['completed', 21 * S, 4],
      ['completed', 30 * S, 1],
      ['swappedIn', 30 * S, 2],
      ['completed', 40 * S, 2],
    ]);
    expect(completionTimes(o)).toEqual({ 1: 30 * S, 2: 40 * S, 3: 11 * S, 4: 21 * S });
  });
});

describe('equal classes: FIFO does not preempt within a class, through memory either', () => {
  it('a swapped task never takes memory from a later equal-class task, though that one ranks below it', () => {
    // 1 core, classes low/high, all high. A 10 s 2,000 MB and B 10 s 5,000 MB at 0: A runs, B waits (7,000).
    //   1 s:  usable 5,000: 2,000 over. Victims: B (waiting) before A (running) -> B swapped out (2,000).
    //   2 s:  usable back to 10,000. B would fit, but the core is A's (same class): B stays in swap.
    //   3 s:  C high 10 s 7,000 MB arrives: 9,000 resident; C waits.
    //   10 s: A completes: 10,000 - 7,000 = 3,000 free. B (placed before C: ranks first) needs 2,000 more.
    //         C ranks below B but is of the same class -> B may not take its memory: not runnable.
    //         C (resident) is the best runnable task: C runs 10..20 s.
    //   20 s: C completes; B swapped in, runs 20..30 s.
    // (Taking from any task that ranks below would swap C out at 10 s: B 10..20 s, C 20..30 s.)
    const cfg = config('xx');
    const evs = [
      arrive(inv(1, 1, 10 * S, 0, mem(2000))),
      arrive(inv(2, 1, 10 * S, 0, mem(5000))),
      arrive(inv(3, 1, 10 * S, 3 * S, mem(7000))),
      usableEv(1 * S, 5000),
      usableEv(2 * S, 10_000),
    ];
    const o = run(world(cfg, 1, 1, 1, 10_000, 100_000), evs).outs;
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 1 * S, 2],
      ['completed', 10 * S, 1],
      ['completed', 20 * S, 3],
      ['swappedIn', 20 * S, 2],
      ['completed', 30 * S, 2],
    ]);
  });

  it('nor from a running equal-class task (2 cores)', () => {
    // 2 cores, all high. A 10 s 6,000 MB at 0 runs. B 10 s 5,000 MB at 0: 11,000 -> B swapped out (waiting
    // before running); B needs 1,000 more and A is of its class: not runnable. C 5 s 3,000 MB at 1 s runs on
    // the free core (9,000). 6 s: C completes: 4,000 free, B needs 1,000 more, A is not a victim: B waits.
    // 10 s: A completes -> B swapped in, runs 10..20 s.
    const cfg = config('xx');
    const evs = [
      arrive(inv(1, 1, 10 * S, 0, mem(6000))),
      arrive(inv(2, 1, 10 * S, 0, mem(5000))),
      arrive(inv(3, 1, 5 * S, 1 * S, mem(3000))),
    ];
    const o = run(world(cfg, 1, 2, 1, 10_000, 100_000), evs).outs;
    expect(trace(o, MEMORY_EVENTS)).toEqual([
      ['swappedOut', 0, 2],
      ['completed', 6 * S, 3],
      ['completed', 10 * S, 1],
      ['swappedIn', 10 * S, 2],
      ['completed', 20 * S, 2],
    ]);
  });
});
