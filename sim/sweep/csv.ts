// sweep.csv: one row per point x policy x class, ordered by point index, then policy and class as run.
// Built only from point files, so one worker, many workers, or shards + merge give the same bytes.

import type { ClassMemory, ClassResult } from '../metrics/document.ts';
import { displayValue } from './grid.ts';
import type { PointResult } from './point-file.ts';

export interface SweepRecord {
  /** Swept non-seed parameters, in grid order, as displayed. */
  readonly params: readonly { key: string; value: unknown; text: string }[];
  readonly seed: number;
  readonly policy: string;
  readonly cls: string;
  readonly stats: Readonly<Record<StatField, number | null>>;
  readonly arrived: number;
  readonly completed: number;
  readonly killed: number;
}

export const STAT_FIELDS = [
  'latencyMeanS',
  'latencyP50S',
  'latencyP90S',
  'latencyP99S',
  'latencyP999S',
  'slowdownMean',
  'slowdownP99',
  // Swap of the class over the whole run (warmup included): traffic out and in, swap-ins, time waiting for them.
  'swappedOutMB',
  'swappedInMB',
  'swapIns',
  'swapInWaitS',
  'swapInWaitMeanS',
] as const;
export type StatField = (typeof STAT_FIELDS)[number];
/** What a plot can show: a statistic, or the class's kill count. */
export type PlotField = StatField | 'killed';

function stats(c: ClassResult, m: ClassMemory | undefined): Record<StatField, number | null> {
  return {
    latencyMeanS: c.latencyS.mean,
    latencyP50S: c.latencyS.p50,
    latencyP90S: c.latencyS.p90,
    latencyP99S: c.latencyS.p99,
    latencyP999S: c.latencyS.p999,
    slowdownMean: c.slowdown.mean,
    slowdownP99: c.slowdown.p99,
    swappedOutMB: m?.swappedOutMB ?? null,
    swappedInMB: m?.swappedInMB ?? null,
    swapIns: m?.swapIns ?? null,
    swapInWaitS: m?.swapInWaitS.total ?? null,
    swapInWaitMeanS: m?.swapInWaitS.mean ?? null,
  };
}

export function sweepRecords(points: readonly PointResult[]): SweepRecord[] {
  const sorted = [...points].sort((a, b) => a.index - b.index);
  return sorted.flatMap((p) => {
    const params = p.params
      .filter((a) => a.key !== 'seed')
      .map((a) => ({ key: a.key, value: a.value, text: displayValue(a.key, a.value) }));
    return p.runs.flatMap((run) =>
      run.classes.map((c) => ({
        params,
        seed: p.seed,
        policy: run.policy,
        cls: c.name,
        stats: stats(
          c,
          run.memory?.classes.find((mc) => mc.name === c.name),
        ),
        arrived: c.arrived,
        completed: c.completed,
        killed: c.killed,
      })),
    );
  });
}

export function sweepCsv(keys: readonly string[], records: readonly SweepRecord[]): string {
  const paramKeys = keys.filter((k) => k !== 'seed');
  const header = [...paramKeys, 'seed', 'policy', 'class', 'arrived', 'completed', 'killed', ...STAT_FIELDS]
    .map(csvText)
    .join(',');
  const cell = (v: number | null) => (v === null ? '' : String(v));
  const rows = records.map((r) =>
    [
      ...r.params.map((p) => csvText(p.text)),
      String(r.seed),
      csvText(r.policy),
      csvText(r.cls),
      r.arrived,
      r.completed,
      r.killed,
      ...STAT_FIELDS.map((f) => cell(r.stats[f])),
    ].join(','),
  );
  return `${[header, ...rows].join('\n')}\n`;
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
