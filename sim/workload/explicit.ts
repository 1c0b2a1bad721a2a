// Invocations written out in the scenario file (workload.invocations), for hand-made cases a generator would
// hardly produce (a regression scenario, a worked example). Validated in sim/scenario/invocations.ts.
//
// Conversion to the model's templates:
//   arrivalUs = round(atS * 1e6); workUs = max(1, round(runtimeS * 1e6)); a child's afterWorkUs =
//   round(afterS * 1e6), in [0, the parent's workUs] (at workUs: started as the parent completes);
//   memory in whole MB, `memoryMB: n` meaning initial = peak = n; class by name or index;
//   tenantId = tenant (default 0) and functionId = function (default the invocation's index in the list);
//   a child belongs to its parent's tenant and function unless it names its own.
//   Ids are sequential from 0, depth first: an invocation takes its id, then its children theirs, in order.
// The file lists invocations by atS (ties keep their order) and children by afterS: the order is required, not
// made up, so ids follow the file.

import type { ChildTemplate, InvocationTemplate } from '../../model/invocation.ts';
import { classIndexOf } from '../scenario/class-ref.ts';
import type { ExplicitCallSpec, ExplicitInvocationSpec, Scenario } from '../scenario/types.ts';
import type { Arrival, WorkloadSource } from './source.ts';

/** Seconds to integer microseconds, as every explicit time is converted. */
export function toUs(seconds: number): number {
  return Math.round(seconds * 1e6);
}

export function workUsOf(runtimeS: number): number {
  return Math.max(1, toUs(runtimeS));
}

/** The arrivals of the listed invocations, in list order. */
export function explicitArrivals(
  invocations: readonly ExplicitInvocationSpec[],
  classNames: readonly string[],
): Arrival[] {
  let nextId = 0;
  const classOf = (call: ExplicitCallSpec): number => {
    const index = classIndexOf(call.class, classNames.length, classNames);
    if (index === undefined) throw new Error(`class ${JSON.stringify(call.class)} is not in the class table`);
    return index;
  };
  const template = (call: ExplicitCallSpec, tenantId: number, functionId: number): InvocationTemplate => {
    const id = nextId++;
    const children: ChildTemplate[] = call.children.map((child) => ({
      afterWorkUs: toUs(child.afterS),
      spec: template(child, child.tenant ?? tenantId, child.function ?? functionId),
    }));
    return {
      id,
      tenantId,
      functionId,
      declaredClass: classOf(call),
      workUs: workUsOf(call.runtimeS),
      initialMemoryMB: call.memoryMB.initial,
      peakMemoryMB: call.memoryMB.peak,
      children,
    };
  };
  return invocations.map((inv, i) => ({
    arrivalUs: toUs(inv.atS),
    template: template(inv, inv.tenant ?? 0, inv.function ?? i),
  }));
}

/** The scenario's explicit invocations as a workload (fresh templates for each run). */
export function createExplicitWorkload(scenario: Scenario): WorkloadSource {
  const classNames = scenario.priceClasses.map((c) => c.name);
  const arrivals = explicitArrivals(scenario.workload.invocations ?? [], classNames);
  const durationUs = toUs(scenario.durationS);
  let next = 0;
  return {
    next: () => (next < arrivals.length && arrivals[next].arrivalUs < durationUs ? arrivals[next++] : null),
  };
}
