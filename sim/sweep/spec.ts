// The sweep file: a base scenario (a path relative to the sweep file, or an inline mapping), a grid of scenario
// paths to values, optional fixed overrides (`set`), and optionally the metrics to plot. Validated strictly;
// every problem is one InputError line naming the sweep file and the field.

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseText } from '../scenario/parse.ts';
import { describeValue, formatPath, InputError } from '../util/errors.ts';
import { formatIssue, pickIssue } from '../util/zod-issue.ts';

/** Plot names and the statistic each one shows (all statistics are in the CSV regardless). */
export const METRICS = {
  mean: { title: 'mean latency (s)', field: 'latencyMeanS' },
  p50: { title: 'p50 latency (s)', field: 'latencyP50S' },
  p90: { title: 'p90 latency (s)', field: 'latencyP90S' },
  p99: { title: 'p99 latency (s)', field: 'latencyP99S' },
  p999: { title: 'p99.9 latency (s)', field: 'latencyP999S' },
  slowdown: { title: 'mean slowdown', field: 'slowdownMean' },
  'slowdown-p99': { title: 'p99 slowdown', field: 'slowdownP99' },
  killed: { title: 'invocations killed', field: 'killed' },
  'swap-out': { title: 'swapped out (MB)', field: 'swappedOutMB' },
  'swap-in': { title: 'swapped in (MB)', field: 'swappedInMB' },
  'swap-wait': { title: 'time waiting for swap-ins (s)', field: 'swapInWaitS' },
  'swap-wait-mean': { title: 'mean wait per swap-in (s)', field: 'swapInWaitMeanS' },
} as const;
export type MetricName = keyof typeof METRICS;
export const DEFAULT_METRICS: readonly MetricName[] = ['p99', 'slowdown'];

/** A grid axis: an explicit list, an integer range "A..B", or { from, to, step }. */
const range = z.strictObject({ from: z.number(), to: z.number(), step: z.number().positive() });
const axis = z.union([
  z.array(z.unknown()).min(1),
  z.string().regex(/^\s*\d+\s*\.\.\s*\d+\s*$/, 'an integer range like "1..5"'),
  range,
]);

const sweepSchema = z.strictObject({
  name: z.string().min(1).optional(),
  base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  set: z.record(z.string(), z.unknown()).optional(),
  grid: z.record(z.string(), axis).refine((g) => Object.keys(g).length > 0, 'at least one grid key'),
  metrics: z
    .array(z.enum(Object.keys(METRICS) as [MetricName, ...MetricName[]]))
    .min(1)
    .optional(),
});

export type SweepAxis = z.output<typeof axis>;
export interface SweepFile {
  readonly name?: string;
  readonly base: string | Record<string, unknown>;
  /** Fixed overrides applied to the base before the grid's (same paths as grid keys). */
  readonly set: Readonly<Record<string, unknown>>;
  readonly grid: Readonly<Record<string, SweepAxis>>;
  readonly metrics: readonly MetricName[];
}

/** Reads and validates a sweep file (shape only: the points are checked by the plan). */
export function readSweepFile(path: string): SweepFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseSweepText(text, path);
}

export function parseSweepText(text: string, fileName: string): SweepFile {
  const raw = parseText(text, fileName);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(`${fileName}: (top level): a mapping with base and grid, got ${describeValue(raw)}`);
  }
  const result = sweepSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const issue = pickIssue(result.error.issues);
    if (issue.code === 'invalid_union') {
      // Name the alternatives instead of zod's generic "invalid input".
      const path = formatPath(issue.path);
      const want =
        path === 'base'
          ? 'a scenario file path or an inline scenario mapping'
          : 'a list of values, an integer range like "1..5", or { from, to, step }';
      throw new InputError(
        `${fileName}: ${path}: ${want}, got ${describeValue('input' in issue ? issue.input : undefined)}`,
      );
    }
    if (issue.code === 'custom' && issue.path.length === 1 && issue.path[0] === 'grid') {
      throw new InputError(`${fileName}: grid: at least one grid key, got an empty grid`);
    }
    throw new InputError(`${fileName}: ${formatIssue(issue)}`);
  }
  const d = result.data;
  return { name: d.name, base: d.base, set: d.set ?? {}, grid: d.grid, metrics: d.metrics ?? DEFAULT_METRICS };
}
