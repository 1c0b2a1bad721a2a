// The zod schema of a scenario file. Field-level checks live in the schema; checks that relate fields
// (weights vs classes, warmup vs duration, phases, load vs runtime mean, the kind of workload, explicit
// invocations vs the class table and durationS, antagonists vs the machines and durationS) live in `crossCheck`.
// Issues carry paths; sim/scenario/parse.ts turns the first one into a one-line InputError.

import { z } from 'zod';
import { MODEL_KNOBS, optionalSchemaOf, POLICY_KNOBS } from '../../model/index.ts';
import { describeValue } from '../util/errors.ts';
import { antagonistProcessSchema, antagonistsSchema, checkAntagonists } from './antagonists.ts';
import { distField } from './dist-field.ts';
import { type DistSpec, distMean } from './distribution.ts';
import { checkInvocations, checkNoGeneratorFields, invocationsSchema } from './invocations.ts';
import { KNOWN_POLICIES, type PolicySpec } from './types.ts';

/** The paper's runtime model (section 4.1): Pareto with alpha 2.5, x_m drawn per function from N(50 ms, 10 ms). */
const PAPER_RUNTIME_S = { dist: 'pareto', alpha: 2.5, xm: { dist: 'normal', mean: 0.05, sd: 0.01 } } as const;

const positiveInt = z.number().int().min(1);
const positive = z.number().positive();
const nonNegative = z.number().min(0);

const policyEntry = z.unknown().transform((value, ctx): PolicySpec => {
  const name = typeof value === 'string' ? value : isRecord(value) ? value.name : undefined;
  const namePath = typeof value === 'string' ? [] : ['name'];
  if (typeof value !== 'string' && !isRecord(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `a policy name or { name: ..., options }, got ${describeValue(value)}`,
      path: [],
    });
  } else if (typeof name !== 'string' || !KNOWN_POLICIES.includes(name)) {
    ctx.addIssue({
      code: 'custom',
      message: `one of ${KNOWN_POLICIES.join(', ')}, got ${describeValue(name)}`,
      path: namePath,
    });
  }
  // Options are kept as a record: the model's resolvePolicy validates them.
  return typeof value === 'string' ? { name: value } : ({ ...(value as Record<string, unknown>) } as PolicySpec);
});

const phase = z.strictObject({
  fromS: nonNegative,
  ratePerS: positive.optional(),
  load: positive.optional(),
});

const priceClass = z.strictObject({ name: z.string().min(1), pricePerCpuS: positive });

// swapMBPerS: the bandwidth of each machine's swap device; absent or "unlimited" means unlimited (the paper's
// assumption). The word exists so a sweep grid can list unlimited beside numbers; parse.ts drops it.
const swapBandwidth = z
  .union([positive, z.literal('unlimited')], { error: 'a positive number (MB/s) or "unlimited"' })
  .optional();

const machineSpec = z.strictObject({
  cores: positiveInt,
  memoryMB: positive,
  swapMB: nonNegative,
  swapMBPerS: swapBandwidth,
});

const uniformCluster = z.strictObject({
  machines: positiveInt.default(100),
  coresPerMachine: positiveInt.default(8),
  memoryMB: z
    .union([positive, z.literal('unbounded')], { error: 'a positive number or "unbounded"' })
    .default('unbounded'),
  swapMB: nonNegative.default(0),
  swapMBPerS: swapBandwidth,
  shards: positiveInt.default(4),
  // Machines that differ (a replayed counterexample): the list replaces the four uniform fields above.
  machineList: z.array(machineSpec).min(1).optional(),
});

const UNIFORM_FIELDS = ['machines', 'coresPerMachine', 'memoryMB', 'swapMB', 'swapMBPerS'];

/** machineList describes every machine: the uniform fields may not be given beside it. */
const cluster = z
  .unknown()
  .superRefine((raw, ctx) => {
    if (typeof raw !== 'object' || raw === null || !('machineList' in raw)) return;
    for (const field of UNIFORM_FIELDS.filter((f) => f in raw)) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'absent when machineList describes the machines' });
    }
  })
  .pipe(uniformCluster);

const memory = z.strictObject({
  initial: nonNegative.default(100),
  peak: distField(undefined),
});

const generatedOrGiven = z.strictObject({
  functions: positiveInt.default(1000),
  tenants: positiveInt.optional(),
  arrivals: z.array(phase).min(1).optional(),
  // A trace workload (sim/trace/spec.ts validates it in parse.ts, where the file's directory is known).
  trace: z.unknown().optional(),
  // Invocations written out one by one (invocations.ts).
  invocations: invocationsSchema.optional(),
  runtimeS: distField(PAPER_RUNTIME_S),
  classWeights: z.array(nonNegative).optional(),
  memoryMB: memory.optional(),
  callProbability: z.number().min(0).max(1).default(0),
});

/** Exactly one of arrivals (generated), trace or invocations; see crossCheck. */
const workload = z.unknown().superRefine(checkNoGeneratorFields).pipe(generatedOrGiven);

// Model knobs (memory growth, idle lists, prices...) and, as defaults for every policy of the scenario, policy
// knobs (a policy's own option overrides them): both declared once in the model (model/config.ts, model/policy.ts).
const model = optionalSchemaOf({ ...MODEL_KNOBS, ...POLICY_KNOBS });

const scenarioFields = z.strictObject({
  name: z.string().min(1).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  durationS: positive,
  warmupS: nonNegative.default(0),
  tickS: positive.default(1),
  drain: z.boolean().default(true),
  cluster: cluster.default({ machines: 100, coresPerMachine: 8, memoryMB: 'unbounded', swapMB: 0, shards: 4 }),
  policies: z
    .array(policyEntry)
    .min(1)
    .default(() => [{ name: 'xx' }]),
  priceClasses: z
    .array(priceClass)
    .min(1)
    .default([
      { name: 'low', pricePerCpuS: 0.5 },
      { name: 'high', pricePerCpuS: 2.0 },
    ]),
  workload,
  model: model.default({}),
  budgets: z.record(z.string().regex(/^\d+$/, 'a tenant id (a non-negative integer)'), nonNegative).default({}),
  // Memory antagonists (antagonists.ts): listed ones, and a random process of them (null: none, so that
  // `--set antagonistProcess=null` switches it off as `--set antagonists=[]` empties the list).
  antagonists: antagonistsSchema,
  antagonistProcess: antagonistProcessSchema.nullable().optional(),
});

export const scenarioSchema = scenarioFields.superRefine((s, ctx) => crossCheck(s, ctx));

type Parsed = z.output<typeof scenarioFields>;

type Add = (path: (string | number)[], message: string) => void;

function crossCheck(s: Parsed, ctx: z.RefinementCtx): void {
  const add: Add = (path, message) => ctx.addIssue({ code: 'custom', message, path });
  if (s.warmupS >= s.durationS) add(['warmupS'], `a number < durationS (${s.durationS}), got ${s.warmupS}`);
  if (s.tickS > s.durationS) add(['tickS'], `a number <= durationS (${s.durationS}), got ${s.tickS}`);
  checkPriceClasses(s.priceClasses, add);
  checkClassWeights(s.workload.classWeights, s.priceClasses.length, add);
  checkWorkloadKind(s.workload, add);
  checkPhases(s.workload.arrivals ?? [], add);
  if ((s.workload.arrivals ?? []).some((p) => p.load !== undefined)) checkMeanRuntime(s.workload.runtimeS, add);
  const invocations = s.workload.invocations ?? [];
  checkInvocations(
    invocations,
    s.priceClasses.map((c) => c.name),
    s.durationS,
    add,
  );
  checkAntagonists(
    s.antagonists,
    s.antagonistProcess ?? undefined,
    { durationS: s.durationS, ramMB: ramOf(s.cluster) },
    add,
  );
}

/** Each machine's RAM in MB (Infinity when unbounded). */
function ramOf(c: Parsed['cluster']): number[] {
  if (c.machineList !== undefined) return c.machineList.map((m) => m.memoryMB);
  const ramMB = c.memoryMB === 'unbounded' ? Infinity : c.memoryMB;
  return Array.from({ length: c.machines }, () => ramMB);
}

function checkPriceClasses(classes: Parsed['priceClasses'], add: Add): void {
  const names = new Set<string>();
  classes.forEach((c, i) => {
    if (names.has(c.name)) {
      add(['priceClasses', i, 'name'], `a name not used by another class, got ${describeValue(c.name)}`);
    }
    names.add(c.name);
    const lower = classes[i - 1]?.pricePerCpuS;
    if (i > 0 && !(c.pricePerCpuS > lower)) {
      add(
        ['priceClasses', i, 'pricePerCpuS'],
        `a price above the previous (lower) class's ${lower}, got ${c.pricePerCpuS}`,
      );
    }
  });
}

function checkClassWeights(weights: readonly number[] | undefined, classCount: number, add: Add): void {
  if (weights === undefined) return;
  if (weights.length !== classCount) {
    add(['workload', 'classWeights'], `${classCount} weights (one per price class), got ${weights.length}`);
  } else if (!(weights.reduce((a, b) => a + b, 0) > 0)) {
    add(['workload', 'classWeights'], 'weights with a positive sum, got sum 0');
  }
}

function checkWorkloadKind(w: Parsed['workload'], add: Add): void {
  const given = [w.arrivals, w.trace, w.invocations].filter((x) => x !== undefined).length;
  if (given === 1) return;
  add(
    ['workload'],
    'exactly one of arrivals (a synthetic Poisson workload), trace (a real trace) or invocations (written out), ' +
      `got ${given === 0 ? 'none' : given === 2 ? 'two' : 'all three'}`,
  );
}

function checkPhases(phases: NonNullable<Parsed['workload']['arrivals']>, add: Add): void {
  phases.forEach((p, i) => {
    const given = (p.ratePerS !== undefined ? 1 : 0) + (p.load !== undefined ? 1 : 0);
    if (given !== 1) {
      add(['workload', 'arrivals', i], `exactly one of ratePerS or load, got ${given === 0 ? 'neither' : 'both'}`);
    }
    if (i === 0 && p.fromS !== 0) {
      add(['workload', 'arrivals', 0, 'fromS'], `0 (the first phase starts at 0), got ${p.fromS}`);
    }
    if (i > 0 && !(p.fromS > phases[i - 1].fromS)) {
      add(
        ['workload', 'arrivals', i, 'fromS'],
        `a time after the previous phase's ${phases[i - 1].fromS} (phases sorted by fromS), got ${p.fromS}`,
      );
    }
  });
}

/** Arrivals given as a load need the runtime's mean: finite and positive. */
function checkMeanRuntime(rt: DistSpec, add: Add): void {
  if (rt.dist === 'pareto') {
    const alpha = typeof rt.alpha === 'number' ? rt.alpha : distMean(rt.alpha);
    if (!(alpha > 1)) {
      add(
        ['workload', 'runtimeS', 'alpha'],
        `alpha > 1 when arrivals use load (the mean runtime is infinite otherwise), got ${alpha}`,
      );
    }
  }
  const mean = distMean(rt);
  if (!(mean > 0) || !Number.isFinite(mean)) {
    add(
      ['workload', 'runtimeS'],
      `a distribution with a finite positive mean when arrivals use load, got mean ${mean}`,
    );
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type ParsedScenario = Parsed;
