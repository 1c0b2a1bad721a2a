import type { ModelConfig } from './config.ts';

// Price classes: a fixed, ordered table (paper 3: "XX exposes a fixed set of price classes"). Index 0 is the
// lowest (cheapest) class; a higher index is a higher class and a higher price. Scenario validation checks that
// prices increase from the lowest class to the highest.

export interface PriceClass {
  readonly name: string;
  /** Price per CPU-second, in the paper's unit (micro-cents); only ratios matter to the scheduler. */
  readonly pricePerCpuS: number;
}

/**
 * Inheritance (paper 3.1): "if a high price class function calls a low price class function, that invocation
 * will run with high price class", so a callee runs at max(its declared class, its caller's effective class).
 */
export function inheritedClass(declaredClass: number, callerEffectiveClass: number): number {
  return Math.max(declaredClass, callerEffectiveClass);
}

/** The class shards and machines schedule an invocation at: its effective class, or 0 for class-blind policies. */
export function schedulingClass(config: ModelConfig, effectiveClass: number): number {
  return config.policy.classAware ? effectiveClass : 0;
}

/** How many scheduling classes (queues per shard) there are. */
export function schedulingClassCount(config: ModelConfig): number {
  return config.policy.classAware ? config.priceClasses.length : 1;
}
