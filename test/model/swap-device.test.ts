import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../model/index.ts';
import { initialWorld } from '../../model/index.ts';
import { arrive, completionTimes, config, inv, mem, run, S, THREE_CLASSES, trace } from './helpers.ts';

// The swap device, swap-in timing, the top class under pressure and swap reclaim (model README "Pressure", "The
// swap device", "When swapped work comes back"), worked by hand on one machine with one core.

function machine(cfg: ModelConfig, memoryMB: number, swapMB: number, swapMBPerS?: number) {
  const bandwidth = swapMBPerS === undefined ? {} : { swapMBPerS };
  return initialWorld(cfg, { shards: 1, machines: [{ cores: 1, memoryMB, swapMB, ...bandwidth }] });
}

const SWAPS = ['started', 'preempted', 'swappedOut', 'swappedIn', 'killed'] as const;

// Each run is a function called inside the tests (not at collection), so Stryker's per-test coverage sees it.

describe('a swap-in of 3,000 MB at 1,000 MB/s delays its task by 3 s', () => {
  // 4,000 MB of RAM. Low L (3,000 MB, 10 s) runs from 0; high H (3,000 MB, 5 s) arrives at 1 s: L is preempted
  // and swapped out (its pages leave 1 -> 4 s; H runs meanwhile, the RAM it needs is committed to it). H is done
  // at 6 s; L comes back when it is to run: 6 -> 9 s, then its 9 s of work left: done at 18 s. With unlimited
  // bandwidth L resumes at 6 s and is done at 15 s: the swap-in costs exactly 3 s.
  const arrivals = [arrive(inv(1, 0, 10 * S, 0, mem(3000))), arrive(inv(2, 1, 5 * S, S, mem(3000)))];
  const slow = () => run(machine(config('xx'), 4000, 100_000, 1000), arrivals);
  const free = () => run(machine(config('xx'), 4000, 100_000), arrivals);

  it('moves the pages out over 3 s and back in over 3 s', () => {
    expect(trace(slow().outs, SWAPS)).toEqual([
      ['started', 0, 1],
      ['preempted', S, 1],
      ['started', S, 2],
      ['swappedOut', 4 * S, 1],
      ['swappedIn', 9 * S, 1],
      ['started', 9 * S, 1],
    ]);
  });

  it('completes L 3 s later than with free swap, and H on time', () => {
    expect(completionTimes(slow().outs)).toEqual({ 1: 18 * S, 2: 6 * S });
    expect(completionTimes(free().outs)).toEqual({ 1: 15 * S, 2: 6 * S });
  });
});

describe('eager swap-in brings work back as soon as it fits, before a core is free', () => {
  // L (2,000 MB, 10 s) runs from 0; H1 (3,000 MB, 5 s) at 1 s swaps it out (1 -> 3 s at 1,000 MB/s); H2 (500 MB,
  // 5 s) at 2 s waits for H1. At 6 s H1 is done and H2 starts. onRun: L comes back only at 11 s, when it is to
  // run (in by 13 s, done 22 s). eager: L fits at 6 s (500 + 2,000 <= 4,000 MB), is in by 8 s and starts the
  // moment H2 is done: 11 s, done 20 s.
  const arrivals = [
    arrive(inv(1, 0, 10 * S, 0, mem(2000))),
    arrive(inv(2, 1, 5 * S, S, mem(3000))),
    arrive(inv(3, 1, 5 * S, 2 * S, mem(500))),
  ];
  const onRun = () => run(machine(config('xx'), 4000, 100_000, 1000), arrivals);
  const eager = () => run(machine(config({ name: 'xx', swapIn: 'eager' }), 4000, 100_000, 1000), arrivals);

  it('onRun: swapped in when it is to run', () => {
    expect(trace(onRun().outs, ['swappedIn'])).toEqual([['swappedIn', 13 * S, 1]]);
    expect(completionTimes(onRun().outs)).toEqual({ 1: 22 * S, 2: 6 * S, 3: 11 * S });
  });

  it('eager: swapped in while H2 runs, and 2 s sooner done', () => {
    expect(trace(eager().outs, ['swappedIn'])).toEqual([['swappedIn', 8 * S, 1]]);
    expect(completionTimes(eager().outs)).toEqual({ 1: 20 * S, 2: 6 * S, 3: 11 * S });
  });
});

describe('a machine holding only top-class work under pressure', () => {
  // 1,000 MB of RAM; two high functions of 600 MB. The rule (memory-manager.ts): the same victim order, last
  // resort, and the swap is announced (counted by class in results): the later one waits in swap until the first
  // is done.
  const arrivals = [arrive(inv(1, 1, 5 * S, 0, mem(600))), arrive(inv(2, 1, 5 * S, S, mem(600)))];
  const run1 = () => run(machine(config('xx'), 1000, 100_000), arrivals);

  it('swaps out the later top-class function, and brings it back when the core frees', () => {
    const r = run1();
    expect(trace(r.outs, SWAPS)).toEqual([
      ['started', 0, 1],
      ['swappedOut', S, 2],
      ['swappedIn', 5 * S, 2],
      ['started', 5 * S, 2],
    ]);
    const swapped = r.outs.find((o) => o.type === 'swappedOut');
    expect(swapped?.type === 'swappedOut' && swapped.cls).toBe(1);
  });
});

describe('reclaimSwap: swap is kept for the higher classes', () => {
  // Three classes; 1,000 MB of RAM and 1,000 MB of swap; every function needs 800 MB. Low L (10 s) runs at 0; mid
  // M (10 s) at 1 s swaps L out (swap 800 / 1,000 MB) and runs; high H (5 s) at 2 s needs M's memory, but swap has
  // 200 MB free. reclaimSwap: L (lower than M, in swap) is killed so M can be swapped; M is back at 7 s. Without
  // it, M is killed, and L (in swap all along) runs after H.
  const three = (p: string | Record<string, unknown>) => config(p, { priceClasses: THREE_CLASSES });
  const arrivals = [
    arrive(inv(1, 0, 10 * S, 0, mem(800))),
    arrive(inv(2, 1, 10 * S, S, mem(800))),
    arrive(inv(3, 2, 5 * S, 2 * S, mem(800))),
  ];

  it('kills the low function in swap, not the mid one', () => {
    const r = run(machine(three('xx'), 1000, 1000), arrivals);
    expect(trace(r.outs, ['killed', 'swappedOut'])).toEqual([
      ['swappedOut', S, 1],
      ['killed', 2 * S, 1],
      ['swappedOut', 2 * S, 2],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 2: 16 * S, 3: 7 * S });
  });

  it('without reclaimSwap the mid function is killed instead', () => {
    const r = run(machine(three({ name: 'xx', reclaimSwap: false }), 1000, 1000), arrivals);
    expect(trace(r.outs, ['killed'])).toEqual([['killed', 2 * S, 2]]);
    expect(completionTimes(r.outs)).toEqual({ 1: 16 * S, 3: 7 * S });
  });
});
