import type { PriceClass } from './classes.ts';
import type { Policy } from './policy.ts';

/** Everything the reducers read but never change. */
export interface ModelConfig {
  readonly priceClasses: readonly PriceClass[];
  readonly policy: Policy;
  /** One memory price for every class (paper 3: "the price for memory is the same across all price classes"). */
  readonly memoryPricePerGBs: number;
  /** Memory grows from initial to peak in this many equal steps of work (1 = peak from the start). */
  readonly memoryGrowthSteps: number;
  /** A machine is idle (joins an idle list) while its free memory is at least this. */
  readonly idleThresholdMB: number;
  /** The dispatcher re-reports its free memory when it has moved by at least this much (staleness bound). */
  readonly idleUpdateDeltaMB: number;
  /** Swap-in bandwidth; a swapped-in function spends memoryMB / swapMBPerS on its core first. 0 = instant. */
  readonly swapMBPerS: number;
  /** Monthly budget per tenant id; tenants not listed are unlimited. */
  readonly budgets: Readonly<Record<number, number>>;
  /** Overshoot allowed before throttling, as a fraction of the monthly budget (paper: "small amounts"). */
  readonly budgetToleranceFraction: number;
}

export const MONTH_US = 30 * 24 * 3600 * 1_000_000;

export const DEFAULT_MODEL_CONFIG: Omit<ModelConfig, 'priceClasses' | 'policy'> = {
  memoryPricePerGBs: 0.0167,
  memoryGrowthSteps: 4,
  idleThresholdMB: 8192,
  idleUpdateDeltaMB: 1024,
  swapMBPerS: 0,
  budgets: {},
  budgetToleranceFraction: 0.01,
};

/** The class a component schedules an invocation at: its effective class, or 0 when the policy ignores classes. */
export function schedClass(config: ModelConfig, effectiveClass: number): number {
  return config.policy.classAware ? effectiveClass : 0;
}

/** Number of scheduling classes (queues per shard and per machine). */
export function schedClassCount(config: ModelConfig): number {
  return config.policy.classAware ? config.priceClasses.length : 1;
}

/** A full config from the class table and policy, with defaults for the rest. */
export function makeConfig(base: Pick<ModelConfig, 'priceClasses' | 'policy'> & Partial<ModelConfig>): ModelConfig {
  return { ...DEFAULT_MODEL_CONFIG, ...base };
}
