// The expected outcome of every property under every policy: one table, so that a change in any cell is noticed
// (test/properties/policy-table.test.ts). 'fails' cells say why; each is a result, not a bug.

export type Outcome = 'holds' | 'fails';

const ALL_HOLD = {
  conservation: 'holds',
  noPriorityInversion: 'holds',
  preemptionChoice: 'holds',
  fcfsWithinClass: 'holds',
  workConservation: 'holds',
  inheritance: 'holds',
  memorySafety: 'holds',
  swapAndKillOrder: 'holds',
  serviceEqualsWork: 'holds',
  swapDevice: 'holds',
  observability: 'holds',
  shardChoice: 'holds',
  idleList: 'holds',
  networkDelay: 'holds',
  billing: 'holds',
  budget: 'holds',
  eventualCompletion: 'holds',
  determinismAndPurity: 'holds',
  lowClassProgress: 'holds',
  isolationOneMachine: 'holds',
  isolationOneMachineMemory: 'holds',
  isolationCluster: 'holds',
} as const satisfies Record<string, Outcome>;

export const EXPECTED: Readonly<Record<string, Readonly<Record<string, Outcome>>>> = {
  xx: {
    ...ALL_HOLD,
    // Low-class work fills swap; a later pressure on high-class work then kills it (swap cannot take the victim).
    isolationOneMachineMemory: 'fails',
    // Placement counts every function on a machine (idle-list entries and loadCounts: all), so low-class work
    // steers high-class work onto a machine busy with other high-class work.
    isolationCluster: 'fails',
  },
  hermod: {
    ...ALL_HOLD,
    // Class-blind processor sharing: a high-class function shares its core with low-class ones.
    noPriorityInversion: 'fails',
    isolationOneMachine: 'fails',
    isolationOneMachineMemory: 'fails',
    isolationCluster: 'fails',
  },
  openwhisk: {
    ...ALL_HOLD,
    // Class-blind FCFS per machine queue: high-class work waits behind low-class work on the same machine.
    noPriorityInversion: 'fails',
    isolationOneMachine: 'fails',
    isolationOneMachineMemory: 'fails',
    isolationCluster: 'fails',
  },
  knative: {
    ...ALL_HOLD,
    // Machines are placed only with a free core, so nothing ever waits on a machine (no inversion there: it
    // happens in the class-blind central queue instead, which isolation catches). A shard holds its work while
    // its own idle list is empty; an idle machine that joined another shard's list never serves it (stranded).
    eventualCompletion: 'fails',
    isolationOneMachine: 'fails',
    isolationOneMachineMemory: 'fails',
    isolationCluster: 'fails',
  },
};

/** A row of the table: a policy (a preset with overrides) and what each property does under it. */
export interface TableRow {
  readonly label: string;
  readonly policy: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly expected: Readonly<Record<string, Outcome>>;
}

/**
 * The rows `priceclass check` runs by default: the four presets, and XX with its alternative mechanisms (JIQ entry
 * removal, budget demotion, firstFit swapping) so those are exercised too.
 */
export const TABLE: readonly TableRow[] = [
  ...Object.entries(EXPECTED).map(([policy, expected]) => ({ label: policy, policy, overrides: {}, expected })),
  {
    label: 'xx-eager-noreclaim',
    policy: 'xx',
    overrides: { swapIn: 'eager', reclaimSwap: false },
    expected: EXPECTED.xx,
  },
  {
    label: 'xx-jiq-demote-firstfit',
    policy: 'xx',
    overrides: { idleEntryOnPlace: 'remove', throttle: 'demote', swapOrder: 'firstFit' },
    expected: EXPECTED.xx,
  },
];

/** Policy overrides under which isolation is checked again (issue 3: count only equal-or-higher-class load). */
export const ISOLATION_VARIANTS: readonly {
  readonly label: string;
  readonly overrides: Readonly<Record<string, unknown>>;
  readonly isolationCluster: Outcome;
}[] = [
  // Still fails: polling counts equal-or-higher work, but an idle-list entry reports every function on its machine.
  { label: 'xx, loadCounts equalOrHigher', overrides: { loadCounts: 'equalOrHigher' }, isolationCluster: 'fails' },
  // Holds: without idle lists every placement polls and counts only equal-or-higher-class work.
  {
    label: 'xx, loadCounts equalOrHigher, no idle list',
    overrides: { loadCounts: 'equalOrHigher', idleList: false },
    isolationCluster: 'holds',
  },
];
