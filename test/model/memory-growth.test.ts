import { describe, expect, it } from 'vitest';
import type { Output } from '../../model/index.ts';
import { start } from '../../model/index.ts';
import { workDoneUs } from '../../model/machine/progress.ts';
import { heldRamMB as residentMB } from '../../model/machine/state.ts';
import type { GrowthRule, MemoryGrowth } from '../../model/memory-growth.ts';
import { memoryAtMB, memoryWorkIntegralMBUs, nextGrowthUs } from '../../model/memory-growth.ts';
import {
  arrive,
  completionTimes,
  config,
  inv,
  mem,
  ofType,
  placeEv,
  run,
  S,
  stepAll,
  tmpl,
  usableEv,
  wakeEv,
  world,
} from './helpers.ts';

// Memory growth (model/memory-growth.ts): level j (j = 0..steps-1) starts once the growth clock reaches
// ceil(j * span / steps) and holds initial + floor((peak - initial) * j / (steps - 1)) MB; one step means the peak
// from the start. The clock is the work done (work, front) or the time spent in RAM (time); the span is the work,
// or its first memoryGrowthFrontFraction (front). On a machine each level start is a checkpoint.

const rule = (steps: number, memoryGrowth: MemoryGrowth = 'work', frontFraction = 0.25): GrowthRule => ({
  memoryGrowth,
  memoryGrowthSteps: steps,
  memoryGrowthFrontFraction: frontFraction,
});

describe('memory levels', () => {
  it('4 steps from 100 to 400 MB over 4 s: 100, 200, 300, 400 MB, entered at 0, 1, 2, 3 s of work', () => {
    const t = tmpl(1, 0, 4 * S, { initialMemoryMB: 100, peakMemoryMB: 400 });
    expect([0, 0.999999 * S, 1 * S, 2 * S, 3 * S, 4 * S].map((d) => memoryAtMB(t, d, rule(4)))).toEqual([
      100, 100, 200, 300, 400, 400,
    ]);
    // The next level start after a given clock reading: strictly after it.
    expect([0, 0.5 * S, 1 * S, 2.5 * S, 3 * S].map((d) => nextGrowthUs(t, d, rule(4)))).toEqual([
      1 * S,
      1 * S,
      2 * S,
      3 * S,
      Infinity,
    ]);
  });

  it('levels round down to whole MB: 100 -> 200 MB in 4 steps is 100, 133, 166, 200; one step is the peak', () => {
    // 100 + floor(100 * j / 3) for j = 0..3.
    const t = tmpl(1, 0, 3 * S, { initialMemoryMB: 100, peakMemoryMB: 200 });
    expect([0, 0.75 * S, 1.5 * S, 2.25 * S].map((d) => memoryAtMB(t, d, rule(4)))).toEqual([100, 133, 166, 200]);
    expect(memoryAtMB(t, 0, rule(1))).toBe(200);
    expect(nextGrowthUs(t, 0, rule(1))).toBe(Infinity);
  });

  it('front: 4 s of work, peak after its first quarter: levels at 0, 0.25, 0.5, 0.75 s of work', () => {
    const t = tmpl(1, 0, 4 * S, { initialMemoryMB: 100, peakMemoryMB: 400 });
    const front = rule(4, 'front', 0.25);
    expect([0, 0.25 * S, 0.5 * S, 0.75 * S, 3 * S].map((d) => memoryAtMB(t, d, front))).toEqual([
      100, 200, 300, 400, 400,
    ]);
    // Billed over work at the footprint it holds: 0.25 s each at 100, 200, 300 MB, then 3.25 s at 400 MB.
    expect(memoryWorkIntegralMBUs(t, front)).toBe((100 + 200 + 300) * 0.25 * S + 400 * 3.25 * S);
    // The same levels when the fraction is 1: front is then work.
    expect(memoryWorkIntegralMBUs(t, rule(4, 'front', 1))).toBe(memoryWorkIntegralMBUs(t, rule(4)));
  });
});

describe('memory growth on a machine', () => {
  // 1 machine, 1 core, 16384 MB; W low 2 s, 100 -> 1100 MB in 2 steps: 100 MB for the first 1 s of work,
  // 1100 MB after. Placed at 0; the machine asks for a wake at 1 s (the level start) and one at 2 s.
  const cfg = config('xx', { memoryGrowthSteps: 2 });
  const W = inv(1, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 1100 });
  const placed = () => stepAll(start(world(cfg, 1, 1, 1, 16384)).world, [arrive(W), placeEv(0)]);

  it('the machine wakes at the level start', () => {
    const p = placed();
    expect(ofType(p.out, 'needWake').map((o) => o.atUs)).toEqual([1 * S]);
    expect(p.world.machines[0].tasks[0].memoryMB).toBe(100);
    const w = stepAll(p.world, [wakeEv(1 * S)]);
    expect(ofType(w.out, 'needWake').map((o) => o.atUs)).toEqual([2 * S]);
  });

  // Regression: at the 1 s wake progress is exactly at the level start, and the next checkpoint computed from
  // that progress is the following one; the footprint must still step (it once stayed at 100 MB for good, so
  // memory never grew under priority scheduling). The footprint now follows the work done (checkpoints.ts).
  it('at the level start the task steps to 1100 MB', () => {
    const w = stepAll(placed().world, [wakeEv(1 * S)]).world;
    const m = w.machines[0];
    expect(workDoneUs(m, m.tasks[0])).toBe(1 * S);
    expect(m.tasks[0].memoryMB).toBe(1100);
    expect(residentMB(w.machines[0])).toBe(1100);
  });
});

describe('memory growth with time in RAM (memoryGrowth: time)', () => {
  // 1 machine, 1 core, 1000 MB RAM, 2000 MB swap, XX. H (high, 4 s, 500 MB) runs from 0 to 4 s. L (low, 2 s,
  // 100 -> 900 MB in 2 steps) arrives at 0 and waits in RAM.
  // time: L steps up to 900 MB at 1 s of age although it has done no work; 500 + 900 > 1000, so L (the lowest
  // class) is swapped out at 1 s with 900 MB; it comes back when H completes at 4 s, and completes at 6 s.
  // work: L holds 100 MB until it has run 1 s (at 5 s), then 900 MB beside nothing: no swap at all.
  const H = inv(1, 1, 4 * S, 0, mem(500));
  const L = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 900 });
  const runWith = (memoryGrowth: MemoryGrowth) => {
    const cfg = config('xx', { memoryGrowthSteps: 2, memoryGrowth });
    return run(start(world(cfg, 1, 1, 1, 1000, 2000)).world, [arrive(H), arrive(L)]).outs;
  };
  const swaps = (outs: Output[]) =>
    outs
      .filter((o) => o.type === 'swappedOut' || o.type === 'swappedIn')
      .map((o) => (o.type === 'swappedOut' || o.type === 'swappedIn' ? [o.type, o.atUs, o.memoryMB] : []));

  it('a waiting task grows with its age in RAM', () => {
    const outs = runWith('time');
    expect(swaps(outs)).toEqual([
      ['swappedOut', 1 * S, 900],
      ['swappedIn', 4 * S, 900],
    ]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 6 * S });
  });

  it('under work it does not', () => {
    const outs = runWith('work');
    expect(swaps(outs)).toEqual([]);
    expect(completionTimes(outs)).toEqual({ 1: 4 * S, 2: 6 * S });
  });

  it('age stops in swap', () => {
    // The same machine; H (high, 4 s, 100 MB) runs; G (low, 2 s, 100 -> 300 MB in 2 steps) waits. An antagonist
    // leaves 150 MB usable at 0.5 s: G is swapped out at 100 MB, aged 0.5 s. RAM comes back at 2.5 s, but G is
    // swapped in only to run (swapIn: onRun), at 4 s. Its age reaches 1 s at 4.5 s (not at 1 s: it does not age
    // in swap), when it steps up to 300 MB; an antagonist at 4.4 s left 250 MB usable, so G, alone, is its own
    // victim and is swapped out at 4.5 s with 300 MB.
    const cfg = config('xx', { memoryGrowthSteps: 2, memoryGrowth: 'time' });
    const G = inv(2, 0, 2 * S, 0, { initialMemoryMB: 100, peakMemoryMB: 300 });
    const evs = [arrive(inv(1, 1, 4 * S, 0, mem(100))), arrive(G)];
    const antagonists = [usableEv(0.5 * S, 150), usableEv(2.5 * S, 1000), usableEv(4.4 * S, 250)];
    const outs = run(start(world(cfg, 1, 1, 1, 1000, 2000)).world, [...evs, ...antagonists]).outs;
    expect(swaps(outs)).toEqual([
      ['swappedOut', 0.5 * S, 100],
      ['swappedIn', 4 * S, 100],
      ['swappedOut', 4.5 * S, 300],
    ]);
  });
});
