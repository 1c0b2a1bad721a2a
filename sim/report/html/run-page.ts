// report.html of a run: interactive latency, distribution, memory and kill charts, the tables of report.md, and
// the scenario that produced them.

import { stringify } from 'yaml';
import type { ResultsDocument } from '../../metrics/document.ts';
import type { Scenario } from '../../scenario/types.ts';
import { cdfSpec, killsSpec } from '../distribution-plots.ts';
import { CLASS_HEADER, classCells } from '../markdown.ts';
import { MEMORY_HEADER, memoryRows, memorySummary, steadyStateLine } from '../memory-markdown.ts';
import { fig3Spec, fig4Spec } from '../plots.ts';
import { type Chart, chartDiv, chartScripts } from './charts.ts';
import { escapeHtml, htmlPage, htmlTable } from './page.ts';

export interface RunPageOptions {
  readonly title: string;
  /** Memory is bounded: add the memory, swap and kill charts and tables. */
  readonly memory: boolean;
  /** Times (s) of load changes, drawn as red rules. */
  readonly spikesS: readonly number[];
}

const HOW_TO =
  'Click a legend entry to keep that policy (shift-click for more, double-click the chart to reset); ' +
  'drag or scroll over a time axis to pan and zoom.';

export function runReportHtml(scenario: Scenario, doc: ResultsDocument, o: RunPageOptions): string {
  const classes = (doc.runs[0]?.classes.map((c) => c.name) ?? []).reverse();
  const latency: Chart = {
    id: 'latency',
    spec: fig3Spec(doc.runs, {
      classes,
      spikesS: o.spikesS,
      stats: ['p99', 'p50'],
      interactive: true,
      title: 'p99 and p50 latency per tick (by arrival time)',
    }),
  };
  const cdf: Chart = { id: 'cdf', spec: cdfSpec(doc.runs, true) };
  const charts = [latency, cdf];
  const sections = [
    `<h1>${escapeHtml(o.title)}</h1>`,
    `<p class="note">${escapeHtml(HOW_TO)}</p>`,
    '<h2>Latency</h2>',
    chartDiv(latency),
    chartDiv(cdf, 'Each point is a measured percentile (HDR histogram, within 0.1%); lines join them.'),
  ];
  if (o.memory) {
    const memory: Chart = { id: 'memory', spec: fig4Spec(doc.runs, 'Memory utilization and swap', true) };
    const kills: Chart = { id: 'kills', spec: killsSpec(doc.runs, true) };
    charts.push(memory, kills);
    sections.push('<h2>Memory and swap</h2>', chartDiv(memory), chartDiv(kills));
  } else {
    sections.push('<p class="note">Memory is unbounded in this scenario: no memory, swap or kill charts.</p>');
  }
  sections.push('<h2>Summary</h2>');
  for (const run of doc.runs) {
    const s = run.summary;
    sections.push(
      `<h3>${escapeHtml(run.policy)}</h3>`,
      `<p>${s.arrived} arrived, ${s.completed} completed, ${s.killed} killed; ` +
        `${s.simulatedS} s simulated, ${s.events} events. ${escapeHtml(steadyStateLine(s.steadyState))}</p>`,
      htmlTable(CLASS_HEADER, run.classes.map(classCells)),
    );
    if (o.memory) sections.push(`<p>${escapeHtml(memorySummary(run))}</p>`, htmlTable(MEMORY_HEADER, memoryRows(run)));
  }
  sections.push('<h2>Scenario</h2>', `<pre id="scenario">${escapeHtml(stringify(scenario))}</pre>`);
  return htmlPage({ title: o.title, body: sections.join('\n'), scripts: chartScripts(charts) });
}
