import { describe, expect, it } from 'vitest';
import { billingHandler } from '../../model/billing.ts';
import { budgetHandler } from '../../model/budget.ts';
import { dispatcherHandler } from '../../model/dispatcher/handler.ts';
import type {
  Address,
  Chooser,
  DriveResult,
  MessageBody,
  ModelEvent,
  OutputType,
  StepResult,
  World,
} from '../../model/index.ts';
import { ALL_CHOOSER, addressName, initialWorld, step } from '../../model/index.ts';
import { machineHandler } from '../../model/machine/handler.ts';
import type { Context, Reaction } from '../../model/reaction.ts';
import { shardHandler } from '../../model/shard/handler.ts';
import { arrive, config, deepFreeze, inv, mem, ofType, run, S, THREE_CLASSES, tmpl, usableEv } from './helpers.ts';

// Purity: `step` and every component handler never mutate their input (checked by deep-freezing inputs: a write
// to a frozen object throws in ESM's strict mode, and by comparing with snapshots), and are deterministic (same
// input, deep-equal results). A failure here names the step (and the microstep) that broke it.

/** The world a run's step i was applied to. */
const worldBefore = (r: DriveResult, i: number): World => (i === 0 ? r.start.world : r.steps[i - 1].world);

/** A deep-frozen private copy (so freezing never touches the reference run's shared structure). */
const frozen = <T>(x: T): T => deepFreeze(structuredClone(x));

function stateOf(w: World, a: Address): unknown {
  switch (a.kind) {
    case 'shard':
      return w.shards[a.id];
    case 'machine':
      return w.machines[a.id];
    case 'dispatcher':
      return w.dispatchers[a.id];
    case 'budget':
      return w.budget;
    case 'billing':
      return null;
  }
}

function handle(a: Address, state: unknown, body: MessageBody, ctx: Context): Reaction<unknown> {
  switch (a.kind) {
    case 'shard':
      return shardHandler(state as World['shards'][number], body, ctx);
    case 'machine':
      return machineHandler(state as World['machines'][number], body, ctx);
    case 'dispatcher':
      return dispatcherHandler(state as World['dispatchers'][number], body, ctx);
    case 'budget':
      return budgetHandler(state as World['budget'], body, ctx);
    case 'billing':
      return billingHandler(null, body, ctx);
  }
}

/**
 * Replays a step's microsteps handler by handler: each recipient gets a deep-frozen copy of its state before
 * the delivery (from the world, or from its previous microstep) and a frozen message, and must give the same
 * state, messages and outputs the step recorded.
 */
function replayHandlers(w: World, ev: ModelEvent, r: StepResult, label: string): void {
  const ctx = frozen({ config: w.config, nowUs: ev.atUs });
  const latest = new Map<string, unknown>();
  for (const [j, m] of r.microsteps.entries()) {
    const key = addressName(m.to);
    const state = latest.has(key) ? latest.get(key) : stateOf(w, m.to);
    const again = handle(m.to, frozen(state), frozen(m.body), ctx);
    expect(again, `${label}, microstep ${j} (${key}: ${m.body.type})`).toEqual({
      state: m.state,
      sent: m.sent,
      outputs: m.outputs,
    });
    latest.set(key, m.state);
  }
}

/** Steps a frozen copy of the world twice with a frozen event: no throw, equal results, input unchanged. */
function stepFrozenTwice(w: World, ev: ModelEvent): StepResult {
  const fw = frozen(w);
  const fe = frozen(ev);
  const snapshot = structuredClone(fw);
  const first = step(fw, fe);
  const second = step(fw, fe);
  expect(second).toEqual(first);
  expect(fw).toEqual(snapshot);
  expect(fe).toEqual(ev);
  return first;
}

describe('a nontrivial run: 3 machines, 2 shards, 3 classes, children, budgets, swap, kills, antagonists', () => {
  const cfg = config(
    { name: 'xx', shardDecisionUs: 1000 },
    {
      priceClasses: THREE_CLASSES,
      memoryGrowthSteps: 2,
      idleThresholdMB: 1500,
      idleUpdateDeltaMB: 200,
      budgets: { 7: 100 },
      budgetToleranceFraction: 0.001,
    },
  );
  const initial = (): World =>
    initialWorld(cfg, {
      shards: 2,
      machines: [
        { cores: 2, memoryMB: 2000, swapMB: 400 },
        { cores: 1, memoryMB: 2000, swapMB: 0 },
        { cores: 2, memoryMB: 3000, swapMB: 1000 },
      ],
    });
  const external = (): ModelEvent[] => {
    const evs: ModelEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const cls = [0, 2, 1, 0, 0, 2, 1][i % 7];
      const grandchild = tmpl(200 + i, 1, 0.3 * S);
      const child = tmpl(100 + i, 0, 0.5 * S, { children: [{ afterWorkUs: 0.1 * S, spec: grandchild }] });
      const x = inv(i + 1, cls, (3 + (i % 5) * 4) * 100_000, i * 60_000, {
        tenantId: i % 3 === 0 ? 7 : 1,
        initialMemoryMB: 100,
        peakMemoryMB: 300 + (i % 6) * 250,
        children: i % 4 === 1 ? [{ afterWorkUs: 0.2 * S, spec: child }] : [],
      });
      evs.push({ type: 'arrive', atUs: x.arrivalUs, inv: x, shardId: i % 2 });
    }
    evs.push({ type: 'setUsableMemory', atUs: 0.9 * S, machineId: 2, memoryMB: 1200 });
    evs.push({ type: 'setUsableMemory', atUs: 2.5 * S, machineId: 2, memoryMB: 3000 });
    return evs;
  };
  const chooser: Chooser = { ...ALL_CHOOSER, shardForChild: (child) => child.id % 2 };
  // Run inside each test, not at collection: Stryker's per-test coverage then sees which tests reach which code.
  const referenceRun = () => run(initial(), external(), { chooser });

  it('the run is nontrivial: every event kind, and placements, preemption, swaps, kills, holds, children', () => {
    const reference = referenceRun();
    const kinds = new Set(reference.outs.map((o) => o.type));
    const expected: OutputType[] = [
      'needJoin',
      'placed',
      'started',
      'preempted',
      'spawned',
      'completed',
      'billed',
      'swappedOut',
      'swappedIn',
      'killed',
      'throttled',
      'released',
    ];
    for (const k of expected) expect(kinds, k).toContain(k);
    const events = new Set(reference.steps.map((s) => s.event.type));
    expect([...events].sort()).toEqual(['arrive', 'idleJoin', 'place', 'release', 'setUsableMemory', 'wake']);
  });

  it('stepping deep-frozen copies of every world and event gives the same outputs, microsteps and worlds', () => {
    const reference = referenceRun();
    for (const [i, s] of reference.steps.entries()) {
      let r: StepResult | undefined;
      expect(() => {
        r = step(frozen(worldBefore(reference, i)), frozen(s.event));
      }, `step ${i} (${s.event.type} at ${s.event.atUs})`).not.toThrow();
      expect(r, `step ${i}`).toEqual({ world: s.world, outputs: s.out, microsteps: s.microsteps });
    }
  });

  it('every handler, given deep-frozen copies of its state and message, reproduces each microstep', () => {
    const reference = referenceRun();
    for (const [i, s] of reference.steps.entries()) {
      const r = { world: s.world, outputs: s.out, microsteps: s.microsteps };
      replayHandlers(worldBefore(reference, i), s.event, r, `step ${i} (${s.event.type} at ${s.event.atUs})`);
    }
  });

  it('no step changes an earlier world (snapshots taken as the run goes still match afterwards)', () => {
    const again = run(initial(), external(), { chooser });
    const snapshots = [again.start.world, ...again.steps.map((s) => s.world)].map((w) => structuredClone(w));
    // Re-stepping from every world must not disturb any of them either.
    for (const [i, s] of again.steps.entries()) step(worldBefore(again, i), s.event);
    expect([again.start.world, ...again.steps.map((s) => s.world)]).toEqual(snapshots);
  });

  it('two runs from the same events are equal, step by step', () => {
    const reference = referenceRun();
    const again = run(initial(), external(), { chooser });
    expect(again.steps.length).toBe(reference.steps.length);
    expect(again.outs).toEqual(reference.outs);
    for (let i = 0; i < again.steps.length; i++) expect(again.steps[i], `step ${i}`).toEqual(reference.steps[i]);
  });
});

describe('each event kind, on a frozen world, twice', () => {
  // 2 machines with 1 core: m0 16,384 MB RAM and 10,000 MB swap (idle at first: on shard 0's list), m1 4,096 MB
  // (never idle: reached only by polling). Tenant 7: budget 128, tolerance 1/128, memory free.
  //   0 s:     X1 (tenant 7, high, 1 s, 100 MB) -> from the idle list to m0, runs 0..1 s.
  //            P (low, 1 s, 9,000 MB, child C at 1 s of work = its end) -> idle list (m0), waits; m0 now has
  //            16,384 - 9,100 = 7,284 free < 8,192: it leaves the list.
  //   0.5 s:   Q (low, 1 s) -> list empty -> poll [m0, m1]: 2 vs 0 functions -> m1.
  //   0.7 s:   antagonist: m0 usable 5,000 -> 4,100 over -> P (low, waiting) swapped out.
  //   0.8 s:   m0 usable back to 16,384 (and m0 idle again: it asks to join).
  //   1 s:     X1 completes (billed 2 to tenant 7); P swapped in, runs 1..2 s.
  //   2 s:     P completes and spawns C (one wake); X2 (tenant 7, high) arrives: 2 > 1 + 128 * 2 s / month ->
  //            throttled, released at 2.592e12 / 128 + 1 us.
  const cfg = config('xx', { memoryPricePerGBs: 0, budgets: { 7: 128 }, budgetToleranceFraction: 1 / 128 });
  const w0 = initialWorld(cfg, {
    shards: 1,
    machines: [
      { cores: 1, memoryMB: 16384, swapMB: 10_000 },
      { cores: 1, memoryMB: 4096, swapMB: 0 },
    ],
  });
  const C = tmpl(5, 0, S); // P's child, started at P's end (1 s of work)
  const events: ModelEvent[] = [
    arrive(inv(1, 1, S, 0, { tenantId: 7 })),
    arrive(inv(2, 0, S, 0, { ...mem(9000), children: [{ afterWorkUs: S, spec: C }] })),
    arrive(inv(3, 0, S, 0.5 * S)),
    usableEv(0.7 * S, 5000),
    usableEv(0.8 * S, 16384),
    arrive(inv(4, 1, S, 2 * S, { tenantId: 7 })),
  ];
  const referenceRun = () => run(w0, events);

  /** The first step of the given kind whose outputs include all of `outputs` (and place route, if given). */
  const find = (type: ModelEvent['type'], outputs: OutputType[], route?: 'idleList' | 'poll') => {
    const reference = referenceRun();
    const i = reference.steps.findIndex(
      (s) =>
        s.event.type === type &&
        outputs.every((t) => s.out.some((o) => o.type === t)) &&
        (route === undefined || s.out.some((o) => o.type === 'placed' && o.route === route)),
    );
    expect(i, `a ${type} step with ${outputs.join(', ')}`).toBeGreaterThanOrEqual(0);
    return { world: worldBefore(reference, i), event: reference.steps[i].event, step: reference.steps[i] };
  };

  const cases: [string, () => ReturnType<typeof find>][] = [
    ['arrive', () => find('arrive', ['needPlace'])],
    ['place with a poll', () => find('place', ['placed'], 'poll')],
    ['place from the idle list', () => find('place', ['placed'], 'idleList')],
    ['wake with a completion and a spawned child', () => find('wake', ['completed', 'spawned', 'billed'])],
    ['setUsableMemory with pressure', () => find('setUsableMemory', ['swappedOut'])],
    ['arrive over budget', () => find('arrive', ['throttled', 'needRelease'])],
    ['release', () => find('release', ['released'])],
    ['idleJoin', () => find('idleJoin', [])],
  ];

  it.each(cases)('%s: unchanged input, equal results twice, the same as the reference run', (_, pick) => {
    const { world: w, event, step: s } = pick();
    const r = stepFrozenTwice(w, event);
    expect(r).toEqual({ world: s.world, outputs: s.out, microsteps: s.microsteps });
    replayHandlers(w, event, r, event.type);
  });

  it('the scenario is what the cases rely on: joins at 0, 0.8 s and 2 s; the poll chose m1; C was routed', () => {
    const reference = referenceRun();
    // m0 joins at 0, leaves at 0 (P placed), is idle again at 0.8 s (P in swap, 100 MB resident), leaves at 1 s
    // (P swapped back in), and is idle again at 2 s (P done), where C is placed from the list.
    const joins = reference.steps.filter((s) => s.event.type === 'idleJoin');
    expect(joins.map((s) => s.event.atUs)).toEqual([0, 0.8 * S, 2 * S]);
    const placed = ofType(reference.outs, 'placed').map((o) => [o.atUs, o.invId, o.machineId, o.route]);
    expect(placed).toEqual([
      [0, 1, 0, 'idleList'],
      [0, 2, 0, 'idleList'],
      [0.5 * S, 3, 1, 'poll'],
      [2 * S, 5, 0, 'idleList'],
      [20_250_000_001, 4, 0, 'idleList'], // m0 stayed listed after C (idleEntryOnPlace keep)
    ]);
    const done = ofType(reference.outs, 'completed').map((o) => [o.atUs, o.inv.id]);
    expect(done).toEqual([
      [1 * S, 1],
      [1.5 * S, 3],
      [2 * S, 2],
      [3 * S, 5],
      [20_250_000_001 + S, 4],
    ]);
  });
});
