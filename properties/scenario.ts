import type {
  InvocationTemplate,
  MachineSpec,
  MemoryGrowth,
  ModelConfig,
  ModelEvent,
  ModelKnobs,
  PriceClass,
  World,
} from '../model/index.ts';
import { initialWorld, makeConfig, resolvePolicy, topLevel } from '../model/index.ts';

// A scenario is everything one property run needs, as plain JSON data: the cluster, the config (policy spec and
// knobs), the external events (arrivals and memory antagonists), and a choice tape that answers every
// nondeterministic choice the driver must make (which same-time event runs first, which machines a shard polls,
// which shards a dispatcher compares, which shard a spawned child is routed to). Fixtures store scenarios.

export interface ScenarioArrival {
  readonly atUs: number;
  readonly shardId: number;
  readonly template: InvocationTemplate;
}

export interface ScenarioAntagonist {
  readonly atUs: number;
  readonly machineId: number;
  readonly memoryMB: number;
}

export interface Scenario {
  /** A policy preset name with overrides, as `resolvePolicy` takes it. */
  readonly policy: Readonly<Record<string, unknown>>;
  readonly classes: readonly PriceClass[];
  readonly memoryGrowthSteps: number;
  /** How memory grows (model knob memoryGrowth; work when absent) and, under front, how soon it peaks. */
  readonly memoryGrowth?: MemoryGrowth;
  readonly memoryGrowthFrontFraction?: number;
  /** Network delays (model knobs; 0 when absent). */
  readonly shardMachineDelayUs?: number;
  readonly dispatcherShardDelayUs?: number;
  readonly idleThresholdMB: number;
  readonly idleUpdateDeltaMB: number;
  readonly budgets: Readonly<Record<number, number>>;
  readonly shards: number;
  readonly machines: readonly MachineSpec[];
  readonly arrivals: readonly ScenarioArrival[];
  readonly antagonists: readonly ScenarioAntagonist[];
  /** Choice tape: consumed in order; exhausted = 0 (the first option), so shrinking tends to default choices. */
  readonly tape: readonly number[];
}

export function scenarioConfig(s: Scenario): ModelConfig {
  return makeConfig({
    priceClasses: s.classes,
    policy: resolvePolicy(s.policy),
    memoryGrowthSteps: s.memoryGrowthSteps,
    ...optionalKnobsOf(s),
    idleThresholdMB: s.idleThresholdMB,
    idleUpdateDeltaMB: s.idleUpdateDeltaMB,
    budgets: s.budgets,
  });
}

const OPTIONAL_KNOBS = [
  'memoryGrowth',
  'memoryGrowthFrontFraction',
  'shardMachineDelayUs',
  'dispatcherShardDelayUs',
] as const;

/** The model knobs a scenario may leave out (older stored scenarios do), those it sets. */
export function optionalKnobsOf(s: Scenario): Partial<Pick<ModelKnobs, (typeof OPTIONAL_KNOBS)[number]>> {
  const knobs: Record<string, unknown> = {};
  for (const name of OPTIONAL_KNOBS) if (s[name] !== undefined) knobs[name] = s[name];
  return knobs;
}

export function scenarioWorld(s: Scenario): World {
  return initialWorld(scenarioConfig(s), { shards: s.shards, machines: s.machines });
}

/** External events sorted by time (arrivals before antagonists at equal times, then in list order). */
export function externalEvents(s: Scenario): ModelEvent[] {
  const evs: ModelEvent[] = [];
  for (const a of s.arrivals)
    evs.push({ type: 'arrive', atUs: a.atUs, inv: topLevel(a.template, a.atUs), shardId: a.shardId });
  for (const x of s.antagonists)
    evs.push({ type: 'setUsableMemory', atUs: x.atUs, machineId: x.machineId, memoryMB: x.memoryMB });
  return evs
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.atUs - b.e.atUs || a.i - b.i)
    .map((x) => x.e);
}

/** Every template in a call tree, the root first. */
export function flattenTemplate(t: InvocationTemplate): InvocationTemplate[] {
  const all: InvocationTemplate[] = [t];
  for (const c of t.children) all.push(...flattenTemplate(c.spec));
  return all;
}

export function allTemplates(s: Scenario): InvocationTemplate[] {
  return s.arrivals.flatMap((a) => flattenTemplate(a.template));
}
