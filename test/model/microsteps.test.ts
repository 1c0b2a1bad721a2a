import { describe, expect, it } from 'vitest';
import type { Microstep, Sender, World } from '../../model/index.ts';
import { addressName, initialWorld, start, step } from '../../model/index.ts';
import { arrive, config, inv, joinEv, ofType, placeEv, S, stepAll, wakeEv, world } from './helpers.ts';

// Microsteps (model/router.ts): an event becomes one message from the environment; every message a component
// sends is delivered after the ones sent before it (one FIFO per step), and each delivery is a microstep
// { from, to, body, sent, outputs, state }. These tests pin the exact deliveries of tiny steps, written
// "sender -> recipient: message".

const name = (s: Sender) => (s.kind === 'environment' ? 'environment' : addressName(s));
const hops = (ms: readonly Microstep[]) => ms.map((m) => `${name(m.from)} -> ${addressName(m.to)}: ${m.body.type}`);

/** The FIFO rule: the messages sent, in the order sent, are exactly the deliveries after the first ones. */
function expectFifo(ms: readonly Microstep[], initial = 1): void {
  const sent = ms.flatMap((m) => m.sent.map((x) => [addressName(x.to), x.body]));
  expect(ms.slice(initial).map((m) => [addressName(m.to), m.body])).toEqual(sent);
}

const job = inv(1, 0, 1 * S, 0);

describe('arrive and place, idle lists off', () => {
  // 2 machines (1 core, 16384 MB), 1 shard, idleList false: machines never report to their dispatchers.
  const cfg = config({ name: 'xx', idleList: false });
  // A function called inside the tests (not at collection), so Stryker's per-test coverage sees the start.
  const w0 = () => start(world(cfg, 2, 1, 1, 16384)).world;

  it('arrive: environment -> budget (admit), budget -> shard (enqueue); the shard asks for a decision', () => {
    const r = step(w0(), arrive(job));
    expect(hops(r.microsteps)).toEqual(['environment -> budget: admit', 'budget -> shard 0: enqueue']);
    expect(r.outputs).toEqual([{ type: 'needPlace', atUs: 0, shardId: 0 }]);
    expect(r.microsteps[1].state).toEqual(r.world.shards[0]);
    expectFifo(r.microsteps);
  });

  it('place polls the k sampled machines in sample order and assigns to the least loaded (tie: first)', () => {
    // Sample [1, 0]: queries go to m1 then m0, replies come back in that order (FIFO), both idle -> m1.
    const w = step(w0(), arrive(job)).world;
    const r = step(w, placeEv(0, [1, 0]));
    expect(hops(r.microsteps)).toEqual([
      'environment -> shard 0: placeTimer',
      'shard 0 -> machine 1: loadQuery',
      'shard 0 -> machine 0: loadQuery',
      'machine 1 -> shard 0: loadReply',
      'machine 0 -> shard 0: loadReply',
      'shard 0 -> machine 1: assign',
    ]);
    expectFifo(r.microsteps);
    // While the answers come in, the shard holds a poll; the first reply fills the first slot.
    expect(r.microsteps[3].state).toMatchObject({ poll: { sampled: [1, 0], loads: [{ machineId: 1 }, null] } });
    expect(r.microsteps[4].state).toMatchObject({ poll: null });
    expect(ofType(r.outputs, 'placed')).toEqual([
      { type: 'placed', atUs: 0, invId: 1, cls: 0, arrivalUs: 0, shardId: 0, machineId: 1, route: 'poll' },
    ]);
    expect(r.microsteps[5].state).toEqual(r.world.machines[1]);
  });
});

describe('idle lists on', () => {
  it('start: every machine boots and reports to its dispatcher; idle ones ask to join', () => {
    // m0 16384 MB (idle: >= 8192 free), m1 4096 MB (not idle).
    const cfg = config('xx');
    const machines = [16384, 4096].map((memoryMB) => ({ cores: 1, memoryMB, swapMB: 0 }));
    const r = start(initialWorld(cfg, { shards: 1, machines }));
    expect(hops(r.microsteps)).toEqual([
      'environment -> machine 0: boot',
      'environment -> machine 1: boot',
      'machine 0 -> dispatcher 0: report',
      'machine 1 -> dispatcher 1: report',
    ]);
    expect(r.outputs).toEqual([{ type: 'needJoin', atUs: 0, machineId: 0 }]);
    expectFifo(r.microsteps, 2);
  });

  it('a join asks each sampled shard for its list length, then joins the shortest (tie: first sampled)', () => {
    const w = start(world(config('xx'), 1, 1, 2, 16384)).world;
    const r = step(w, joinEv(0, [1, 0]));
    expect(hops(r.microsteps)).toEqual([
      'environment -> dispatcher 0: joinTimer',
      'dispatcher 0 -> shard 1: idleLengthQuery',
      'dispatcher 0 -> shard 0: idleLengthQuery',
      'shard 1 -> dispatcher 0: idleLength',
      'shard 0 -> dispatcher 0: idleLength',
      'dispatcher 0 -> shard 1: idleEntryJoin',
    ]);
    expectFifo(r.microsteps);
    expect(r.world.dispatchers[0].listedOn).toBe(1);
  });

  it('an empty list: the poll as above, then the machine reports to its dispatcher (not idle: nothing more)', () => {
    // 2 machines of 4096 MB: never idle, so the list stays empty and the shard polls.
    const w = stepAll(start(world(config('xx'), 2, 1, 1, 4096)).world, [arrive(job)]).world;
    const r = step(w, placeEv(0, [0, 1]));
    expect(hops(r.microsteps)).toEqual([
      'environment -> shard 0: placeTimer',
      'shard 0 -> machine 0: loadQuery',
      'shard 0 -> machine 1: loadQuery',
      'machine 0 -> shard 0: loadReply',
      'machine 1 -> shard 0: loadReply',
      'shard 0 -> machine 0: assign',
      'machine 0 -> dispatcher 0: report',
    ]);
    expectFifo(r.microsteps);
  });

  /** 1 machine (16384 MB) listed on shard 0, and one invocation queued there. */
  const listed = (policy: string | Record<string, unknown>): World => {
    const w = start(world(config(policy), 1, 1, 1, 16384)).world;
    return stepAll(w, [joinEv(0, [0]), arrive(job)]).world;
  };

  it("from the idle list ('keep'): no poll; the machine reports and the dispatcher updates its entry", () => {
    // The function count went 0 -> 1: the dispatcher re-reports it to the shard (idleEntryUpdate).
    const r = step(listed('xx'), placeEv(0, [0]));
    expect(hops(r.microsteps)).toEqual([
      'environment -> shard 0: placeTimer',
      'shard 0 -> machine 0: assign',
      'machine 0 -> dispatcher 0: report',
      'dispatcher 0 -> shard 0: idleEntryUpdate',
    ]);
    expectFifo(r.microsteps);
    expect(ofType(r.outputs, 'placed').map((o) => o.route)).toEqual(['idleList']);
    expect(r.world.shards[0].idle).toEqual([{ machineId: 0, freeMB: 16284, functions: 1 }]);
  });

  it("from the idle list with JIQ removal ('remove'): the shard tells the dispatcher its entry was taken", () => {
    // The shard sends assign, then idleEntryTaken; the machine's report comes after both (FIFO). The dispatcher,
    // unlisted and still idle, asks to join again (needJoin, an output: no message); the report changes nothing.
    const r = step(listed({ name: 'xx', idleEntryOnPlace: 'remove' }), placeEv(0, [0]));
    expect(hops(r.microsteps)).toEqual([
      'environment -> shard 0: placeTimer',
      'shard 0 -> machine 0: assign',
      'shard 0 -> dispatcher 0: idleEntryTaken',
      'machine 0 -> dispatcher 0: report',
    ]);
    expectFifo(r.microsteps);
    expect(r.microsteps[2].outputs).toEqual([{ type: 'needJoin', atUs: 0, machineId: 0 }]);
    expect(r.microsteps[3].outputs).toEqual([]);
    expect(r.world.shards[0].idle).toEqual([]);
  });
});

describe('completion', () => {
  it('a wake that completes a budgeted invocation: machine -> billing (bill) -> budget (spend)', () => {
    // Idle lists off (no report). Tenant 0 has a budget, so billing sends the amount to the budget's ledger.
    const cfg = config({ name: 'xx', idleList: false }, { budgets: { 0: 1000 }, memoryPricePerGBs: 0 });
    const w = stepAll(start(world(cfg, 1, 1)).world, [arrive(job), placeEv(0, [0])]).world;
    const r = step(w, wakeEv(1 * S));
    expect(hops(r.microsteps)).toEqual([
      'environment -> machine 0: wakeTimer',
      'machine 0 -> billing: bill',
      'billing -> budget: spend',
    ]);
    expectFifo(r.microsteps);
    // low, 1 s: 0.5. Billing keeps no state; the budget's state after the spend is the new world's.
    expect(r.microsteps[1].state).toBeNull();
    expect(r.microsteps[2].state).toEqual(r.world.budget);
    expect(r.world.budget.spentByTenant).toEqual({ 0: 0.5 });
  });
});
