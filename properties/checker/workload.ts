import type { InvocationTemplate } from '../../model/index.ts';
import type { CheckScope } from './scope.ts';

// Every invocation shape a scope allows: class, work, footprint, tenant, and a chain of children up to the depth
// bound. Ids are given at arrival (a shape is a template without them), so equal shapes are equal data.

export interface Shape {
  readonly cls: number;
  readonly workUs: number;
  readonly initialMB: number;
  readonly peakMB: number;
  readonly tenantId: number;
  readonly child: { readonly afterWorkUs: number; readonly shape: Shape } | null;
  /** Invocations in the call chain (itself and its descendants). */
  readonly size: number;
}

function shapesAt(scope: CheckScope, depth: number, classes: readonly number[]): Shape[] {
  const b = scope.shapes;
  const leaves: Shape[] = [];
  for (const cls of classes)
    for (const w of b.workUnits)
      for (const [initialMB, peakMB] of b.memoryMB)
        for (const tenantId of b.tenants)
          leaves.push({ cls, workUs: w * scope.unitUs, initialMB, peakMB, tenantId, child: null, size: 1 });
  if (depth === 0) return leaves;
  const all = scope.classes.map((_, i) => i);
  const children = shapesAt(scope, depth - 1, all);
  const afterWorkUs = b.childAfterUnits * scope.unitUs;
  const withChild = leaves.flatMap((p) =>
    p.workUs < afterWorkUs ? [] : children.map((c) => ({ ...p, child: { afterWorkUs, shape: c }, size: 1 + c.size })),
  );
  return [...leaves, ...withChild];
}

/** The shapes a top-level arrival may take, smallest first. */
export function arrivalShapes(scope: CheckScope): Shape[] {
  const classes = scope.arrivalClasses ?? scope.classes.map((_, i) => i);
  return shapesAt(scope, scope.shapes.depth, classes).filter((s) => s.size <= scope.invocations);
}

/** The template of a shape with ids from `firstId` on (the root first, then its descendants). */
export function templateOf(shape: Shape, firstId: number): InvocationTemplate {
  return {
    id: firstId,
    tenantId: shape.tenantId,
    functionId: firstId,
    declaredClass: shape.cls,
    workUs: shape.workUs,
    initialMemoryMB: shape.initialMB,
    peakMemoryMB: shape.peakMB,
    children:
      shape.child === null
        ? []
        : [{ afterWorkUs: shape.child.afterWorkUs, spec: templateOf(shape.child.shape, firstId + 1) }],
  };
}
