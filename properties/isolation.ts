import fc from 'fast-check';
import type { InvocationTemplate, ModelEvent, Output, World } from '../model/index.ts';
import { drive } from '../model/index.ts';
import { scenarioArb } from './generators.ts';
import type { TraceDoc, TraceLine } from './render.ts';
import type { Scenario, ScenarioArrival } from './scenario.ts';
import { externalEvents, scenarioWorld } from './scenario.ts';
import type { Transition } from './transition.ts';

// Isolation (issue 3, property 12), a metamorphic property: adding low-class invocations never delays the
// completion of any high-class invocation. "High" = every invocation of the base scenario, all declared at class
// >= 1 (their children inherit >= 1); the added ones are class 0 with no children. Delayed = completes later, or
// is killed where it completed without the added work.
// Both runs use the same deterministic driver (model/drive.ts order, every machine polled and every shard
// compared in id order, children routed to shard 0), so the only difference between them is the added work.
// No budgets (a tenant's low-class spending may rightly throttle its own high-class work) and no shard decision
// time (a busy shard delays whatever it places next, by design; the aging rule lets old low heads win).
// isolationOneMachine: one machine, one shard, memory ample (no pressure). isolationOneMachineMemory: the same
// under the generators' memory regimes (pressure, swap, kills). isolationCluster: 2-4 machines, 1-3 shards,
// memory ample (so the question is placement alone).

export const ISOLATION_PROPERTIES: readonly string[] = [
  'isolationOneMachine',
  'isolationOneMachineMemory',
  'isolationCluster',
];

/** Memory large enough that no scenario here ever meets memory pressure (at most 12 invocations of <= 3000 MB). */
const AMPLE_MB = 1 << 20;

export interface IsolationCase {
  readonly base: Scenario;
  readonly added: readonly ScenarioArrival[];
}

export interface IsolationViolation {
  readonly message: string;
  readonly scenario: Scenario;
  readonly extra: { readonly added: readonly ScenarioArrival[]; readonly delayedInvId: number };
}

interface Outcome {
  readonly events: ModelEvent[];
  readonly outs: Output[][];
  readonly worlds: World[];
  readonly initial: World;
  readonly completedUs: Map<number, number>;
}

/** A driven run as trace lines. */
export function traceRun(o: Outcome): { initial: World; lines: TraceLine[] } {
  return {
    initial: o.initial,
    lines: o.events.map((event, i) => ({ event, out: o.outs[i], world: o.worlds[i], violations: [] })),
  };
}

function raise(t: InvocationTemplate): InvocationTemplate {
  return { ...t, declaredClass: Math.max(1, t.declaredClass) };
}

/** Runs a scenario with the fixed deterministic driver (spawned children arrive at shard 0). */
export function driveFixed(s: Scenario, t: Transition, maxSteps = 3000): Outcome {
  const initial = t.start(scenarioWorld(s)).world;
  const run = drive(scenarioWorld(s), externalEvents(s), { maxSteps, step: t.step, start: t.start });
  const completedUs = new Map<number, number>();
  for (const st of run.steps) for (const o of st.out) if (o.type === 'completed') completedUs.set(o.inv.id, o.atUs);
  return {
    events: run.steps.map((st) => st.event),
    outs: run.steps.map((st) => [...st.out]),
    worlds: run.steps.map((st) => st.world),
    initial,
    completedUs,
  };
}

export function withAdded(c: IsolationCase): Scenario {
  return { ...c.base, arrivals: [...c.base.arrivals, ...c.added] };
}

function compare(c: IsolationCase, t: Transition): IsolationViolation | null {
  const alone = driveFixed(c.base, t);
  const both = driveFixed(withAdded(c), t);
  for (const [id, t] of alone.completedUs) {
    const t2 = both.completedUs.get(id);
    if (t2 === undefined || t2 > t) {
      return {
        message:
          `high-class invocation ${id} completes at ${t}us alone but ` +
          `${t2 === undefined ? 'never (killed)' : `at ${t2}us`}` +
          ` once ${c.added.length} low-class invocation(s) are added`,
        scenario: c.base,
        extra: { added: c.added, delayedInvId: id },
      };
    }
  }
  return null;
}

function caseArb(
  name: string,
  policy: string,
  overrides: Readonly<Record<string, unknown>>,
): fc.Arbitrary<IsolationCase> {
  const oneMachine = name !== 'isolationCluster';
  const ample = name !== 'isolationOneMachineMemory';
  const base = scenarioArb({
    policy,
    overrides: { shardDecisionUs: 0, ...overrides },
    maxMachines: oneMachine ? 1 : 4,
    maxShards: oneMachine ? 1 : 3,
    antagonists: false,
    memoryFocus: !ample,
  }).filter((s) => oneMachine || s.machines.length >= 2);
  return base.chain((s) => {
    const added = fc
      .array(
        fc.record({
          atUs: fc.integer({ min: 0, max: 40 }).map((k) => k * 10_000),
          shardId: fc.integer({ min: 0, max: s.shards - 1 }),
          workUs: fc.integer({ min: 1, max: 30 }).map((k) => k * 10_000),
          memoryMB: fc.integer({ min: 1, max: 18 }).map((k) => k * 50),
        }),
        { minLength: 1, maxLength: 4 },
      )
      .map((xs) =>
        xs.map(
          (x, i): ScenarioArrival => ({
            atUs: x.atUs,
            shardId: x.shardId,
            template: {
              id: 100 + i,
              tenantId: 0,
              functionId: 9,
              declaredClass: 0,
              workUs: x.workUs,
              initialMemoryMB: x.memoryMB,
              peakMemoryMB: x.memoryMB,
              children: [],
            },
          }),
        ),
      );
    const machines = ample ? s.machines.map((m) => ({ ...m, memoryMB: AMPLE_MB })) : s.machines;
    const baseScenario: Scenario = {
      ...s,
      machines,
      budgets: {},
      arrivals: s.arrivals.map((a) => ({ ...a, template: raiseTree(a.template) })),
    };
    return added.map((a) => ({ base: baseScenario, added: a }));
  });
}

function raiseTree(t: InvocationTemplate): InvocationTemplate {
  return { ...raise(t), children: t.children.map((c) => ({ ...c, spec: c.spec })) };
}

export function isolationProperty(
  name: string,
  policy: string,
  overrides: Readonly<Record<string, unknown>>,
  t: Transition,
) {
  return {
    arb: caseArb(name, policy, overrides),
    violation: (c: IsolationCase) => compare(c, t),
    /** Both runs of a stored isolation counterexample; the delayed invocation's end is highlighted. */
    replay(cx: { scenario: Scenario; extra?: unknown; message: string }): Omit<TraceDoc, 'property' | 'classes'> {
      const extra = cx.extra as IsolationViolation['extra'];
      const c: IsolationCase = { base: cx.scenario, added: extra.added };
      const v = compare(c, t);
      const both = driveFixed(withAdded(c), t);
      const ends = both.outs.findIndex((outs) =>
        outs.some((o) => (o.type === 'completed' || o.type === 'killed') && o.inv.id === extra.delayedInvId),
      );
      return {
        header: [
          `isolation counterexample (recorded: ${cx.message})`,
          v === null ? 'now: holds (no high-class invocation is delayed)' : `>>> now: ${v.message}`,
        ],
        runs: [
          { title: 'without the added low-class invocations', ...traceRun(driveFixed(c.base, t)) },
          { title: 'with them', ...traceRun(both), highlight: ends < 0 ? both.events.length - 1 : ends },
        ],
        violated: v !== null,
        message: v?.message ?? cx.message,
      };
    },
  };
}
