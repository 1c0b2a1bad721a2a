import { inheritedClass } from './classes.ts';

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
  /** CPU work in microseconds at the full speed of one core; >= 1. */
  readonly workUs: number;
  /** Footprint when it starts; memory grows from here to `peakMemoryMB` (model/memory-growth.ts). */
  readonly initialMemoryMB: number;
  readonly peakMemoryMB: number;
  /** Sorted by afterWorkUs. */
  readonly children: readonly ChildTemplate[];
}

/** An invocation inside the system. */
export interface Invocation extends InvocationTemplate {
  readonly arrivalUs: number;
  /** -1 for a top-level invocation. */
  readonly parentId: number;
  /** The class it is scheduled and billed at: max(declared, caller's effective class), fixed at arrival. */
  readonly effectiveClass: number;
}

/** A top-level invocation arriving from outside (no caller). */
export function topLevel(template: InvocationTemplate, arrivalUs: number): Invocation {
  return withArrival(template, arrivalUs, -1, template.declaredClass);
}

/** A child started by a running parent at `arrivalUs`; it inherits the parent's class (paper 3.1). */
export function childOf(parent: Invocation, template: InvocationTemplate, arrivalUs: number): Invocation {
  return withArrival(template, arrivalUs, parent.id, inheritedClass(template.declaredClass, parent.effectiveClass));
}

/** The same invocation scheduled at another class (a budget demotion). */
export function withEffectiveClass(inv: Invocation, effectiveClass: number): Invocation {
  return { ...inv, effectiveClass };
}

function withArrival(t: InvocationTemplate, arrivalUs: number, parentId: number, effectiveClass: number): Invocation {
  const { id, tenantId, functionId, declaredClass, workUs, initialMemoryMB, peakMemoryMB, children } = t;
  return {
    id,
    tenantId,
    functionId,
    declaredClass,
    workUs,
    initialMemoryMB,
    peakMemoryMB,
    children,
    arrivalUs,
    parentId,
    effectiveClass,
  };
}

/**
 * Why an invocation cannot enter the model, or null. Work is integer microseconds and memory integer megabytes:
 * fractional work would make a checkpoint round back onto the current instant forever.
 */
export function invalidInvocation(inv: Invocation, classCount: number): string | null {
  const at = `invocation ${inv.id}`;
  if (!Number.isSafeInteger(inv.workUs) || inv.workUs < 1)
    return `${at}: workUs must be an integer >= 1, got ${inv.workUs}`;
  if (!Number.isSafeInteger(inv.initialMemoryMB) || inv.initialMemoryMB < 0) {
    return `${at}: initialMemoryMB must be an integer >= 0`;
  }
  if (!Number.isSafeInteger(inv.peakMemoryMB) || inv.peakMemoryMB < inv.initialMemoryMB) {
    return `${at}: peakMemoryMB must be an integer >= initialMemoryMB`;
  }
  for (const c of [inv.declaredClass, inv.effectiveClass]) {
    if (!Number.isInteger(c) || c < 0 || c >= classCount) return `${at}: class ${c} is not in the class table`;
  }
  let previousUs = 0;
  for (const child of inv.children) {
    if (!Number.isSafeInteger(child.afterWorkUs) || child.afterWorkUs < previousUs || child.afterWorkUs > inv.workUs) {
      return `${at}: children must start at integer work points in [0, workUs], in order`;
    }
    previousUs = child.afterWorkUs;
  }
  return null;
}
