// The sweep's report files, written once every point has a result: sweep.csv, one plot per metric
// (<metric>.svg/png), sweep.md and report.html. Each file is replaced atomically; points/ and sweep.json are left
// alone.

import { join } from 'node:path';
import { sweepReportHtml } from '../report/html/sweep-page.ts';
import { sweepSpec } from '../report/plots.ts';
import { renderPlot } from '../report/render.ts';
import { writeFileAtomic } from '../util/atomic.ts';
import { sweepCsv, sweepRecords } from './csv.ts';
import { curveTable, type MetricCurve, metricCurves } from './curves.ts';
import type { PointResult } from './point-file.ts';
import { METRICS, type MetricName } from './spec.ts';
import { xKey } from './summary.ts';

export interface SweepMeta {
  readonly name: string;
  readonly hash: string;
  readonly keys: readonly string[];
  readonly metrics: readonly MetricName[];
  /** The sweep file, shown in report.html (a merge has none). */
  readonly file?: string;
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
  const curves = x === null ? [] : metricCurves(meta, records, x);
  for (const c of curves) {
    const plot = await renderPlot(sweepSpec(c.rows, c.options));
    put(`${c.metric}.svg`, plot.svg);
    put(`${c.metric}.png`, plot.png);
  }
  put('sweep.md', sweepMarkdown(meta, points.length, curves, x));
  put('report.html', sweepReportHtml(meta, points.length, curves, x));
  return written;
}

function sweepMarkdown(meta: SweepMeta, pointCount: number, curves: readonly MetricCurve[], x: string | null): string {
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
  for (const c of curves) {
    const title = METRICS[c.metric].title;
    const t = curveTable(c, x);
    lines.push(`## ${title} (mean ± 95% CI half-width across seeds)`, '', `![${title}](${c.metric}.png)`, '');
    lines.push(
      `| ${t.header.join(' | ')} |`,
      `| ---: |${t.header
        .slice(1)
        .map(() => ' ---: |')
        .join('')}`,
    );
    for (const r of t.rows) lines.push(`| ${r.join(' | ')} |`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
