// report.html of a sweep: each metric against the swept parameter with its confidence band (interactive), its
// table, and the sweep file that produced it.

import { existsSync, readFileSync } from 'node:fs';
import { curveTable, type MetricCurve } from '../../sweep/curves.ts';
import type { SweepMeta } from '../../sweep/outputs.ts';
import { sweepSpec } from '../plots.ts';
import { type Chart, chartDiv, chartScripts } from './charts.ts';
import { escapeHtml, htmlPage, htmlTable } from './page.ts';

export function sweepReportHtml(
  meta: SweepMeta,
  pointCount: number,
  curves: readonly MetricCurve[],
  x: string | null,
): string {
  const title = `Sweep ${meta.name}`;
  const charts: Chart[] = curves.map((c) => ({
    id: `metric-${c.metric}`,
    spec: sweepSpec(c.rows, { ...c.options, interactive: true }),
  }));
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${pointCount} points over ${escapeHtml(meta.keys.join(', '))} (sweep hash ${escapeHtml(meta.hash)}). ` +
      'Lines are means across seeds, bands their 95% confidence intervals. Click a legend entry to keep that ' +
      'series (shift-click for more); drag or scroll to pan and zoom.</p>',
  ];
  if (x === null) sections.push('<p>No numeric swept parameter besides the seed, so there are no curves.</p>');
  curves.forEach((c, i) => {
    const t = curveTable(c, x ?? '');
    sections.push(`<h2>${escapeHtml(c.options.yTitle)}</h2>`, chartDiv(charts[i]), htmlTable(t.header, t.rows));
  });
  const source = meta.file !== undefined && existsSync(meta.file) ? readFileSync(meta.file, 'utf8') : null;
  if (source !== null) {
    sections.push(`<h2>Sweep file</h2><p class="note">${escapeHtml(meta.file ?? '')}</p>`);
    sections.push(`<pre id="scenario">${escapeHtml(source)}</pre>`);
  }
  return htmlPage({ title, body: sections.join('\n'), scripts: chartScripts(charts) });
}
