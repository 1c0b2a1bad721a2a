import { describe, expect, it } from 'vitest';
import { initialWorld } from '../../model/index.ts';
import { arrive, completionTimes, config, inv, mem, ofType, run, S, trace, usableEv } from './helpers.ts';

// Pressure with nothing in RAM (model/machine/memory-manager.ts, callOffSwapIn): when usable RAM drops while the
// only committed memory is a swap-in on its way, the swap-in is called off: the memory stays in swap, the swap
// device is free again, and the task waits there until memory allows it back.

const SWAPS = ['started', 'swappedOut', 'swappingIn', 'swapInCalledOff', 'swappedIn', 'completed'] as const;
/** One core, 4,000 MB of RAM, swap at 1,000 MB/s (as in swap-device.test.ts). */
const MACHINE = { cores: 1, memoryMB: 4000, swapMB: 100_000, swapMBPerS: 1000 };
/** Two low tasks of 1,500 MB and 10 s at 0, a high one of 3,000 MB and 5 s at 1 s. */
const TWO_LOWS_AND_HIGH = [
  arrive(inv(1, 0, 10 * S, 0, mem(1500))),
  arrive(inv(2, 0, 10 * S, 0, mem(1500))),
  arrive(inv(3, 1, 5 * S, S, mem(3000))),
];

/** The machine just after the antagonist's step at `atUs`. */
function machineAfterAntagonist(r: ReturnType<typeof run>, atUs: number) {
  const step = r.steps.find((s) => s.event.type === 'setUsableMemory' && s.event.atUs === atUs);
  if (step === undefined) throw new Error(`no antagonist step at ${atUs} us`);
  return step.world.machines[0];
}

describe('a memory antagonist during a swap-in calls the swap-in off', () => {
  // Low L (3,000 MB, 10 s) runs from 0;
  // high H (3,000 MB, 5 s) at 1 s: L is swapped out 1 -> 4 s; H is done at 6 s and L's swap-in starts (6 -> 9 s).
  // At 7 s an antagonist leaves 1,000 MB usable: L's 3,000 MB on their way in are over it and nothing is resident,
  // so the swap-in is called off at 7 s (not finished at 9 s). At 20 s the RAM is back: L comes in 20 -> 23 s and
  // does its 9 s of work left: done at 32 s.
  const arrivals = [
    arrive(inv(1, 0, 10 * S, 0, mem(3000))),
    arrive(inv(2, 1, 5 * S, S, mem(3000))),
    usableEv(7 * S, 1000),
    usableEv(20 * S, 4000),
  ];
  const go = () => run(initialWorld(config('xx'), { shards: 1, machines: [MACHINE] }), arrivals);

  it('outputs swapInCalledOff for L at 7 s, with its class and memory', () => {
    const off = { type: 'swapInCalledOff', atUs: 7 * S, invId: 1, machineId: 0, cls: 0, memoryMB: 3000 };
    expect(ofType(go().outs, 'swapInCalledOff')).toEqual([off]);
  });

  it('leaves L in swap with the swap device free, until the memory is back', () => {
    const r = go();
    const m = machineAfterAntagonist(r, 7 * S);
    expect(m.transfer).toBeNull();
    expect(m.tasks.map((t) => [t.inv.id, t.residency, t.running])).toEqual([[1, 'swap', false]]);
    expect(trace(r.outs, SWAPS)).toEqual([
      ['started', 0, 1],
      ['started', S, 2],
      ['swappedOut', 4 * S, 1],
      ['completed', 6 * S, 2],
      ['swappingIn', 6 * S, 1],
      ['swapInCalledOff', 7 * S, 1],
      ['swappingIn', 20 * S, 1],
      ['swappedIn', 23 * S, 1],
      ['started', 23 * S, 1],
      ['completed', 32 * S, 1],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 1: 32 * S, 2: 6 * S });
  });
});

describe('only the swap-in on its way is called off, not a task waiting in swap', () => {
  // As above with two low tasks of 1,500 MB: L1 runs from 0, L2 waits. H (3,000 MB) at 1 s makes room: L2 (not
  // running: first in victim order) goes out 1 -> 2.5 s, then L1 2.5 -> 4 s. At 6 s L1 (the next to run) starts
  // coming in (6 -> 7.5 s); L2 stays in swap. The antagonist at 7 s calls off L1's swap-in only; L2, though it ranks
  // below L1, is already in swap and is left as it is. At 20 s: L1 in 20 -> 21.5 s, 9 s left: done 30.5 s; then L2
  // in 30.5 -> 32 s, done 42 s.
  const arrivals = [...TWO_LOWS_AND_HIGH, usableEv(7 * S, 1000), usableEv(20 * S, 4000)];
  const go = () => run(initialWorld(config('xx'), { shards: 1, machines: [MACHINE] }), arrivals);

  it('calls off L1 at 7 s; both tasks are then in swap, each once', () => {
    const r = go();
    expect(trace(r.outs, ['swapInCalledOff'])).toEqual([['swapInCalledOff', 7 * S, 1]]);
    const m = machineAfterAntagonist(r, 7 * S);
    expect(m.transfer).toBeNull();
    expect(m.tasks.map((t) => [t.inv.id, t.residency, t.running])).toEqual([
      [1, 'swap', false],
      [2, 'swap', false],
    ]);
    expect(completionTimes(r.outs)).toEqual({ 1: 30.5 * S, 2: 42 * S, 3: 6 * S });
  });
});

describe('eager swap-in: the queued swap-in is called off, the one moving keeps the device', () => {
  // Eager swap-in, same tasks as above, antagonist at 7 s to 1,600 MB (room for one). At 6 s both L1 and L2 fit:
  // both are asked in, L1 moves first (6 -> 7.5 s), L2 waits for the device. At 7 s 3,000 MB are on their way in:
  // L2, last in victim order, is called off; L1's transfer goes on and ends at 7.5 s (not later: it is not started
  // again). L1 runs 7.5 -> 16.5 s; L2 then fits: in 16.5 -> 18 s, done 28 s.
  const arrivals = [...TWO_LOWS_AND_HIGH, usableEv(7 * S, 1600)];
  const go = () =>
    run(initialWorld(config({ name: 'xx', swapIn: 'eager' }), { shards: 1, machines: [MACHINE] }), arrivals);

  it('calls off L2 at 7 s and L1 is in at 7.5 s', () => {
    const r = go();
    expect(trace(r.outs, SWAPS)).toEqual([
      ['started', 0, 1],
      ['started', S, 3],
      ['swappedOut', 2.5 * S, 2],
      ['swappedOut', 4 * S, 1],
      ['completed', 6 * S, 3],
      ['swappingIn', 6 * S, 1],
      ['swappingIn', 6 * S, 2],
      ['swapInCalledOff', 7 * S, 2],
      ['swappedIn', 7.5 * S, 1],
      ['started', 7.5 * S, 1],
      ['completed', 16.5 * S, 1],
      ['swappingIn', 16.5 * S, 2],
      ['swappedIn', 18 * S, 2],
      ['started', 18 * S, 2],
      ['completed', 28 * S, 2],
    ]);
  });
});
