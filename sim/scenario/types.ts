// The validated scenario, with every default filled in. Produced only by parseScenario/loadScenario.

import type { ModelKnobs as ModelKnobValues, PolicyKnobs } from '../../model/index.ts';
import { POLICY_PRESETS } from '../../model/index.ts';
import type { TraceSpec } from '../trace/spec.ts';
import type { ClassRef } from './class-ref.ts';
import type { DistSpec } from './distribution.ts';

/** The policy presets of the model (xx, hermod, openwhisk, knative): a scenario names one per policy. */
export const KNOWN_POLICIES: readonly string[] = Object.keys(POLICY_PRESETS);

/** A policy: a preset name plus options, passed as is to the model's resolvePolicy (which checks the options). */
export type PolicySpec = Readonly<Record<string, unknown>> & { readonly name: string };

export interface PriceClassSpec {
  readonly name: string;
  readonly pricePerCpuS: number;
}

export interface MachineListEntry {
  readonly cores: number;
  readonly memoryMB: number;
  readonly swapMB: number;
  readonly swapMBPerS?: number;
}

export interface ClusterSpecS {
  readonly machines: number;
  readonly coresPerMachine: number;
  /** Infinity when the file says "unbounded". */
  readonly memoryMB: number;
  readonly swapMB: number;
  /** The swap device's bandwidth per machine; absent: unlimited (the paper's assumption). */
  readonly swapMBPerS?: number;
  readonly shards: number;
  /** Machines that differ, when the file lists them (then the uniform fields above are unused). */
  readonly machineList?: readonly MachineListEntry[];
}

/** True when at least one machine has bounded RAM (memory utilization and swap mean something). */
export function hasBoundedMemory(c: ClusterSpecS): boolean {
  return c.machineList?.some((m) => Number.isFinite(m.memoryMB)) ?? Number.isFinite(c.memoryMB);
}

/** Every core of the cluster. */
export function totalCores(c: ClusterSpecS): number {
  return c.machineList?.reduce((a, m) => a + m.cores, 0) ?? c.machines * c.coresPerMachine;
}

/** A phase of the piecewise-constant Poisson arrival rate, resolved to arrivals per second. */
export interface ArrivalPhase {
  readonly fromS: number;
  readonly ratePerS: number;
  /** The offered load the rate was derived from, when the file gave `load`. */
  readonly load?: number;
}

export interface WorkloadSpec {
  readonly functions: number;
  readonly tenants: number;
  readonly arrivals: readonly ArrivalPhase[];
  readonly runtimeS: DistSpec;
  /** Same order as priceClasses (lowest first); not normalised. */
  readonly classWeights: readonly number[];
  readonly memoryMB: { readonly initial: number; readonly peak: DistSpec };
  readonly callProbability: number;
  /** A real trace as the workload (then `arrivals` is empty). */
  readonly trace?: TraceSpec;
  /** Invocations written out one by one (then `arrivals` is empty); sorted by atS. */
  readonly invocations?: readonly ExplicitInvocationSpec[];
  /** Directory a relative trace path is resolved against (the scenario file's). */
  readonly traceBaseDir?: string;
}

/** What an explicit invocation and its children have in common (workload.invocations; see invocations.ts). */
export interface ExplicitCallSpec {
  readonly class: ClassRef;
  readonly runtimeS: number;
  /** Whole MB; `memoryMB: 512` in the file means initial = peak = 512. */
  readonly memoryMB: { readonly initial: number; readonly peak: number };
  /** Defaults: 0 and the invocation's index for a top-level invocation; its parent's for a child. */
  readonly tenant?: number;
  readonly function?: number;
  /** Sorted by afterS. */
  readonly children: readonly ExplicitChildSpec[];
}

export interface ExplicitInvocationSpec extends ExplicitCallSpec {
  /** Arrival time, s from the start of the run (< durationS). */
  readonly atS: number;
}

export interface ExplicitChildSpec extends ExplicitCallSpec {
  /** Started when the parent has done this much work (s of its own CPU time; 0..the parent's runtimeS). */
  readonly afterS: number;
}

/**
 * A memory antagonist (sim/scenario/antagonists.ts): from atS (until untilS, or the end of the run) the chosen
 * machines' usable memory drops to usableMemoryMB, or to usableFraction of their RAM (exactly one is given).
 */
export interface AntagonistSpec {
  /** Machine ids, or a fraction of the machines picked from the scenario seed. */
  readonly machines: readonly number[] | { readonly fraction: number };
  readonly atS: number;
  readonly untilS?: number;
  readonly usableMemoryMB?: number;
  readonly usableFraction?: number;
}

/** Antagonists arriving as a Poisson process on uniformly chosen machines. */
export interface AntagonistProcessSpec {
  readonly ratePerS: number;
  readonly durationS: DistSpec;
  /** The fraction of RAM left usable (draws are clamped to [0, 1]). */
  readonly depth: DistSpec;
}

/** The scenario's `model:` section: model knobs, and policy knobs that are defaults for every policy. */
export type ModelKnobs = Partial<ModelKnobValues & PolicyKnobs>;

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly tickS: number;
  readonly drain: boolean;
  readonly cluster: ClusterSpecS;
  readonly policies: readonly PolicySpec[];
  readonly priceClasses: readonly PriceClassSpec[];
  readonly workload: WorkloadSpec;
  readonly model: ModelKnobs;
  /** Monthly budget per tenant id; tenants not listed are unlimited. */
  readonly budgets: Readonly<Record<number, number>>;
  readonly antagonists: readonly AntagonistSpec[];
  readonly antagonistProcess?: AntagonistProcessSpec;
}
