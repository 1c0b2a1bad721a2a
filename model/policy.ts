import { z } from 'zod';
import type { KnobValues } from './knobs.ts';
import { defaultsOf, knob } from './knobs.ts';

// Scheduling policies are choices plugged into the one model, not forks of it. XX and each baseline is a preset
// of the same knobs; a scenario may override any knob (e.g. `{ name: xx, idleList: false }`). The defaults are
// XX's choices; every knob is documented here, once (model/README.md's table is generated from it).

export const POLICY_KNOBS = {
  classAware: knob(
    z.boolean(),
    true,
    'Shards and machines look at price classes; false schedules every invocation as class 0.',
  ),
  discipline: knob(
    z.enum(['priority', 'ps']),
    'priority',
    'Machine scheduler: preemptive priority with FCFS inside a class (SCHED_FIFO), or processor sharing.',
  ),
  preemptive: knob(
    z.boolean(),
    true,
    'A strictly higher class may take the core (and memory) of a running lower class.',
  ),
  shardRule: knob(
    z.enum(['priceTimesWait', 'priceOverWait', 'priceOnly', 'fcfs']),
    'priceTimesWait',
    'How a shard ranks the heads of its class queues (model/shard/selection-rule.ts).',
  ),
  agingUs: knob(
    z.number().int().min(1),
    100_000,
    'priceTimesWait: the waiting-time offset that makes a fresh head comparable to an old one.',
  ),
  idleList: knob(z.boolean(), true, 'Machines advertise themselves on shard idle lists (paper 3.2).'),
  idleBy: knob(
    z.enum(['memory', 'slots']),
    'memory',
    'What makes a machine idle: free memory above the threshold (XX) or a free core (Knative).',
  ),
  idleEntryOnPlace: knob(
    z.enum(['keep', 'remove']),
    'keep',
    'A placement keeps the chosen idle-list entry (its counts update) or removes it (JIQ).',
  ),
  whenIdleListEmpty: knob(
    z.enum(['pollK', 'hold']),
    'pollK',
    'With an empty idle list a shard polls k machines (paper 3.2) or holds its work (late binding).',
  ),
  pollPick: knob(
    z.enum(['leastLoaded', 'firstFree']),
    'leastLoaded',
    'Which polled machine is chosen: the least loaded (XX, Hermod) or the first with a free core (OpenWhisk).',
  ),
  loadCounts: knob(
    z.enum(['all', 'equalOrHigher']),
    'all',
    'What counts as load when comparing polled machines: every function, or those of equal or higher class.',
  ),
  swap: knob(z.boolean(), true, 'Memory pressure swaps functions out (XX) or goes straight to kills.'),
  swapOrder: knob(
    z.enum(['strict', 'firstFit']),
    'strict',
    'When the next victim does not fit in swap: kill it (strict), or swap the next victim in order that fits.',
  ),
  swapIn: knob(
    z.enum(['onRun', 'eager']),
    'onRun',
    'When swapped work comes back: when it will run (paper 3.2), or as soon as it fits in free RAM, best first.',
  ),
  reclaimSwap: knob(
    z.boolean(),
    true,
    'When swap cannot take a victim, kill swapped tasks of strictly lower classes to make room before killing it.',
  ),
  k: knob(z.number().int().min(1), 3, 'Machines a shard polls and shards a dispatcher compares (power of k choices).'),
  shardDecisionUs: knob(z.number().int().min(0), 0, 'Time a shard is busy after each placement decision.'),
  throttle: knob(
    z.enum(['hold', 'demote']),
    'hold',
    'Over-budget tenants: hold their invocations until the budget catches up, or run them in the lowest class.',
  ),
} as const;

export type PolicyKnobs = KnobValues<typeof POLICY_KNOBS>;
export type Policy = PolicyKnobs & { readonly name: string };
export type ShardRule = Policy['shardRule'];

const XX: Policy = { name: 'xx', ...defaultsOf(POLICY_KNOBS) };

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
// when it is ready". The real balancer hashes to a home invoker and steps to the next one with capacity; the k
// sampled machines are that probe sequence (first = home): the first with a free core, else the home. Each
// machine runs at most one function per core, FCFS, class-blind, non-preemptive.
const OPENWHISK: Policy = { ...HERMOD, name: 'openwhisk', discipline: 'priority', pollPick: 'firstFree', k: 4 };

// Knative: excess requests are queued centrally (the activator) and handed to a pod when it has capacity:
// late binding, FCFS. Each shard is a central FIFO with an idle list of machines that have a free core; with no
// free machine the shard holds its work.
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

export const POLICY_NAMES: readonly string[] = Object.keys(POLICY_PRESETS);

/** A bad policy option: `field` names it, `expected` says what it should be. */
export class PolicyError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
  }
}

const OPTION_NAMES = [...Object.keys(POLICY_KNOBS), 'name', 'label'];

/**
 * A preset by name, with options overriding its knobs, each checked against its knob's schema. `label` renames
 * the run (e.g. "xx-noidle").
 */
export function resolvePolicy(spec: string | Readonly<Record<string, unknown>>): Policy {
  const options: Readonly<Record<string, unknown>> = typeof spec === 'string' ? { name: spec } : spec;
  const preset = typeof options.name === 'string' ? POLICY_PRESETS[options.name] : undefined;
  if (preset === undefined) {
    throw new PolicyError('name', `one of ${POLICY_NAMES.join(', ')}, got ${JSON.stringify(options.name)}`);
  }
  const overrides: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'name') continue;
    if (key === 'label') {
      if (typeof value !== 'string' || value.length === 0) {
        throw new PolicyError(key, `a non-empty string, got ${JSON.stringify(value)}`);
      }
      overrides.name = value;
      continue;
    }
    const k = (POLICY_KNOBS as Readonly<Record<string, (typeof POLICY_KNOBS)[keyof typeof POLICY_KNOBS]>>)[key];
    if (k === undefined) throw new PolicyError(key, `a known policy option (${OPTION_NAMES.join(', ')})`);
    const parsed = k.schema.safeParse(value);
    if (!parsed.success) throw new PolicyError(key, `${describeKnob(key)}, got ${JSON.stringify(value)}`);
    overrides[key] = parsed.data;
  }
  return { ...preset, ...overrides };
}

function describeKnob(key: string): string {
  const schema = (POLICY_KNOBS as Readonly<Record<string, { schema: z.ZodType }>>)[key].schema;
  if (schema instanceof z.ZodEnum) return `one of ${schema.options.join(', ')}`;
  if (schema instanceof z.ZodBoolean) return 'true or false';
  if (schema instanceof z.ZodNumber) return `${schema.isInt ? 'an integer' : 'a number'} >= ${schema.minValue}`;
  return schema.type;
}

/** The presets as a markdown table: each baseline's knobs that differ from XX's. */
export function presetTableMarkdown(): string {
  const rows = Object.values(POLICY_PRESETS)
    .filter((p) => p.name !== 'xx')
    .map((p) => {
      const changed = Object.keys(POLICY_KNOBS).filter((k) => p[k as keyof PolicyKnobs] !== XX[k as keyof PolicyKnobs]);
      return `| \`${p.name}\` | ${changed.map((k) => `\`${k}: ${String(p[k as keyof PolicyKnobs])}\``).join(', ')} |`;
    });
  return ['| preset | knobs that differ from `xx` |', '|---|---|', ...rows].join('\n');
}
