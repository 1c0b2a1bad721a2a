import { describe, expect, it } from 'vitest';
import { resultsDocument } from '../../../sim/metrics/document.ts';
import { reportMarkdown, textTable } from '../../../sim/report/markdown.ts';
import { fig3Spec, fig4Spec, sweepSpec } from '../../../sim/report/plots.ts';
import { renderPlot } from '../../../sim/report/render.ts';
import { fakeRuns } from '../fake-runs.ts';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('plots', () => {
  const runs = fakeRuns(30, 4);
  it.each([
    ['fig3', fig3Spec(runs, { spikesS: [10, 20] })],
    ['fig4', fig4Spec(runs)],
    [
      'sweep',
      sweepSpec(
        [
          { series: 'xx', x: 0.5, mean: 1, lo: 0.8, hi: 1.2 },
          { series: 'xx', x: 1, mean: 2, lo: 1.7, hi: 2.3 },
        ],
        { xTitle: 'load', yTitle: 'p99 latency (s)' },
      ),
    ],
  ] as const)('%s renders to SVG with text and to PNG', async (_name, spec) => {
    const { svg, png } = await renderPlot(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<text');
    expect([...png.slice(0, 8)]).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(5000);
  });

  it('fig3 shows the highest class on top, the lowest below, and the spike rules', () => {
    // Read as the plain JSON that vega receives (vega-lite's TopLevelSpec union does not narrow to vconcat).
    const spec: { vconcat: { title: { text: string } }[]; datasets: { spikes: unknown[] } } = JSON.parse(
      JSON.stringify(fig3Spec(runs, { spikesS: [10, 20] })),
    );
    expect(spec.vconcat.map((p) => p.title.text)).toEqual(['class: high', 'class: low']);
    expect(spec.datasets.spikes).toEqual([{ s: 10 }, { s: 20 }]);
  });
});

describe('markdown and text tables', () => {
  const doc = resultsDocument(fakeRuns(30, 4));
  it('writes one table per policy with plot links', () => {
    const md = reportMarkdown(doc, { title: 'fig3', plots: [{ title: 'Figure 3', path: 'fig3.png' }] });
    expect(md).toContain('## xx');
    expect(md).toContain('## hermod');
    expect(md).toContain('| class | completed | killed | mean ms | p50 ms | p99 ms | p99.9 ms | slowdown p99 |');
    expect(md).toContain('![Figure 3](fig3.png)');
  });
  it('aligns the terminal table', () => {
    const lines = textTable(doc).trimEnd().split('\n');
    expect(lines.length).toBe(1 + 2 * 2);
    expect(lines[0]).toMatch(/^policy\s+class\s+completed/);
  });
});
