// The sweep's report files, written once every point has a result: sweep.csv, one plot per metric
// (<metric>.svg/png) and sweep.md. Each file is replaced atomically; points/ and sweep.json are left alone.

import { join } from 'node:path';
import { sweepSpec } from '../report/plots.ts';
import { renderPlot } from '../report/render.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { type SweepRecord, sweepCsv, sweepRecords } from './csv.ts';
import type { PointResult } from './point-file.ts';
import { METRICS, type MetricName } from './spec.ts';
import { aggregate, xKey } from './summary.ts';

export interface SweepMeta {
  readonly name: string;
  readonly hash: string;
  readonly keys: readonly string[];
  readonly metrics: readonly MetricName[];
}

export async function writeSweepOutputs(
  dir: string,
  meta: SweepMeta,
  points: readonly PointResult[],
): Promise<string[]> {
  const records = sweepRecords(points);
  const written: string[] = [];
  const put = (name: string, data: string | Uint8Array) => {
    writeFileAtomic(join(dir, name), data);
    written.push(name);
  };
  put('sweep.csv', sweepCsv(meta.keys, records));
  const x = xKey(meta.keys, records);
  if (x !== null) {
    for (const metric of meta.metrics) {
      const m = METRICS[metric];
      const rows = aggregate(records, x, m.field);
      if (rows.length === 0) continue;
      // A log axis only when every band stays positive (latencies span decades between light and heavy load).
      const logY = metric !== 'slowdown' && metric !== 'slowdown-p99' && rows.every((r) => r.lo > 0);
      const plot = await renderPlot(
        sweepSpec(rows, {
          xTitle: x,
          yTitle: m.title,
          title: `${meta.name}: ${m.title} vs ${x} (mean ± 95% CI across seeds)`,
          logY,
          seriesTitle: 'policy class',
        }),
      );
      put(`${metric}.svg`, plot.svg);
      put(`${metric}.png`, plot.png);
    }
  }
  put('sweep.md', sweepMarkdown(meta, points.length, records, x));
  return written;
}

function sweepMarkdown(meta: SweepMeta, pointCount: number, records: readonly SweepRecord[], x: string | null): string {
  const lines = [
    `# Sweep ${meta.name}`,
    '',
    `${pointCount} points over ${meta.keys.join(', ')} (sweep hash ${meta.hash}). ` +
      'Every statistic per point, policy and class is in [sweep.csv](sweep.csv).',
    '',
  ];
  if (x === null) {
    lines.push('No numeric swept parameter besides the seed, so there are no plots.');
    return `${lines.join('\n')}\n`;
  }
  for (const metric of meta.metrics) {
    const m = METRICS[metric];
    const rows = aggregate(records, x, m.field);
    if (rows.length === 0) continue;
    const xs = [...new Set(rows.map((r) => r.x))];
    const series = [...new Set(rows.map((r) => r.series))];
    lines.push(`## ${m.title} (mean ± 95% CI half-width across seeds)`, '', `![${m.title}](${metric}.png)`, '');
    lines.push(`| ${x} | ${series.join(' | ')} |`, `| ---: |${series.map(() => ' ---: |').join('')}`);
    for (const xv of xs) {
      const cells = series.map((s) => {
        const r = rows.find((row) => row.series === s && row.x === xv);
        return r === undefined ? '–' : `${fmt(r.mean)} ± ${fmt((r.hi - r.lo) / 2)}`;
      });
      lines.push(`| ${xv} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
