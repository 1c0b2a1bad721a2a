import type { InvocationTemplate } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

// Small scopes for the exhaustive explorer: each a fixed cluster and fixed arrivals (times, classes, sizes),
// over which the explorer enumerates every interleaving of same-time events and every sampled machine, sampled
// shard and child routing. Each scope is aimed at some of the mechanisms the mutants break; together they
// cover every mutant in mutants.ts. Policy knobs that are XX's own are kept for the baselines too (harmless).

const TWO = [
  { name: 'low', pricePerCpuS: 0.5 },
  { name: 'high', pricePerCpuS: 2 },
];

const t = (
  id: number,
  cls: number,
  workUs: number,
  memoryMB: number,
  extra: Partial<InvocationTemplate> = {},
): InvocationTemplate => ({
  id,
  tenantId: 0,
  functionId: id,
  declaredClass: cls,
  workUs,
  initialMemoryMB: memoryMB,
  peakMemoryMB: memoryMB,
  children: [],
  ...extra,
});

export interface Scope {
  readonly name: string;
  readonly description: string;
  readonly scenario: Scenario;
}

function base(policy: string, knobs: Record<string, unknown>): Omit<Scenario, 'machines' | 'arrivals' | 'shards'> {
  return {
    policy: { name: policy, ...knobs },
    classes: TWO,
    memoryGrowthSteps: 1,
    idleThresholdMB: 512,
    idleUpdateDeltaMB: 128,
    budgets: {},
    antagonists: [],
    tape: [],
  };
}

export function scopes(policy: string): Scope[] {
  return [
    {
      name: 'cluster',
      description:
        `2 machines x 2 cores (1024 MB, 512 MB swap), 2 shards, 4 invocations (one a child), 2 classes,` +
        ` memory growing in 2 steps`,
      scenario: {
        ...base(policy, { k: 2 }),
        memoryGrowthSteps: 2,
        shards: 2,
        machines: [
          { cores: 2, memoryMB: 1024, swapMB: 512 },
          { cores: 2, memoryMB: 1024, swapMB: 512 },
        ],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 40_000, 300, { peakMemoryMB: 500 }) },
          { atUs: 0, shardId: 1, template: t(2, 0, 30_000, 400) },
          {
            atUs: 10_000,
            shardId: 0,
            template: t(3, 1, 20_000, 300, { children: [{ afterWorkUs: 10_000, spec: t(4, 0, 10_000, 300) }] }),
          },
        ],
      },
    },
    {
      name: 'priority',
      description: '1 machine x 2 cores, two low-class invocations, then a high one that spawns a low-declared child',
      scenario: {
        ...base(policy, { k: 1 }),
        shards: 1,
        machines: [{ cores: 2, memoryMB: 4096, swapMB: 0 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 50_000, 100) },
          { atUs: 0, shardId: 0, template: t(2, 0, 50_000, 100) },
          {
            atUs: 10_000,
            shardId: 0,
            template: t(3, 1, 30_000, 100, { children: [{ afterWorkUs: 10_000, spec: t(4, 0, 10_000, 100) }] }),
          },
        ],
      },
    },
    {
      name: 'memory',
      description: '1 machine x 1 core, 1000 MB RAM and 1000 MB swap, four 300 MB invocations: pressure swaps',
      scenario: {
        ...base(policy, { k: 1 }),
        shards: 1,
        machines: [{ cores: 1, memoryMB: 1000, swapMB: 1000 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 1, 50_000, 300) },
          { atUs: 0, shardId: 0, template: t(2, 0, 10_000, 300) },
          { atUs: 0, shardId: 0, template: t(3, 1, 10_000, 300) },
          { atUs: 10_000, shardId: 0, template: t(4, 1, 10_000, 300) },
        ],
      },
    },
    {
      name: 'kill',
      description: '1 machine x 1 core, 1000 MB RAM and 200 MB swap: pressure kills',
      scenario: {
        ...base(policy, { k: 1 }),
        shards: 1,
        machines: [{ cores: 1, memoryMB: 1000, swapMB: 200 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 1, 30_000, 400) },
          { atUs: 0, shardId: 0, template: t(2, 0, 10_000, 300) },
          { atUs: 10_000, shardId: 0, template: t(3, 1, 10_000, 400) },
        ],
      },
    },
    {
      name: 'shard',
      description: '1 shard busy 100 ms per decision (aging 1 ms), low work queued long vs a fresher high head',
      scenario: {
        ...base(policy, { k: 1, shardDecisionUs: 100_000, agingUs: 1_000 }),
        shards: 1,
        machines: [{ cores: 4, memoryMB: 4096, swapMB: 0 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 10_000, 100) },
          { atUs: 0, shardId: 0, template: t(2, 0, 10_000, 100) },
          { atUs: 90_000, shardId: 0, template: t(3, 1, 10_000, 100) },
          { atUs: 100_000, shardId: 0, template: t(4, 0, 10_000, 100) },
        ],
      },
    },
    {
      name: 'polling',
      description: '2 machines x 1 core never idle (threshold above RAM), k = 1: every sampled machine is explored',
      scenario: {
        ...base(policy, { k: 1 }),
        idleThresholdMB: 1 << 20,
        shards: 1,
        machines: [
          { cores: 1, memoryMB: 1024, swapMB: 0 },
          { cores: 1, memoryMB: 1024, swapMB: 0 },
        ],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 10_000, 100) },
          { atUs: 0, shardId: 0, template: t(2, 1, 10_000, 100) },
        ],
      },
    },
    {
      name: 'budget',
      description:
        "1 machine x 1 core, tenant 1's budget exceeded by its first invocation: the next is held, then released",
      scenario: {
        ...base(policy, { k: 1 }),
        budgets: { 1: 0.05 },
        shards: 1,
        machines: [{ cores: 1, memoryMB: 4096, swapMB: 0 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 10_000, 100, { tenantId: 1 }) },
          { atUs: 20_000, shardId: 0, template: t(2, 1, 10_000, 100, { tenantId: 1 }) },
        ],
      },
    },
    {
      name: 'jiq',
      description: '2 machines x 1 core on one shard, idle-list entries consumed by placements (JIQ), 3 invocations',
      scenario: {
        ...base(policy, { k: 1, idleEntryOnPlace: 'remove' }),
        shards: 1,
        machines: [
          { cores: 1, memoryMB: 1024, swapMB: 0 },
          { cores: 1, memoryMB: 1024, swapMB: 0 },
        ],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 10_000, 100) },
          { atUs: 0, shardId: 0, template: t(2, 1, 10_000, 100) },
          { atUs: 10_000, shardId: 0, template: t(3, 0, 10_000, 100) },
        ],
      },
    },
    {
      name: 'antagonist',
      description:
        '1 machine x 1 core, 1000 MB: an antagonist takes 600 MB for 10 ms while three 300 MB functions wait',
      scenario: {
        ...base(policy, { k: 1 }),
        shards: 1,
        machines: [{ cores: 1, memoryMB: 1000, swapMB: 600 }],
        arrivals: [
          { atUs: 0, shardId: 0, template: t(1, 0, 20_000, 300) },
          { atUs: 0, shardId: 0, template: t(2, 1, 10_000, 300) },
          { atUs: 0, shardId: 0, template: t(3, 0, 10_000, 300) },
        ],
        antagonists: [
          { atUs: 10_000, machineId: 0, memoryMB: 400 },
          { atUs: 20_000, machineId: 0, memoryMB: 1000 },
        ],
      },
    },
  ];
}
