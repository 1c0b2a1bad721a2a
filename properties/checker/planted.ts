import type { MutantPatch } from '../mutants/catalogue.ts';

// Bugs planted for the checker: realistic one-line slips at boundaries and ties that random scenarios rarely make
// exact, kept apart from the catalogue (whose every mutant the random suite must kill). The README's table says
// which the random suite misses and which scope finds each.

export const PLANTED: readonly MutantPatch[] = [
  {
    name: 'idleStrictThreshold',
    expectedKiller: 'idleList',
    file: 'dispatcher/state.ts',
    find: 'return report.freeMB >= config.idleThresholdMB;',
    replace: 'return report.freeMB > config.idleThresholdMB;',
    description: 'a machine with exactly the threshold free is not idle',
    policy: 'xx',
  },
  {
    name: 'pollTieLast',
    expectedKiller: 'shardChoice',
    file: 'shard/placement.ts',
    find: 'for (const l of loads) if (loadOf(l, config) < loadOf(best, config)) best = l;',
    replace: 'for (const l of loads) if (loadOf(l, config) <= loadOf(best, config)) best = l;',
    description: 'equally loaded polled machines: the last sampled is chosen, not the first',
    policy: 'xx',
  },
  {
    name: 'joinTieLast',
    expectedKiller: 'idleList',
    file: 'dispatcher/handler.ts',
    find: 'for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;',
    replace: 'for (let i = 1; i < values.length; i++) if (values[i] <= values[best]) best = i;',
    description: 'idle lists of equal length: a dispatcher joins the last sampled shard, not the first',
    policy: 'xx',
  },

  {
    name: 'inheritFromDeclared',
    expectedKiller: 'inheritance',
    file: 'invocation.ts',
    find: 'inheritedClass(template.declaredClass, parent.effectiveClass)',
    replace: 'inheritedClass(template.declaredClass, parent.declaredClass)',
    description: "a child inherits its parent's declared class, not its effective one (wrong from grandchildren on)",
    policy: 'xx',
  },
];
