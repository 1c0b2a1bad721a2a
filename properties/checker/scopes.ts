import type { CheckScope } from './scope.ts';

// The checker's scopes: bounds, each aimed at some mechanisms (placement and idle lists, priority and preemption,
// memory pressure, kills, the shard rule, budgets, antagonists, processor sharing). One unit is 10 ms. Memory
// sizes include the boundaries: resident exactly at RAM, one MB over, a swap that exactly fills swap space.

export const UNIT_US = 10_000;

const TWO = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'high', pricePerCpuS: 2 },
];

const MODEL = { memoryGrowthSteps: 1, idleThresholdMB: 512, idleUpdateDeltaMB: 128 };

const NO_SHAPES = { depth: 0, childAfterUnits: 1, tenants: [0] };

function scope(s: Omit<CheckScope, 'unitUs' | 'classes' | 'model' | 'budgets'> & Partial<CheckScope>): CheckScope {
  return { unitUs: UNIT_US, classes: TWO, model: MODEL, budgets: {}, ...s };
}

/** Every scope, for a policy (a preset name with overrides). */
export function checkScopes(policy: Readonly<Record<string, unknown>> = { name: 'xx' }): CheckScope[] {
  const p = (knobs: Record<string, unknown>) => ({ ...knobs, ...policy });
  return [
    scope({
      name: 'cluster',
      description: '2 equal machines x 1 core, 2 shards, k = 2: up to 3 invocations of either class at 0 or 1',
      policy: p({ k: 2 }),
      shards: 2,
      machines: [
        { cores: 1, memoryMB: 1024, swapMB: 512 },
        { cores: 1, memoryMB: 1024, swapMB: 512 },
      ],
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: { ...NO_SHAPES, workUnits: [1, 2], memoryMB: [[300, 300]] },
    }),
    scope({
      name: 'priority',
      description: '1 machine x 2 cores: up to 4 invocations at 0 or 1, one level of children',
      policy: p({ k: 1 }),
      shards: 1,
      machines: [{ cores: 2, memoryMB: 4096, swapMB: 0 }],
      invocations: 4,
      instantsUnits: [0, 1],
      shapes: { ...NO_SHAPES, depth: 1, workUnits: [1, 2], memoryMB: [[100, 100]] },
    }),
    scope({
      name: 'memory',
      description: '1 machine x 1 core, 1000 MB RAM, 500 MB swap: 3 invocations of 500 or 501 MB, or growing to 500',
      policy: p({ k: 1 }),
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 500 }],
      model: { ...MODEL, memoryGrowthSteps: 2 },
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: {
        ...NO_SHAPES,
        workUnits: [1, 2],
        memoryMB: [
          [500, 500],
          [501, 501],
          [250, 500],
        ],
      },
    }),
  ];
}
