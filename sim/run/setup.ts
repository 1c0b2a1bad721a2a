import type { ClusterSpec, ModelConfig, Policy } from '../../model/index.ts';
import { DEFAULT_MODEL_KNOBS, PolicyError, makeConfig, resolvePolicy } from '../../model/index.ts';
import type { PolicySpec, Scenario } from '../scenario/types.ts';
import { InputError } from '../util/errors.ts';
import type { EngineRandom } from '../engine/simulate.ts';
import { stream } from '../workload/streams.ts';

// From a validated scenario to what the engine needs: the model config for one policy, the cluster, and the
// engine's own random streams (seeded per scenario and policy-independent, so every policy sees the same
// routing and sampling draws in the same order: common random numbers down to the placement coin flips).

/** The policy of `scenario.policies[index]`, resolved; a bad option names its field in the scenario. */
export function policyFor(scenario: Scenario, index: number, fileName: string): Policy {
  const spec: PolicySpec = scenario.policies[index];
  try {
    const policy = resolvePolicy(spec);
    const decisionUs = scenario.model.shardDecisionUs;
    return decisionUs === undefined || 'shardDecisionUs' in spec ? policy : { ...policy, shardDecisionUs: decisionUs };
  } catch (err) {
    if (err instanceof PolicyError) throw new InputError(`${fileName}: policies[${index}].${err.field}: expected ${err.expected}`);
    throw err;
  }
}

export function modelConfigFor(scenario: Scenario, policy: Policy): ModelConfig {
  const k = scenario.model;
  if (k.swapMBPerS !== undefined) throw new InputError('model.swapMBPerS: swap bandwidth is not modelled yet');
  return makeConfig({
    priceClasses: scenario.priceClasses,
    policy,
    memoryGrowthSteps: k.memoryGrowthSteps ?? DEFAULT_MODEL_KNOBS.memoryGrowthSteps,
    idleThresholdMB: k.idleThresholdMB ?? DEFAULT_MODEL_KNOBS.idleThresholdMB,
    idleUpdateDeltaMB: k.idleUpdateDeltaMB ?? DEFAULT_MODEL_KNOBS.idleUpdateDeltaMB,
    memoryPricePerGBs: k.memoryPricePerGBs ?? DEFAULT_MODEL_KNOBS.memoryPricePerGBs,
    budgetToleranceFraction: k.budgetToleranceFraction ?? DEFAULT_MODEL_KNOBS.budgetToleranceFraction,
    budgets: scenario.budgets,
  });
}

export function clusterFor(scenario: Scenario): ClusterSpec {
  const c = scenario.cluster;
  const machine = { cores: c.coresPerMachine, memoryMB: c.memoryMB, swapMB: c.swapMB };
  return { shards: c.shards, machines: Array.from({ length: c.machines }, () => machine) };
}

export function engineRandom(scenario: Scenario): EngineRandom {
  return { routing: stream(scenario.seed, 'engine/routing'), sampling: stream(scenario.seed, 'engine/sampling') };
}
