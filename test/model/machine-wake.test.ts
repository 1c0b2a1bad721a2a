import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../model/index.ts';
import { start, step } from '../../model/index.ts';
import { arrive, config, inv, ofType, placeEv, S, usableEv, wakeEv, world } from './helpers.ts';

// The machine's wake timer (model/machine/handler.ts, change): after every change the machine asks for a wake
// (needWake) only when its next wake time moved to a finite time, and any change that lands at or after the wake
// time first does what is due (a task finishing then completes), even before the wake event itself is stepped.
// One 1-core machine, idle list off; inv 1 (low, 1 s, 100 MB) is placed and starts at 0: wake at 1 s.

function running(cfg: ModelConfig) {
  const a = step(start(world(cfg, 1, 1, 1, 1000)).world, arrive(inv(1, 0, S, 0)));
  const p = step(a.world, placeEv(0, [0]));
  expect(ofType(p.outputs, 'needWake')).toEqual([{ type: 'needWake', atUs: S, machineId: 0 }]);
  return p.world;
}

describe('machine wake timer', () => {
  const cfg = config({ name: 'xx', idleList: false });

  it('a change that leaves the wake time where it was asks for no new wake', () => {
    // An antagonist at 0.5 s that leaves all 1,000 MB usable changes nothing: still done at 1 s.
    const r = step(running(cfg), usableEv(S / 2, 1000));
    expect(r.outputs).toEqual([]);
    expect(r.world.machines[0].wakeAtUs).toBe(S);
  });

  it('a change at exactly the wake time completes the task first; the wake is then spent', () => {
    const r = step(running(cfg), usableEv(S, 1000));
    expect(ofType(r.outputs, 'completed').map((o) => [o.atUs, o.inv.id])).toEqual([[S, 1]]);
    expect(ofType(r.outputs, 'needWake')).toEqual([]);
    expect(r.world.machines[0].wakeAtUs).toBe(Infinity);
    expect(() => step(r.world, wakeEv(S))).toThrow(/no such timer/);
  });

  it('a kill that leaves nothing running clears the wake and asks for none', () => {
    // No swap: 50 MB usable at 0.5 s is below inv 1's 100 MB: it is killed, and nothing is left to wake for.
    const r = step(running(config({ name: 'xx', idleList: false, swap: false })), usableEv(S / 2, 50));
    expect(ofType(r.outputs, 'killed').map((o) => [o.atUs, o.inv.id])).toEqual([[S / 2, 1]]);
    expect(ofType(r.outputs, 'needWake')).toEqual([]);
    expect(r.world.machines[0].wakeAtUs).toBe(Infinity);
  });
});
