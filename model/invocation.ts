// An invocation, as data. Times are integer microseconds (`...Us`), memory integer megabytes (`...MB`).
// Price classes are indices into the configured class table: 0 is the lowest (cheapest) class.

/** A child the invocation starts mid-run, after it has done `afterWorkUs` of its own CPU work. */
export interface ChildTemplate {
  readonly afterWorkUs: number;
  readonly spec: InvocationTemplate;
}

/** What a caller asks for: everything about an invocation except when it arrives and what it inherits. */
export interface InvocationTemplate {
  readonly id: number;
  readonly tenantId: number;
  readonly functionId: number;
  /** The class the caller declared (index into the class table, 0 = lowest). */
  readonly declaredClass: number;
  /** CPU work in microseconds at full speed of one core; >= 1. */
  readonly workUs: number;
  /** Footprint when it starts; memory grows from here to `peakMemoryMB` as the work progresses. */
  readonly initialMemoryMB: number;
  readonly peakMemoryMB: number;
  readonly children: readonly ChildTemplate[];
}

/** An invocation inside the system. */
export interface Invocation extends InvocationTemplate {
  readonly arrivalUs: number;
  /** -1 for a top-level invocation. */
  readonly parentId: number;
  /**
   * The class it is scheduled and billed at: max(declared, parent's effective class), fixed at arrival
   * (inheritance, paper section 3.1). A budget "demote" lowers it to 0 (see shard.ts).
   */
  readonly effectiveClass: number;
}

/** A top-level invocation arriving from outside (no parent). */
export function topLevel(template: InvocationTemplate, arrivalUs: number): Invocation {
  return withArrival(template, arrivalUs, -1, template.declaredClass);
}

/** Builds the record field by field: an object literal of fixed shape is much faster than a spread (hot path). */
export function withArrival(t: InvocationTemplate, arrivalUs: number, parentId: number, effectiveClass: number): Invocation {
  return {
    id: t.id,
    tenantId: t.tenantId,
    functionId: t.functionId,
    declaredClass: t.declaredClass,
    workUs: t.workUs,
    initialMemoryMB: t.initialMemoryMB,
    peakMemoryMB: t.peakMemoryMB,
    children: t.children,
    arrivalUs,
    parentId,
    effectiveClass,
  };
}

/** Inheritance: a child runs at max(its declared class, its parent's effective class). */
export function childOf(parent: Invocation, template: InvocationTemplate, arrivalUs: number): Invocation {
  return withArrival(template, arrivalUs, parent.id, Math.max(template.declaredClass, parent.effectiveClass));
}

/**
 * Memory at a given amount of completed work. Memory grows in `steps` equal steps of work: level j
 * (j = 0..steps-1) is entered after j*workUs/steps of work and is initial + (peak-initial)*j/(steps-1).
 * One step means the footprint is the peak from the start (no growth); the paper's growth is steps >= 2.
 */
export function memoryAtWorkMB(inv: InvocationTemplate, doneUs: number, steps: number): number {
  if (steps <= 1) return inv.peakMemoryMB;
  const level = Math.min(steps - 1, Math.floor((doneUs * steps) / inv.workUs));
  return inv.initialMemoryMB + Math.floor(((inv.peakMemoryMB - inv.initialMemoryMB) * level) / (steps - 1));
}

/** Work (us) at which the next memory level starts, or Infinity when it is at its last level. */
export function nextGrowthWorkUs(inv: InvocationTemplate, doneUs: number, steps: number): number {
  if (steps <= 1) return Infinity;
  const level = Math.floor((doneUs * steps) / inv.workUs);
  if (level >= steps - 1) return Infinity;
  return Math.ceil(((level + 1) * inv.workUs) / steps);
}

/**
 * Memory-MB-microseconds an invocation uses over its whole run, counted over work done (not over wall time):
 * billing charges what the function used while it ran, so time it spent waiting or swapped because of the
 * provider's scheduling is not billed. Independent of scheduling, hence computable from the template alone.
 */
export function memoryWorkIntegralMBUs(inv: InvocationTemplate, steps: number): number {
  if (steps <= 1) return inv.peakMemoryMB * inv.workUs;
  let total = 0;
  let from = 0;
  for (let level = 0; level < steps; level++) {
    const to = level === steps - 1 ? inv.workUs : Math.ceil(((level + 1) * inv.workUs) / steps);
    const mem = inv.initialMemoryMB + Math.floor(((inv.peakMemoryMB - inv.initialMemoryMB) * level) / (steps - 1));
    if (to > from) total += mem * (to - from);
    from = Math.max(from, to);
  }
  return total;
}

/**
 * Why an invocation cannot enter the model, or null. Times and work are integer microseconds and memory
 * integer megabytes: fractional work would make a checkpoint round back onto the current instant forever.
 */
export function invalidInvocation(inv: Invocation, classCount: number): string | null {
  if (!Number.isSafeInteger(inv.workUs) || inv.workUs < 1) return `invocation ${inv.id}: workUs must be an integer >= 1, got ${inv.workUs}`;
  if (!Number.isSafeInteger(inv.initialMemoryMB) || inv.initialMemoryMB < 0) return `invocation ${inv.id}: initialMemoryMB must be an integer >= 0`;
  if (!Number.isSafeInteger(inv.peakMemoryMB) || inv.peakMemoryMB < inv.initialMemoryMB) return `invocation ${inv.id}: peakMemoryMB must be an integer >= initialMemoryMB`;
  for (const c of [inv.declaredClass, inv.effectiveClass]) {
    if (!Number.isInteger(c) || c < 0 || c >= classCount) return `invocation ${inv.id}: class ${c} is not in the class table`;
  }
  for (const child of inv.children) {
    if (!Number.isSafeInteger(child.afterWorkUs) || child.afterWorkUs < 0) return `invocation ${inv.id}: child afterWorkUs must be an integer >= 0`;
  }
  return null;
}
