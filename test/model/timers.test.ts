import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../../model/index.ts';
import { compareEvents, EVENT_RANK, enabledEvents, isCurrent, start, step, tieKey } from '../../model/index.ts';
import {
  arrive,
  completionTimes,
  config,
  inv,
  joinEv,
  placeEv,
  run,
  S,
  stepAll,
  usableEv,
  wakeEv,
  world,
} from './helpers.ts';

// Timers (model/timers.ts): which events can happen next (enabledEvents), whether a timer event is still the one
// the model set (isCurrent), and the canonical order of events (compareEvents: time, then kind: wake <
// setUsableMemory < release < arrive < idleJoin < place, then the component or invocation id).

const release = (atUs: number): ModelEvent => ({ type: 'release', atUs });

describe('compareEvents: the canonical order', () => {
  it('at one time the kinds go wake, deliver, setUsableMemory, release, arrive, idleJoin, place', () => {
    const t = 5 * S;
    const deliverEv = { type: 'deliver' as const, atUs: t, seq: 0 };
    const shuffled = [placeEv(t), joinEv(0, [0], t), arrive(inv(1, 0, S, t)), release(t), usableEv(t, 10), deliverEv];
    expect([...shuffled, wakeEv(t)].sort(compareEvents).map((e) => e.type)).toEqual([
      'wake',
      'deliver',
      'setUsableMemory',
      'release',
      'arrive',
      'idleJoin',
      'place',
    ]);
    const ranks = { wake: 0, deliver: 1, setUsableMemory: 2, release: 3, arrive: 4, idleJoin: 5, place: 6 };
    expect(EVENT_RANK).toEqual(ranks);
  });

  it('a wake of machine 5 comes before a place of shard 0 at the same time; an earlier place before both', () => {
    // Kind before id: the wake frees its core and memory before the shard decides (rank 0 - rank 6 = -6).
    expect(compareEvents(wakeEv(S, 5), placeEv(S, [0], 0))).toBe(-6);
    expect(compareEvents(placeEv(S, [0], 0), wakeEv(S, 5))).toBe(6);
    // Time before kind: a place at 1 s - 1 us comes first.
    expect(compareEvents(placeEv(S - 1), wakeEv(S))).toBe(-1);
  });

  it('two arrivals at the same time go in invocation id order, whatever their shards or listing order', () => {
    // inv 7 at shard 0 and inv 3 at shard 1: 3 first (tieKey = invocation id, not shard id).
    const a7 = arrive(inv(7, 0, S, S), 0);
    const a3 = arrive(inv(3, 0, S, S), 1);
    expect([a7, a3].sort(compareEvents)).toEqual([a3, a7]);
    expect([tieKey(a7), tieKey(a3)]).toEqual([7, 3]);
    // Same kind, same time: machine (or shard) id order; equal keys compare equal.
    expect([wakeEv(S, 2), wakeEv(S, 0), wakeEv(S, 1)].sort(compareEvents).map((e) => tieKey(e))).toEqual([0, 1, 2]);
    expect(compareEvents(release(S), release(S))).toBe(0);
  });

  it('drive follows it: at 1 s a completion frees the core (wake) before the arrival lands and is placed', () => {
    // 1 core. A low 1 s at 0; B low 1 s arrives at 1 s, when A's wake is due. Canonical: wake, arrive, place,
    // so B starts at once on the core A freed: done at 2 s.
    const r = run(world(config('xx'), 1, 1), [arrive(inv(1, 0, S, 0)), arrive(inv(2, 0, S, S))]);
    expect(r.steps.filter((s) => s.event.atUs === S).map((s) => s.event.type)).toEqual(['wake', 'arrive', 'place']);
    expect(completionTimes(r.outs)).toEqual({ 1: S, 2: 2 * S });
  });
});

describe('enabledEvents and isCurrent', () => {
  it('reads every set timer off the world: joins after start, a place after an arrival, a wake after a start', () => {
    // 1 machine (idle: default memory), 1 shard.
    const s = start(world(config('xx'), 1, 1)).world;
    expect(enabledEvents(s)).toEqual([{ type: 'idleJoin', atUs: 0, machineId: 0 }]);
    const a = stepAll(s, [arrive(inv(1, 0, 2 * S, 0))]).world;
    expect(enabledEvents(a)).toEqual([
      { type: 'idleJoin', atUs: 0, machineId: 0 },
      { type: 'place', atUs: 0, shardId: 0 },
    ]);
    const p = stepAll(a, [joinEv(0, [0]), placeEv(0)]).world;
    expect(enabledEvents(p)).toEqual([{ type: 'wake', atUs: 2 * S, machineId: 0 }]);
  });

  it('a wake that was moved is stale: not current, and step refuses it; external events are always current', () => {
    // 1 core. A low 2 s at 0: wake at 2 s. H high 0.5 s at 1 s preempts A: the wake moves to 1.5 s.
    const w0 = start(world(config({ name: 'xx', idleList: false }), 1, 1)).world;
    const w1 = stepAll(w0, [arrive(inv(1, 0, 2 * S, 0)), placeEv(0)]).world;
    expect(w1.machines[0].wakeAtUs).toBe(2 * S);
    expect(isCurrent(w1, wakeEv(2 * S))).toBe(true);
    const w2 = stepAll(w1, [arrive(inv(2, 1, 0.5 * S, S)), placeEv(S)]).world;
    expect(w2.machines[0].wakeAtUs).toBe(1.5 * S);
    expect(isCurrent(w2, wakeEv(2 * S))).toBe(false);
    expect(isCurrent(w2, wakeEv(1.5 * S))).toBe(true);
    expect(isCurrent(w2, wakeEv(1.5 * S, 1))).toBe(false); // no machine 1
    expect(() => step(w2, wakeEv(2 * S))).toThrow(/no such timer/);
    expect(isCurrent(w2, arrive(inv(3, 0, S, 9 * S)))).toBe(true);
    expect(isCurrent(w2, usableEv(9 * S, 10))).toBe(true);
    // A place, release or join that was never set is not current either.
    expect([placeEv(1.5 * S), release(1.5 * S), joinEv(0, [0], 1.5 * S)].map((e) => isCurrent(w2, e))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('a timer fires once: after its event, the same event is stale', () => {
    const w = stepAll(start(world(config('xx'), 1, 1)).world, [arrive(inv(1, 0, S, 0)), joinEv(0, [0])]).world;
    const placed = step(w, placeEv(0)).world;
    expect(isCurrent(placed, placeEv(0))).toBe(false);
    expect(() => step(placed, placeEv(0))).toThrow(/no such timer/);
  });
});

describe("an event's time", () => {
  it('must be a whole microsecond, not before the world time', () => {
    const w = stepAll(start(world(config('xx'), 1, 1)).world, [arrive(inv(1, 0, 2 * S, S))]).world;
    expect(w.nowUs).toBe(S);
    expect(() => step(w, arrive(inv(2, 0, S, S - 1)))).toThrow(/integer time >= the world's 1000000us/);
    expect(() => step(w, arrive(inv(2, 0, S, S + 0.5)))).toThrow(/integer time/);
    expect(() => step(w, usableEv(S - 1, 10))).toThrow(/integer time/);
  });
});
