// `workload: { trace: { ... } }`: the options of a trace-driven workload (see fixtures/traces/README.md).
//
//   format: azure2019 | azure2021
//   path: azure2019: the directory holding the three files (names in `files`); azure2021: the CSV file.
//         A relative path is resolved against the scenario file's directory (createTraceWorkload's baseDir).
//   files: (azure2019) { invocations, durations, memory } file names inside `path`
//         (defaults invocations.csv, durations.csv, memory.csv, as in fixtures/traces/azure2019-*/).
//   classOf: which price class an invocation declares. Either a trigger map (azure2019)
//         `{ http: high, timer: 0, ... }` (class name or index; triggers not listed keep their default:
//         http -> the highest class, every other trigger -> class 0), or a rule:
//         `{ rule: duration, thresholdS: 1 }`: a function whose median execution time is <= thresholdS is
//           user-facing (class `high`, default the highest), the others background (class `low`, default 0).
//           azure2019: the percentile_Average_50 column; azure2021: the median of its invocations' durations
//           in the window (counted in a first pass). Default for azure2021, thresholdS 1.
//         `{ rule: appHash, highFraction: 0.3, salt: '' }`: an app is user-facing when a hash of its id (and
//           salt) falls below highFraction: a fixed, seed-independent random subset of the apps.
//   spread: (azure2019) how a minute's count becomes arrival times inside the minute:
//         uniform (default): exactly the count, at independent uniform times (a Poisson process given its count);
//         poisson: a Poisson-distributed count with the (scaled) count as mean, at uniform times;
//         even: exactly the count, equally spaced: offset (i + 1/2) * 60 s / n.
//   window: { fromMin, toMin }: trace minutes [fromMin, toMin) (azure2019: the minute column numbers, e.g.
//         480..959; azure2021: minute m = start times [60 m, 60 (m+1)) s). Simulated time 0 is the start of
//         minute fromMin (default: the first minute of the file, azure2021: minute 0).
//   rateScale: multiply the invocation counts (0.1, 3, ...). azure2019: a fractional scaled count is
//         rounded at random (uniform: floor + Bernoulli(fraction)), carried over to the next minute (even),
//         or is the mean (poisson). azure2021: each invocation is kept with probability rateScale (< 1) or
//         repeated floor(rateScale) times plus once more with probability the fraction (> 1); the copies are
//         placed at uniform times in the original's minute.
//   targetLoad + cores: instead of rateScale, choose rateScale so that rate * E[runtime] / cores = targetLoad
//         (cores may also come from the scenario's cluster, via createTraceWorkload's options).
//   runtime: (azure2019) { sample: percentiles (default) | average, tails: percentiles (default) | minmax,
//         scale }: percentiles draws by inverse-CDF interpolation between percentile_Average_{0,1,25,50,75,99,100}
//         (sim/trace/percentiles.ts); tails minmax replaces the 0th/100th by the true Minimum/Maximum;
//         average uses the Average column for every invocation. scale multiplies runtimes (both formats).
//         workUs = max(1, round(ms * 1000)): a 0 ms (sub-millisecond) runtime becomes 1 us.
//   memory: { sample: percentiles | average | fixed, peakMB, scale }: the peak memory. percentiles
//         (azure2019 default): inverse CDF over AverageAllocatedMb_pct{1,5,25,50,75,95,99,100}; below the 1st
//         percentile the value is the 1st percentile's (clamped, never extrapolated). average:
//         AverageAllocatedMb. fixed (azure2021, which has no memory): peakMB (default initialMemoryMB).
//         scale multiplies the trace values (e.g. to undo a per-function split of app memory).
//         peakMemoryMB = max(1, round(MB)).
//   initialMemoryMB: the footprint at start (default 100), capped at the invocation's peak: a function whose
//         trace memory is below it starts at its peak and does not grow.
//   missing: (azure2019) error (default) | skip: a function of the invocations file without a row in the
//         durations (or memory) file stops the load, or is left out (counted in the summary).

import { z } from 'zod';
import type { ClassRef } from '../scenario/class-ref.ts';
import { describeValue, InputError } from '../util/errors.ts';
import { formatIssue, pickIssue } from '../util/zod-issue.ts';

export const TRIGGERS = ['http', 'timer', 'queue', 'event', 'storage', 'orchestration', 'others'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export type ClassRule =
  | { readonly rule: 'trigger'; readonly map: Readonly<Partial<Record<Trigger, ClassRef>>> }
  | { readonly rule: 'duration'; readonly thresholdS: number; readonly high?: ClassRef; readonly low?: ClassRef }
  | {
      readonly rule: 'appHash';
      readonly highFraction: number;
      readonly salt: string;
      readonly high?: ClassRef;
      readonly low?: ClassRef;
    };

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function classRef(v: unknown, path: Path, ctx: Ctx): ClassRef | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  ctx.addIssue({ code: 'custom', message: `a class name or index (an integer >= 0), got ${describeValue(v)}`, path });
  return undefined;
}

function parseClassOf(v: unknown, ctx: Ctx): ClassRule | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) {
    ctx.addIssue({
      code: 'custom',
      message: `a trigger map { http: high, ... } or { rule: duration | appHash, ... }, got ${describeValue(v)}`,
      path: [],
    });
    return undefined;
  }
  const known = (keys: readonly string[]) => {
    for (const k of Object.keys(v)) {
      if (!keys.includes(k))
        ctx.addIssue({ code: 'custom', message: `one of ${keys.join(', ')}, got unknown key '${k}'`, path: [k] });
    }
  };
  const num = (key: string, min: number, max: number, dflt: number): number => {
    const x = v[key] === undefined ? dflt : v[key];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) {
      ctx.addIssue({ code: 'custom', message: `a number in [${min}, ${max}], got ${describeValue(x)}`, path: [key] });
      return dflt;
    }
    return x;
  };
  const hl = () => ({
    high: v.high === undefined ? undefined : classRef(v.high, ['high'], ctx),
    low: v.low === undefined ? undefined : classRef(v.low, ['low'], ctx),
  });
  if ('rule' in v) {
    if (v.rule === 'duration') {
      known(['rule', 'thresholdS', 'high', 'low']);
      return { rule: 'duration', thresholdS: num('thresholdS', 0, Number.MAX_VALUE, 1), ...hl() };
    }
    if (v.rule === 'appHash') {
      known(['rule', 'highFraction', 'salt', 'high', 'low']);
      const salt = v.salt === undefined ? '' : v.salt;
      if (typeof salt !== 'string')
        ctx.addIssue({ code: 'custom', message: `a string, got ${describeValue(salt)}`, path: ['salt'] });
      return { rule: 'appHash', highFraction: num('highFraction', 0, 1, 0.5), salt: String(salt), ...hl() };
    }
    ctx.addIssue({
      code: 'custom',
      message: `one of "duration", "appHash", got ${describeValue(v.rule)}`,
      path: ['rule'],
    });
    return undefined;
  }
  known(TRIGGERS);
  const map: Partial<Record<Trigger, ClassRef>> = {};
  for (const t of TRIGGERS) {
    if (v[t] !== undefined) {
      const c = classRef(v[t], [t], ctx);
      if (c !== undefined) map[t] = c;
    }
  }
  return { rule: 'trigger', map };
}

const positive = z.number().positive().max(Number.MAX_VALUE);
const minute = z.number().int().min(0).max(1e9);

export const traceSpecSchema = z
  .strictObject({
    format: z.enum(['azure2019', 'azure2021']),
    path: z.string().min(1),
    files: z
      .strictObject({
        invocations: z.string().min(1).default('invocations.csv'),
        durations: z.string().min(1).default('durations.csv'),
        memory: z.string().min(1).default('memory.csv'),
      })
      .optional(),
    classOf: z
      .unknown()
      .optional()
      .transform((v, ctx) => parseClassOf(v, ctx)),
    spread: z.enum(['uniform', 'poisson', 'even']).default('uniform'),
    window: z.strictObject({ fromMin: minute.optional(), toMin: minute.optional() }).optional(),
    rateScale: positive.optional(),
    targetLoad: positive.optional(),
    cores: z.number().int().min(1).optional(),
    runtime: z
      .strictObject({
        sample: z.enum(['percentiles', 'average']).default('percentiles'),
        tails: z.enum(['percentiles', 'minmax']).default('percentiles'),
        scale: positive.default(1),
      })
      .prefault({}),
    memory: z
      .strictObject({
        sample: z.enum(['percentiles', 'average', 'fixed']).optional(),
        peakMB: positive.optional(),
        scale: positive.default(1),
      })
      .prefault({}),
    initialMemoryMB: z.number().int().min(0).max(1e9).default(100),
    missing: z.enum(['error', 'skip']).default('error'),
  })
  .superRefine((s, ctx) => {
    const add = (path: Path, message: string) => ctx.addIssue({ code: 'custom', message, path });
    const w = s.window;
    if (w?.fromMin !== undefined && w.toMin !== undefined && !(w.toMin > w.fromMin)) {
      add(['window', 'toMin'], `a minute after fromMin (${w.fromMin}), got ${w.toMin}`);
    }
    if (s.rateScale !== undefined && s.targetLoad !== undefined)
      add(['targetLoad'], 'either rateScale or targetLoad, got both');
    if (s.cores !== undefined && s.targetLoad === undefined)
      add(['cores'], 'cores only together with targetLoad, got cores alone');
    if (s.format === 'azure2021') {
      if (s.files !== undefined) add(['files'], 'no files for azure2021 (path is the CSV file), got files');
      if (s.classOf?.rule === 'trigger')
        add(['classOf'], 'a rule (duration or appHash) for azure2021, which has no trigger column, got a trigger map');
      if (s.memory.sample !== undefined && s.memory.sample !== 'fixed')
        add(['memory', 'sample'], `"fixed" for azure2021, which has no memory columns, got "${s.memory.sample}"`);
      if (s.runtime.sample !== 'percentiles' || s.runtime.tails !== 'percentiles')
        add(['runtime'], 'only runtime.scale for azure2021 (it has one duration per invocation), got sample/tails');
    }
    if (
      s.memory.peakMB !== undefined &&
      (s.memory.sample ?? (s.format === 'azure2021' ? 'fixed' : 'percentiles')) !== 'fixed'
    ) {
      add(['memory', 'peakMB'], 'peakMB only with memory.sample: fixed, got peakMB');
    }
  });

export type TraceSpec = z.output<typeof traceSpecSchema>;
export type TraceSpecInput = z.input<typeof traceSpecSchema>;

/**
 * Validates a trace spec on its own (the scenario schema embeds traceSpecSchema instead). Throws only
 * InputError: `<file>: <field.path>: <expected>, got <what>`, the path prefixed with `at` (workload.trace).
 */
export function parseTraceSpec(
  raw: unknown,
  fileName: string,
  at: readonly (string | number)[] = ['workload', 'trace'],
): TraceSpec {
  const result = traceSpecSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  throw new InputError(`${fileName}: ${formatIssue(pickIssue(result.error.issues), at)}`);
}
