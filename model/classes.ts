// Price classes: a fixed, ordered table (paper 3: "XX exposes a fixed set of price classes").
// Index 0 is the lowest (cheapest) class; a higher index is a higher class and a higher price. Scenario
// validation (sim/scenario/schema.ts) checks that prices increase from the lowest class to the highest.

export interface PriceClass {
  readonly name: string;
  /** Price per CPU-second, in the paper's unit (micro-cents); only ratios matter to the scheduler. */
  readonly pricePerCpuS: number;
}
