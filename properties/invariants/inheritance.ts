import type { Invariant } from './types.ts';
import { verdictsOf } from './types.ts';

// Inheritance (paper 3.1): "if a high price class function calls a low price class function, that invocation will
// run with high price class". A child's effective class is max(its declared class, its parent's effective class
// as the parent was admitted), along the whole chain; it is started when its parent reaches its start point; no
// class changes afterwards; a machine schedules a task at its effective class (0 under class-blind policies).

export const inheritance: Invariant = {
  name: 'inheritance',
  description: "a child runs at max(declared, parent's effective class), fixed from spawn to completion",
  check(v, probe) {
    const h = v.after;
    for (const o of v.result.outputs) {
      if (o.type !== 'spawned') continue;
      probe.checked();
      const parent = h.known.get(o.inv.parentId);
      if (parent === undefined) return `child ${o.inv.id} of unknown parent ${o.inv.parentId}`;
      const want = Math.max(o.inv.declaredClass, parent.effectiveClass);
      if (o.inv.effectiveClass !== want) {
        return (
          `child ${o.inv.id} (declared ${o.inv.declaredClass}) of ${parent.id} (class` +
          ` ${parent.effectiveClass}) got class ${o.inv.effectiveClass}, not ${want}`
        );
      }
    }
    for (const m of v.next.machines) {
      for (const t of m.tasks) {
        probe.checked();
        const admitted = h.known.get(t.inv.id);
        if (admitted !== undefined && admitted.effectiveClass !== t.inv.effectiveClass) {
          return `invocation ${t.inv.id} changed class from ${admitted.effectiveClass} to ${t.inv.effectiveClass}`;
        }
        const scheduledAs = h.spec.policy.classAware ? t.inv.effectiveClass : 0;
        if (t.cls !== scheduledAs) return `machine ${m.id} schedules ${t.inv.id} at class ${t.cls}, not ${scheduledAs}`;
      }
    }
    return verdictsOf(v, 'inheritance', probe);
  },
};
