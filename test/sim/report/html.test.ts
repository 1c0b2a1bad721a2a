import { describe, expect, it } from 'vitest';
import { runReportHtml } from '../../../sim/report/html/run-page.ts';
import { sweepReportHtml } from '../../../sim/report/html/sweep-page.ts';
import { loadScenario } from '../../../sim/scenario/parse.ts';
import { fakeRuns } from '../fake-runs.ts';

// The report pages as text: self-contained (the libraries inlined, nothing fetched), the specs embedded once with
// their interaction, the tables and the scenario. test/browser checks that they draw.

const scenario = loadScenario('fixtures/scenarios/memory-inversion.yaml', []);

function specsOf(html: string): Record<string, { vconcat?: { layer?: { params?: unknown[] }[] }[] }> {
  const m = /<script type="application\/json" id="chart-specs">(.*?)<\/script>/s.exec(html);
  if (m === null) throw new Error('no chart specs');
  return JSON.parse(m[1]);
}

describe('report.html of a run', () => {
  const html = runReportHtml(scenario, { runs: fakeRuns(30, 4) }, { title: 't', memory: true, spikesS: [] });

  it('inlines vega, vega-lite and vega-embed and refers to nothing outside', () => {
    expect(html).toContain('vegaEmbed');
    expect(html).toContain('vegaLite');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|sourceMappingURL/);
  });

  it('embeds the latency, distribution, memory and kill charts, latency with legend toggles and zoom', () => {
    const specs = specsOf(html);
    expect(Object.keys(specs)).toEqual(['latency', 'cdf', 'memory', 'kills']);
    expect(JSON.stringify(specs.latency.vconcat?.[0].layer?.[0].params)).toContain('"bind":"legend"');
    expect(JSON.stringify(specs.latency.vconcat?.[0].layer?.[0].params)).toContain('"bind":"scales"');
  });

  it('has the summary tables and the scenario', () => {
    expect(html).toContain('<th>slowdown p99</th>');
    expect(html).toContain('<th>swap-in wait s</th>');
    expect(html).toContain('name: memory-inversion');
  });

  it('leaves the memory charts out when memory is unbounded', () => {
    const plain = runReportHtml(scenario, { runs: fakeRuns(30, 4) }, { title: 't', memory: false, spikesS: [] });
    expect(Object.keys(specsOf(plain))).toEqual(['latency', 'cdf']);
  });
});

describe('report.html of a sweep', () => {
  it('embeds one interactive chart and one table per metric', () => {
    const rows = [0.5, 1].map((x) => ({ series: 'xx high', x, mean: x, lo: x - 0.1, hi: x + 0.1 }));
    const curves = [{ metric: 'p99' as const, rows, options: { xTitle: 'load', yTitle: 'p99 latency (s)' } }];
    const meta = { name: 's', hash: 'h', keys: ['load'], metrics: ['p99' as const] };
    const html = sweepReportHtml(meta, 2, curves, 'load');
    expect(Object.keys(specsOf(html))).toEqual(['metric-p99']);
    expect(html).toContain('<td>0.500 ± 0.100</td>');
  });
});
