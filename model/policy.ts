// Scheduling policies are choices plugged into the one model, not forks of it. XX and each baseline is a
// preset of the same knobs; a scenario may override any knob (e.g. `{ name: xx, idleList: false }`).

/** How a shard ranks the heads of its per-class queues (see shard.ts for the formulas). */
export type ShardRule = 'priceTimesWait' | 'priceOverWait' | 'priceOnly' | 'fcfs';

export interface Policy {
  readonly name: string;
  /** Whether shards and machines look at price classes at all; false schedules every invocation as class 0. */
  readonly classAware: boolean;
  /** Machine discipline: preemptive priority with FCFS inside a class (SCHED_FIFO), or processor sharing. */
  readonly discipline: 'priority' | 'ps';
  /** Priority discipline only: may a strictly higher class preempt a running function. */
  readonly preemptive: boolean;
  readonly shardRule: ShardRule;
  /** priceTimesWait: the waiting-time offset (us) that makes a fresh head comparable to an old one. */
  readonly agingUs: number;
  /** Whether machines advertise themselves on shard idle lists (paper 3.2). */
  readonly idleList: boolean;
  /** What makes a machine idle: free memory above a threshold (XX) or a free core (Knative-style). */
  readonly idleBy: 'memory' | 'slots';
  /** What a placement does to the chosen idle-list entry: keep it (its counts update) or remove it (JIQ). */
  readonly idleEntryOnPlace: 'keep' | 'remove';
  /** With an empty idle list: poll k machines (XX, paper 3.2) or hold the work in the shard (late binding). */
  readonly whenIdleListEmpty: 'pollK' | 'hold';
  /** How a polled machine is chosen: least loaded (XX, Hermod) or the first with a free core (OpenWhisk). */
  readonly pollPick: 'leastLoaded' | 'firstFree';
  /** What counts as load when comparing machines: every function, or only those of equal or higher class. */
  readonly loadCounts: 'all' | 'equalOrHigher';
  /** Whether memory pressure swaps out non-running functions (XX) or goes straight to kills. */
  readonly swap: boolean;
  /**
   * When the next swap victim does not fit in swap: `strict` kills (victims go strictly in price-class order),
   * `firstFit` passes over it to the next victim in order that fits (fewer kills, but a lower class may stay
   * resident while a higher one is swapped).
   */
  readonly swapOrder: 'strict' | 'firstFit';
  /** Number of machines a shard polls and of shards a dispatcher compares (power of k choices). */
  readonly k: number;
  /** Time a shard is busy after each placement decision (0 allowed). */
  readonly shardDecisionUs: number;
  /** Over-budget tenants: hold their invocations in the shard, or demote them to the lowest class. */
  readonly throttle: 'hold' | 'demote';
}

const XX: Policy = {
  name: 'xx',
  classAware: true,
  discipline: 'priority',
  preemptive: true,
  shardRule: 'priceTimesWait',
  agingUs: 100_000,
  idleList: true,
  idleBy: 'memory',
  idleEntryOnPlace: 'keep',
  whenIdleListEmpty: 'pollK',
  pollPick: 'leastLoaded',
  loadCounts: 'all',
  swap: true,
  swapOrder: 'strict',
  k: 3,
  shardDecisionUs: 0,
  throttle: 'hold',
};

// Hermod (Kaffes et al., SoCC'22), as the paper simulates it: "least-loaded load balancing over machines found
// using power-of-k-choices, combined with early binding and Processor Sharing"; it ignores price classes and
// "does not deal with memory pressure", so pressure kills.
const HERMOD: Policy = {
  ...XX,
  name: 'hermod',
  classAware: false,
  discipline: 'ps',
  preemptive: false,
  shardRule: 'fcfs',
  idleList: false,
  swap: false,
};

// OpenWhisk: "the load balancer will choose which machine to run the function on, and then place the
// invocation, addressed to that machine, into a Kafka queue that the machine ... can pull the invocation from
// when it is ready". The real balancer hashes to a home invoker and steps to the next one with capacity; we take
// the k sampled machines as that probe sequence (first = home) and pick the first with a free core, else the
// home. Each machine runs at most one function per core, FCFS, class-blind, non-preemptive.
const OPENWHISK: Policy = {
  ...HERMOD,
  name: 'openwhisk',
  discipline: 'priority',
  pollPick: 'firstFree',
  k: 4,
};

// Knative: excess requests are queued centrally (the activator) and handed to a pod when it has capacity:
// late binding, FCFS. Modelled as each shard's central FIFO plus an idle list of machines with a free core
// (join-idle-queue by slots); with no free machine the shard holds the work.
const KNATIVE: Policy = {
  ...HERMOD,
  name: 'knative',
  discipline: 'priority',
  idleList: true,
  idleBy: 'slots',
  whenIdleListEmpty: 'hold',
};

export const POLICY_PRESETS: Readonly<Record<string, Policy>> = {
  xx: XX,
  hermod: HERMOD,
  openwhisk: OPENWHISK,
  knative: KNATIVE,
};

export class PolicyError extends Error {
  constructor(readonly field: string, readonly expected: string) {
    super(`${field}: ${expected}`);
  }
}

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  discipline: ['priority', 'ps'],
  shardRule: ['priceTimesWait', 'priceOverWait', 'priceOnly', 'fcfs'],
  idleBy: ['memory', 'slots'],
  idleEntryOnPlace: ['keep', 'remove'],
  whenIdleListEmpty: ['pollK', 'hold'],
  pollPick: ['leastLoaded', 'firstFree'],
  loadCounts: ['all', 'equalOrHigher'],
  throttle: ['hold', 'demote'],
  swapOrder: ['strict', 'firstFit'],
};
const BOOLEANS = ['classAware', 'preemptive', 'idleList', 'swap'];
const NUMBERS: Readonly<Record<string, { min: number; integer: boolean }>> = {
  agingUs: { min: 1, integer: true },
  k: { min: 1, integer: true },
  shardDecisionUs: { min: 0, integer: true },
};

/**
 * A preset by name, with options overriding its knobs. Options are checked one by one; an error names the
 * option (`PolicyError.field`) and what was expected. `label` may rename the run (e.g. "xx-noidle").
 */
export function resolvePolicy(spec: string | Readonly<Record<string, unknown>>): Policy {
  const options: Readonly<Record<string, unknown>> = typeof spec === 'string' ? { name: spec } : spec;
  const baseName = options.name;
  if (typeof baseName !== 'string' || !(baseName in POLICY_PRESETS)) {
    throw new PolicyError('name', `one of ${Object.keys(POLICY_PRESETS).join(', ')}, got ${JSON.stringify(baseName)}`);
  }
  const policy: Record<string, unknown> = { ...POLICY_PRESETS[baseName] };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'name') continue;
    if (key === 'label') {
      if (typeof value !== 'string' || value.length === 0) throw new PolicyError(key, `a non-empty string, got ${JSON.stringify(value)}`);
      policy.name = value;
    } else if (key in ENUMS) {
      if (typeof value !== 'string' || !ENUMS[key].includes(value)) throw new PolicyError(key, `one of ${ENUMS[key].join(', ')}, got ${JSON.stringify(value)}`);
      policy[key] = value;
    } else if (BOOLEANS.includes(key)) {
      if (typeof value !== 'boolean') throw new PolicyError(key, `true or false, got ${JSON.stringify(value)}`);
      policy[key] = value;
    } else if (key in NUMBERS) {
      const rule = NUMBERS[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
        throw new PolicyError(key, `${rule.integer ? 'an integer' : 'a number'} >= ${rule.min}, got ${JSON.stringify(value)}`);
      }
      policy[key] = value;
    } else {
      throw new PolicyError(key, `a known policy option (${[...Object.keys(ENUMS), ...BOOLEANS, ...Object.keys(NUMBERS), 'label'].join(', ')})`);
    }
  }
  return policy as unknown as Policy;
}
