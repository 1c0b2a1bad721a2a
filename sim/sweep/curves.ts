// A sweep's curves: per metric, the mean and confidence band of each series against the swept parameter, and the
// same as a table. sweep.md, the PNG plots and report.html all draw from these.

import type { SweepOptions, SweepRow } from '../report/plots.ts';
import type { SweepRecord } from './csv.ts';
import type { SweepMeta } from './outputs.ts';
import { METRICS, type MetricName } from './spec.ts';
import { aggregate } from './summary.ts';

/** A metric's curve: its rows across seeds and the plot options (shared by the PNG and report.html). */
export interface MetricCurve {
  readonly metric: MetricName;
  readonly rows: SweepRow[];
  readonly options: SweepOptions;
}

/** One curve per metric with data, against the swept parameter `x`. */
export function metricCurves(meta: SweepMeta, records: readonly SweepRecord[], x: string): MetricCurve[] {
  return meta.metrics.flatMap((metric) => {
    const m = METRICS[metric];
    const rows = aggregate(records, x, m.field);
    if (rows.length === 0) return [];
    // A log axis only when every band stays positive (latencies span decades between light and heavy load).
    const logY = metric !== 'slowdown' && metric !== 'slowdown-p99' && rows.every((r) => r.lo > 0);
    const options: SweepOptions = {
      xTitle: x,
      yTitle: m.title,
      title: `${meta.name}: ${m.title} vs ${x} (mean ± 95% CI across seeds)`,
      logY,
      seriesTitle: 'policy class',
    };
    return [{ metric, rows, options }];
  });
}

/** A curve as a table: one row per x value, one column per series, cells `mean ± CI half-width`. */
export function curveTable(c: MetricCurve, x: string): { header: string[]; rows: string[][] } {
  const xs = [...new Set(c.rows.map((r) => r.x))];
  const series = [...new Set(c.rows.map((r) => r.series))];
  const rows = xs.map((xv) => [
    String(xv),
    ...series.map((s) => {
      const r = c.rows.find((row) => row.series === s && row.x === xv);
      return r === undefined ? '–' : `${fmt(r.mean)} ± ${fmt((r.hi - r.lo) / 2)}`;
    }),
  ]);
  return { header: [x, ...series], rows };
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
