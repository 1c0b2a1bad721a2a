import { describe, expect, it } from 'vitest';
import type { ModelEvent, StepResult } from '../../model/index.ts';
import { isCurrent, start, step, tieKey } from '../../model/index.ts';
import { arrive, config, inv, joinEv, ofType, placeEv, S, usableEv, world } from './helpers.ts';

// The deliver path stepped by hand (model/router.ts, model/timers.ts): a message on a delayed link joins the
// world's in-flight list with the next sequence number and a `needDeliver` output; a `deliver` event for exactly
// that (seq, time) brings it, from its sender, and only that message leaves the list. `drive` reads the in-flight
// list off the world, so it never looks at `needDeliver`: these check it directly.

const MS = 1000;
const deliverEv = (atUs: number, seq: number): ModelEvent => ({ type: 'deliver', atUs, seq });

describe('deliver: one message at a time, from its sender', () => {
  // Idle list off, shard <-> machine 10 ms. The place event samples machines 0 and 1: two load queries leave at 0
  // (seq 0 to machine 0, seq 1 to machine 1), on two different links, both due at 10 ms.
  const c = config({ name: 'xx', idleList: false }, { shardMachineDelayUs: 10 * MS });
  const polled = (): StepResult =>
    step(step(start(world(c, 2, 1)).world, arrive(inv(1, 0, S, 0))).world, placeEv(0, [0, 1]));

  it('each delayed message asks for its delivery: needDeliver with its time and sequence number', () => {
    const p = polled();
    expect(ofType(p.outputs, 'needDeliver')).toEqual([
      { type: 'needDeliver', atUs: 10 * MS, seq: 0 },
      { type: 'needDeliver', atUs: 10 * MS, seq: 1 },
    ]);
    expect(p.world.inFlight.map((f) => [f.seq, f.atUs, f.message.to])).toEqual([
      [0, 10 * MS, { kind: 'machine', id: 0 }],
      [1, 10 * MS, { kind: 'machine', id: 1 }],
    ]);
  });

  it('delivering seq 0 removes only seq 0; its reply is seq 2; the microstep names the shard as sender', () => {
    const d = step(polled().world, deliverEv(10 * MS, 0));
    expect(d.world.inFlight.map((f) => [f.seq, f.atUs])).toEqual([
      [1, 10 * MS],
      [2, 20 * MS],
    ]);
    expect(d.microsteps[0].from).toEqual({ kind: 'shard', id: 0 });
    expect(d.microsteps[0].to).toEqual({ kind: 'machine', id: 0 });
    expect(ofType(d.outputs, 'needDeliver')).toEqual([{ type: 'needDeliver', atUs: 20 * MS, seq: 2 }]);
  });

  it('an arrival while the poll is out asks for no second decision (the shard is still deciding)', () => {
    const a = step(polled().world, arrive(inv(2, 0, S, 5 * MS)));
    expect(ofType(a.outputs, 'needPlace')).toEqual([]);
    expect(a.world.shards[0].placeAtUs).toBe(Infinity);
  });

  it('a deliver for another time or an unknown sequence number is no timer the model set', () => {
    const w = polled().world;
    expect(isCurrent(w, deliverEv(10 * MS, 1))).toBe(true);
    expect(() => step(w, deliverEv(11 * MS, 0))).toThrow(/no such timer/);
    expect(() => step(w, deliverEv(10 * MS, 7))).toThrow(/no such timer/);
    expect(isCurrent(w, deliverEv(11 * MS, 0))).toBe(false);
    expect(isCurrent(w, deliverEv(10 * MS, 7))).toBe(false);
  });
});

describe('isCurrent for an id that names no component', () => {
  // step asks isCurrent before it checks ids: a timer event for a shard or dispatcher that does not exist is not
  // current (false), it does not crash.
  it('a place for shard 5 and a join for machine 5 are not current; step says so', () => {
    const w = start(world(config('xx'), 1, 4, 1, 16384)).world;
    expect(isCurrent(w, placeEv(0, [0], 5))).toBe(false);
    expect(isCurrent(w, joinEv(5, [0]))).toBe(false);
    expect(() => step(w, placeEv(0, [0], 5))).toThrow(/no such timer/);
    expect(() => step(w, joinEv(5, [0]))).toThrow(/no such timer/);
  });
});

describe('tieKey: the id that orders events of one kind at one time', () => {
  it('machine id for setUsableMemory and idleJoin, shard id for place, sequence number for deliver', () => {
    expect(tieKey(usableEv(0, 100, 3))).toBe(3);
    expect(tieKey(joinEv(4, [0]))).toBe(4);
    expect(tieKey(placeEv(0, [0], 2))).toBe(2);
    expect(tieKey(deliverEv(0, 6))).toBe(6);
  });
});
