import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsDocument } from '../metrics/document.ts';
import { formatResults, timelineCsv } from '../metrics/document.ts';
import { runReportHtml } from '../report/html/run-page.ts';
import type { PlotLink } from '../report/markdown.ts';
import { reportMarkdown } from '../report/markdown.ts';
import { fig3Spec, fig4Spec } from '../report/plots.ts';
import { renderPlot } from '../report/render.ts';
import { hasBoundedMemory, type Scenario } from '../scenario/types.ts';
import { writeDirAtomic } from '../util/atomic.ts';

// The files of a run: results.json, timeline.csv, report.md, report.html and the plots (SVG + PNG), written into a
// temporary directory that replaces DIR in one rename, so DIR is either the old complete output or the new one.

export type RunDocument = ResultsDocument & { readonly partial?: true };

export async function writeRunOutputs(dir: string, scenario: Scenario, doc: RunDocument): Promise<void> {
  await writeDirAtomic(dir, async (tmp) => {
    writeFileSync(join(tmp, 'results.json'), formatResults(doc));
    writeFileSync(join(tmp, 'timeline.csv'), timelineCsv(doc.runs));
    const plots: PlotLink[] = [];
    const spikesS = scenario.workload.arrivals.map((p) => p.fromS).filter((s) => s > 0);
    const latency = await renderPlot(
      fig3Spec(doc.runs, { spikesS, title: `${scenario.name}: p99 latency per tick (by arrival time)` }),
    );
    writeFileSync(join(tmp, 'latency.svg'), latency.svg);
    writeFileSync(join(tmp, 'latency.png'), latency.png);
    plots.push({ title: 'p99 latency per tick', path: 'latency.png' });
    const memory = hasBoundedMemory(scenario.cluster);
    if (memory) {
      const plot = await renderPlot(
        fig4Spec(doc.runs, `${scenario.name}: memory utilization and swap across machines`),
      );
      writeFileSync(join(tmp, 'memory.svg'), plot.svg);
      writeFileSync(join(tmp, 'memory.png'), plot.png);
      plots.push({ title: 'memory utilization and swap', path: 'memory.png' });
    }
    const title = `${scenario.name}${doc.partial ? ' (partial: interrupted)' : ''}`;
    writeFileSync(join(tmp, 'report.md'), reportMarkdown(doc, { title, plots, memory }));
    writeFileSync(join(tmp, 'report.html'), runReportHtml(scenario, doc, { title, memory, spikesS }));
  });
}
