// Price classes: a fixed, ordered table (paper 3: "XX exposes a fixed set of price classes").
// Index 0 is the lowest (cheapest) class; a higher index is a higher class and a higher price.

export interface PriceClass {
  readonly name: string;
  /** Price per CPU-second, in the paper's unit (micro-cents); only ratios matter to the scheduler. */
  readonly pricePerCpuS: number;
}

/** Returns an error message, or null when the table is valid (non-empty, strictly increasing prices). */
export function validateClassTable(classes: readonly PriceClass[]): string | null {
  if (classes.length === 0) return 'at least one price class is required';
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i];
    if (!(c.pricePerCpuS > 0) || !Number.isFinite(c.pricePerCpuS)) return `class ${i} (${c.name}): pricePerCpuS must be a positive number`;
    if (i > 0 && !(c.pricePerCpuS > classes[i - 1].pricePerCpuS)) return `class ${i} (${c.name}): prices must increase from the lowest class to the highest`;
  }
  return null;
}
