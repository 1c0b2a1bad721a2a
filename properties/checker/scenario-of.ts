import type { ModelEvent } from '../../model/index.ts';
import type { Bound } from '../history.ts';
import type { Scenario } from '../scenario.ts';
import type { CheckScope } from './scope.ts';

// A scope as the property suite's scenario (its cluster and config), with the arrivals and antagonists of one
// trace filled in, so a checker counterexample is a fixture that `priceclass replay` replays.

export function scenarioOf(scope: CheckScope, events: readonly ModelEvent[] = []): Scenario {
  const arrivals = events.flatMap((e) =>
    e.type === 'arrive' && e.inv.parentId === -1 ? [{ atUs: e.atUs, shardId: e.shardId, template: e.inv }] : [],
  );
  const antagonists = events.flatMap((e) =>
    e.type === 'setUsableMemory' ? [{ atUs: e.atUs, machineId: e.machineId, memoryMB: e.memoryMB }] : [],
  );
  return {
    policy: scope.policy,
    classes: scope.classes,
    // Only the knobs a scope sets (scopes never set one to undefined): absent ones keep the model's defaults.
    ...scope.model,
    budgets: scope.budgets,
    shards: scope.shards,
    machines: scope.machines,
    arrivals: arrivals.map(({ atUs, shardId, template }) => ({
      atUs,
      shardId,
      template: {
        id: template.id,
        tenantId: template.tenantId,
        functionId: template.functionId,
        declaredClass: template.declaredClass,
        workUs: template.workUs,
        initialMemoryMB: template.initialMemoryMB,
        peakMemoryMB: template.peakMemoryMB,
        children: template.children,
      },
    })),
    antagonists,
    tape: [],
  };
}

/** The eventual-completion bound of any workload within the scope (the largest one). */
export function scopeBound(scope: CheckScope): Bound {
  const lastUnit = Math.max(0, ...scope.instantsUnits);
  const episodeUnits = scope.antagonists === undefined ? 0 : scope.antagonists.durationUnits;
  const maxWork = Math.max(...scope.shapes.workUnits);
  return {
    lastExternalUs: (lastUnit + episodeUnits) * scope.unitUs,
    totalWorkUs: scope.invocations * maxWork * scope.unitUs,
    invocations: scope.invocations,
  };
}
