import type { ClusterSpec, ModelConfig, Policy } from '../../model/index.ts';
import { MODEL_KNOBS, makeConfig, POLICY_KNOBS, PolicyError, resolvePolicy } from '../../model/index.ts';
import type { EngineRandom } from '../engine/simulate.ts';
import type { PolicySpec, Scenario } from '../scenario/types.ts';
import { InputError } from '../util/errors.ts';
import { stream } from '../workload/streams.ts';

// From a validated scenario to what the engine needs: the model config for one policy, the cluster, and the
// engine's own random streams (seeded per scenario and policy-independent, so every policy sees the same
// routing and sampling draws in the same order: common random numbers down to the placement coin flips).

/**
 * The policy of `scenario.policies[index]`, resolved: the preset, then the policy knobs of the scenario's `model:`
 * section, then the policy's own options. A bad option names its field in the scenario.
 */
export function policyFor(scenario: Scenario, index: number, fileName: string): Policy {
  const spec: PolicySpec = scenario.policies[index];
  const defaults = Object.fromEntries(Object.entries(scenario.model).filter(([k]) => k in POLICY_KNOBS));
  try {
    return resolvePolicy({ ...defaults, ...spec });
  } catch (err) {
    if (err instanceof PolicyError)
      throw new InputError(`${fileName}: policies[${index}].${err.field}: expected ${err.expected}`);
    throw err;
  }
}

/** The model config of one policy: the scenario's classes and budgets, and its model knobs over the defaults. */
export function modelConfigFor(scenario: Scenario, policy: Policy): ModelConfig {
  const knobs = Object.fromEntries(Object.entries(scenario.model).filter(([k]) => k in MODEL_KNOBS));
  return makeConfig({ ...knobs, priceClasses: scenario.priceClasses, policy, budgets: scenario.budgets });
}

export function clusterFor(scenario: Scenario): ClusterSpec {
  const c = scenario.cluster;
  if (c.machineList !== undefined) return { shards: c.shards, machines: c.machineList.map((m) => ({ ...m })) };
  const bandwidth = c.swapMBPerS === undefined ? {} : { swapMBPerS: c.swapMBPerS };
  const machine = { cores: c.coresPerMachine, memoryMB: c.memoryMB, swapMB: c.swapMB, ...bandwidth };
  return { shards: c.shards, machines: Array.from({ length: c.machines }, () => machine) };
}

export function engineRandom(scenario: Scenario): EngineRandom {
  return { routing: stream(scenario.seed, 'engine/routing'), sampling: stream(scenario.seed, 'engine/sampling') };
}
