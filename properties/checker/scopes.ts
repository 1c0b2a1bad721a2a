import type { CheckScope } from './scope.ts';

// The checker's scopes: bounds, each aimed at some mechanisms (placement and idle lists, priority and preemption,
// memory pressure, kills, the shard rule, budgets, antagonists, processor sharing, the swap device). One unit is
// 10 ms. Memory sizes include the boundaries: resident exactly at RAM, one MB over, a swap that exactly fills swap
// space. A scope's own knobs come first; the policy under check (name and overrides) wins over them.

export const UNIT_US = 10_000;

const TWO = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'high', pricePerCpuS: 2 },
];

const MODEL = { memoryGrowthSteps: 1, idleThresholdMB: 512, idleUpdateDeltaMB: 128 };

const SHAPES = { depth: 0, childAfterUnits: 1, tenants: [0], workUnits: [1, 2], memoryMB: [[100, 100]] as const };

type Draft = Omit<CheckScope, 'unitUs' | 'classes' | 'model' | 'budgets' | 'shapes' | 'policy'> &
  Partial<Omit<CheckScope, 'shapes'>> & { readonly shapes?: Partial<CheckScope['shapes']> };

const ONE_MACHINE = { shards: 1, machines: [{ cores: 1, memoryMB: 4096, swapMB: 0 }] };
const SMALL_MACHINE = { cores: 1, memoryMB: 1024, swapMB: 0 };
const TWO_SMALL_MACHINES = { shards: 1, machines: [SMALL_MACHINE, SMALL_MACHINE] };

const PRIORITY: Draft = {
  name: 'priority',
  description: '1 machine x 2 cores: up to 4 invocations at 0 or 1, one level of children',
  sometimes: ['inheritedHigherClass', 'spawned', 'preemptedByTask'],
  long: true,
  shards: 1,
  machines: [{ cores: 2, memoryMB: 4096, swapMB: 0 }],
  invocations: 4,
  instantsUnits: [0, 1],
  shapes: { depth: 1 },
};

/** Every scope, for a policy (a preset name with overrides: they win over each scope's own knobs). */
export function checkScopes(policy: Readonly<Record<string, unknown>> = { name: 'xx' }): CheckScope[] {
  const scope = (d: Draft): CheckScope => ({
    unitUs: UNIT_US,
    classes: TWO,
    model: MODEL,
    budgets: {},
    ...d,
    policy: { k: 1, ...d.policy, ...policy },
    shapes: { ...SHAPES, ...d.shapes },
  });
  return [
    scope({
      name: 'shardWait',
      description: '1 shard busy 1 unit per decision, aging 1 us: a low head that waited 1 unit beats a fresh high',
      sometimes: ['lowerClassWonShardRule', 'placedFromIdleList'],
      policy: { shardDecisionUs: UNIT_US, agingUs: 1 },
      shards: 1,
      machines: [{ cores: 4, memoryMB: 4096, swapMB: 0 }],
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: { workUnits: [1] },
    }),
    scope({
      name: 'shardTie',
      description: '1 shard busy 3 units per decision, aging 1 unit: a low head 3 units old ties a fresh high',
      sometimes: ['equalShardScores'],
      policy: { shardDecisionUs: 3 * UNIT_US, agingUs: UNIT_US },
      shards: 1,
      machines: [{ cores: 4, memoryMB: 4096, swapMB: 0 }],
      invocations: 3,
      instantsUnits: [0, 3],
      shapes: { workUnits: [1] },
    }),
    scope({
      name: 'budget',
      description: "1 machine x 1 core, tenant 1's budget exceeded by one invocation: 2 invocations of tenant 0 or 1",
      sometimes: ['throttled', 'released', 'preemptedByTask'],
      ...ONE_MACHINE,
      budgets: { 1: 0.05 },
      invocations: 2,
      instantsUnits: [0, 2],
      shapes: { workUnits: [1], tenants: [0, 1] },
    }),
    scope({
      name: 'device',
      description: '1 machine x 1 core, 600 MB RAM, swap device at 50 GB/s (10 us per 500 MB): 3 of 300 MB',
      sometimes: ['waitedForDevice', 'swappedOut', 'swappedIn', 'residentAtUsable'],
      shards: 1,
      machines: [{ cores: 1, memoryMB: 600, swapMB: 600, swapMBPerS: 50_000 }],
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: { workUnits: [1], memoryMB: [[300, 300]] },
    }),
    scope({
      name: 'shard',
      description: '1 shard busy 1 unit per decision (aging 1 unit), 4 cores: 4 invocations at 0, 1 or 2',
      sometimes: ['placedByPoll', 'placedFromIdleList'],
      policy: { shardDecisionUs: UNIT_US, agingUs: UNIT_US },
      shards: 1,
      machines: [{ cores: 4, memoryMB: 4096, swapMB: 0 }],
      invocations: 4,
      instantsUnits: [0, 1, 2],
      shapes: { workUnits: [1] },
    }),
    scope({
      name: 'antagonist',
      description: '1 machine x 1 core, 1000 MB, 600 MB swap: an antagonist leaves 400 MB for 1 unit; 2 of 300 MB',
      sometimes: ['preemptedByPressure', 'swappedOut', 'swappedIn'],
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 600 }],
      invocations: 2,
      instantsUnits: [0, 1],
      shapes: { memoryMB: [[300, 300]] },
      antagonists: { episodes: 1, usableMB: [400], durationUnits: 1 },
    }),
    scope({
      name: 'kill',
      description: '1 machine x 1 core, 1000 MB RAM, 400 MB swap: 3 invocations of 400, 600 or 601 MB (kills)',
      sometimes: ['killWithSwapOn', 'swapExactlyFull', 'residentAtUsable', 'oneMBOver'],
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 400 }],
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: {
        workUnits: [1],
        memoryMB: [
          [400, 400],
          [600, 600],
          [601, 601],
        ],
      },
    }),
    scope({
      name: 'growth',
      description: '1 machine x 1 core, 1000 MB: 3 invocations growing 100 to 600 MB in 2 steps with time in RAM',
      sometimes: ['reclaimedSwap', 'killWithSwapOn', 'swappedIn'],
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 1000 }],
      model: { ...MODEL, memoryGrowthSteps: 2, memoryGrowth: 'time' },
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: { memoryMB: [[100, 600]] },
    }),
    scope({
      name: 'front',
      description: '1 machine x 1 core: 2 invocations growing 100 to 600 MB, peak after a third of the work',
      sometimes: ['swappedOut', 'preemptedByTask'],
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 1000 }],
      model: { ...MODEL, memoryGrowthSteps: 2, memoryGrowth: 'front', memoryGrowthFrontFraction: 1 / 3 },
      invocations: 2,
      instantsUnits: [0, 1],
      shapes: { memoryMB: [[100, 600]] },
    }),
    scope({
      name: 'sharing',
      description: '1 machine x 1 core, 1 shard busy 1 unit per decision: 5 invocations of 1 or 3 units at 0',
      sometimes: ['preemptedByTask'],
      policy: { shardDecisionUs: UNIT_US },
      shards: 1,
      machines: [{ cores: 1, memoryMB: 4096, swapMB: 0 }],
      invocations: 5,
      instantsUnits: [0],
      shapes: { workUnits: [1, 3] },
    }),
    scope({
      name: 'children',
      description: '1 machine x 2 cores: a parent of either class with a child of either class, and one more',
      sometimes: ['spawned', 'inheritedHigherClass'],
      shards: 1,
      machines: [{ cores: 2, memoryMB: 4096, swapMB: 0 }],
      invocations: 3,
      instantsUnits: [0],
      shapes: { depth: 1, workUnits: [1, 2] },
    }),
    scope({
      name: 'chain',
      description: '1 machine x 2 cores: call chains to depth 2 (grandchildren) of either class, 3 invocations',
      sometimes: ['spawned', 'inheritedHigherClass'],
      shards: 1,
      machines: [{ cores: 2, memoryMB: 4096, swapMB: 0 }],
      invocations: 3,
      instantsUnits: [0],
      shapes: { depth: 2, workUnits: [1] },
    }),
    scope({
      name: 'jiqPair',
      description: '2 machines x 1 core, idle-list entries consumed by placements (JIQ): 2 invocations at 0 or 1',
      sometimes: ['idleEntryTaken', 'placedFromIdleList'],
      policy: { idleEntryOnPlace: 'remove' },
      ...TWO_SMALL_MACHINES,
      invocations: 2,
      instantsUnits: [0, 1],
    }),
    scope({
      name: 'network',
      description: '1 machine x 1 core, delays 1 unit (shard-machine), 2 (dispatcher-shard): 2 invocations at 0 or 6',
      sometimes: ['needDeliver', 'placedFromIdleList', 'placedByPoll'],
      model: { ...MODEL, shardMachineDelayUs: UNIT_US, dispatcherShardDelayUs: 2 * UNIT_US },
      ...ONE_MACHINE,
      invocations: 2,
      instantsUnits: [0, 6],
    }),
    scope({
      name: 'polling',
      description: '2 machines x 1 core never idle (threshold above RAM), k = 1: 3 invocations, every sample',
      sometimes: ['placedByPoll', 'preemptedByTask'],
      model: { ...MODEL, idleThresholdMB: 1 << 20 },
      ...TWO_SMALL_MACHINES,
      invocations: 3,
      instantsUnits: [0, 1],
    }),
    scope({
      name: 'room',
      description: '1 machine x 2 cores, 1024 MB RAM and swap: 4 invocations of 512 or 768 MB at 0 or 1',
      sometimes: ['roomTakenFromRunning', 'reclaimedSwap', 'preemptedByPressure'],
      shards: 1,
      machines: [{ cores: 2, memoryMB: 1024, swapMB: 1024 }],
      model: { ...MODEL, idleThresholdMB: 256 },
      invocations: 4,
      instantsUnits: [0, 1],
      shapes: {
        workUnits: [2],
        memoryMB: [
          [512, 512],
          [768, 768],
        ],
      },
    }),
    scope({
      name: 'jiq',
      description: '2 machines x 1 core, idle-list entries consumed by placements (JIQ): 3 invocations',
      sometimes: ['placedFromIdleList', 'placedByPoll'],
      long: true,
      policy: { idleEntryOnPlace: 'remove' },
      ...TWO_SMALL_MACHINES,
      invocations: 3,
      instantsUnits: [0, 1],
    }),
    scope({
      name: 'cluster',
      description: '2 equal machines x 1 core, 2 shards, k = 2: up to 3 invocations of either class at 0 or 1',
      sometimes: ['placedFromIdleList', 'placedByPoll', 'preemptedByTask'],
      long: true,
      policy: { k: 2 },
      shards: 2,
      machines: [
        { cores: 1, memoryMB: 1024, swapMB: 512 },
        { cores: 1, memoryMB: 1024, swapMB: 512 },
      ],
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: { memoryMB: [[300, 300]] },
    }),
    scope({
      name: 'memory',
      description: '1 machine x 1 core, 1000 MB RAM, 500 MB swap: 3 invocations of 500 or 501 MB, or growing to 500',
      sometimes: ['oneMBOver', 'residentAtUsable', 'swapExactlyFull', 'killWithSwapOn'],
      long: true,
      shards: 1,
      machines: [{ cores: 1, memoryMB: 1000, swapMB: 500 }],
      model: { ...MODEL, memoryGrowthSteps: 2 },
      invocations: 3,
      instantsUnits: [0, 1],
      shapes: {
        memoryMB: [
          [500, 500],
          [501, 501],
          [250, 500],
        ],
      },
    }),
    scope(PRIORITY),
    scope({
      name: 'large',
      description: '2 equal machines x 2 cores, 2 shards, k = 2: up to 4 invocations of either class at 0 or 1',
      sometimes: ['placedFromIdleList', 'placedByPoll'],
      long: true,
      policy: { k: 2 },
      shards: 2,
      machines: [
        { cores: 2, memoryMB: 1024, swapMB: 512 },
        { cores: 2, memoryMB: 1024, swapMB: 512 },
      ],
      invocations: 4,
      instantsUnits: [0, 1],
      shapes: { memoryMB: [[300, 300]] },
    }),
    scope({
      ...PRIORITY,
      name: 'million',
      description: 'priority with up to 5 invocations at 0 to 4 units (1,048,129 states: the size target)',
      invocations: 5,
      instantsUnits: [0, 1, 2, 3, 4],
    }),
  ];
}

/** Liveness scopes: a recurring source of top-class work and one bounded low-class invocation. */
export interface LivenessScope {
  readonly scope: CheckScope;
  /** Instants further back than this are alike (above every crossover of the shard rule in the scope). */
  readonly ageCapUs: number;
}

export function livenessScopes(policy: Readonly<Record<string, unknown>> = { name: 'xx' }): LivenessScope[] {
  return [
    {
      ageCapUs: 20 * UNIT_US,
      scope: {
        name: 'starvation',
        description:
          '1 shard busy 1 unit per decision (aging 1 unit), 4 cores: a high invocation every unit, forever, ' +
          'and one low invocation at 0',
        unitUs: UNIT_US,
        classes: TWO,
        model: MODEL,
        budgets: {},
        policy: { k: 1, shardDecisionUs: UNIT_US, agingUs: UNIT_US, ...policy },
        shards: 1,
        machines: [{ cores: 4, memoryMB: 4096, swapMB: 0 }],
        invocations: 1,
        instantsUnits: [0],
        arrivalClasses: [0],
        shapes: { ...SHAPES, workUnits: [1] },
        recurring: { cls: 1, workUnits: 1, memoryMB: 100, periodUnits: 1, shardId: 0 },
        sometimes: ['placedFromIdleList'],
      },
    },
  ];
}
