import { z } from 'zod';
import type { PriceClass } from './classes.ts';
import type { KnobValues } from './knobs.ts';
import { defaultsOf, knob } from './knobs.ts';
import type { Policy } from './policy.ts';

// Everything the handlers read and never change: the class table, the policy, the budgets, and the model knobs
// that hold for every policy of a scenario (the scenario's `model:` section).

export const MODEL_KNOBS = {
  memoryGrowth: knob(
    z.enum(['work', 'time', 'front']),
    'work',
    'What memory grows with: work done over the whole run; time in RAM since placement (running or waiting); ' +
      'or work done, reaching peak after memoryGrowthFrontFraction of the run.',
  ),
  memoryGrowthSteps: knob(
    z.number().int().min(1),
    4,
    'Memory grows from initial to peak in this many equal steps (1 = peak from the start).',
  ),
  memoryGrowthFrontFraction: knob(
    z.number().gt(0).max(1),
    0.25,
    'Under memoryGrowth: front, the fraction of its work after which a function holds its peak memory.',
  ),
  idleThresholdMB: knob(
    z.number().min(0),
    8192,
    'A machine is idle (joins an idle list) while its free memory is at least this.',
  ),
  idleUpdateDeltaMB: knob(
    z.number().min(0),
    1024,
    'The dispatcher re-reports free memory when it has moved by at least this much (the staleness bound).',
  ),
  memoryPricePerGBs: knob(
    z.number().min(0),
    0.0167,
    'One memory price for every class (paper 3), per GB-second of use.',
  ),
  shardMachineDelayUs: knob(
    z.number().int().min(0),
    0,
    'One-way network delay between a shard and a machine (load polls and replies, placements).',
  ),
  dispatcherShardDelayUs: knob(
    z.number().int().min(0),
    0,
    'One-way network delay between a dispatcher and a shard (idle-list reports go stale by this much).',
  ),
  budgetToleranceFraction: knob(
    z.number().min(0),
    0.01,
    'Overshoot allowed before throttling, as a fraction of the monthly budget (paper: "small amounts").',
  ),
} as const;

export type ModelKnobs = KnobValues<typeof MODEL_KNOBS>;

export const DEFAULT_MODEL_KNOBS: ModelKnobs = defaultsOf(MODEL_KNOBS);

export interface ModelConfig extends ModelKnobs {
  readonly priceClasses: readonly PriceClass[];
  readonly policy: Policy;
  /** Monthly budget per tenant id; tenants not listed are unlimited. */
  readonly budgets: Readonly<Record<number, number>>;
}

export const MONTH_US = 30 * 24 * 3600 * 1_000_000;

/** A full config from the class table and policy, with defaults for the rest. */
export function makeConfig(base: Pick<ModelConfig, 'priceClasses' | 'policy'> & Partial<ModelConfig>): ModelConfig {
  return { ...DEFAULT_MODEL_KNOBS, budgets: {}, ...base };
}
