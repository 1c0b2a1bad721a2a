// Aggregation across seeds: per series (policy, class and any other swept parameter) and x (the first swept
// numeric non-seed parameter), the mean and 95% CI of a statistic. Feeds the plots and sweep.md.

import type { SweepRow } from '../report/plots.ts';
import type { PlotField, SweepRecord } from './csv.ts';
import { meanCi } from './stats.ts';

/** The x axis: the first swept non-seed parameter whose values are all numbers (null if there is none). */
export function xKey(keys: readonly string[], records: readonly SweepRecord[]): string | null {
  for (const key of keys) {
    if (key === 'seed') continue;
    if (records.every((r) => typeof r.params.find((p) => p.key === key)?.value === 'number')) return key;
  }
  return null;
}

export function seriesName(r: SweepRecord, x: string): string {
  const extra = r.params.filter((p) => p.key !== x && p.key !== 'policies').map((p) => `${p.key}=${p.text}`);
  return [`${r.policy} ${r.cls}`, ...extra].join(' ');
}

/** One row per series and x value, in first-seen order (point order), skipping groups with no value. */
export function aggregate(records: readonly SweepRecord[], x: string, field: PlotField): SweepRow[] {
  const groups = new Map<string, { series: string; x: number; values: number[] }>();
  for (const r of records) {
    const series = seriesName(r, x);
    const xv = r.params.find((p) => p.key === x)?.value as number;
    const id = `${series}\u0000${xv}`;
    let g = groups.get(id);
    if (!g) {
      g = { series, x: xv, values: [] };
      groups.set(id, g);
    }
    const v = field === 'killed' ? r.killed : r.stats[field];
    if (v !== null) g.values.push(v);
  }
  const rows: SweepRow[] = [];
  for (const g of groups.values()) {
    const ci = meanCi(g.values);
    if (ci !== null) rows.push({ series: g.series, x: g.x, mean: ci.mean, lo: ci.lo, hi: ci.hi });
  }
  return rows;
}
