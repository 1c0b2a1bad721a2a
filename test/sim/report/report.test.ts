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

describe('the memory plot', () => {
  // Read as the plain JSON that vega receives.
  const spec: {
    datasets: { ticks: Record<string, unknown>[]; traffic: Record<string, unknown>[] };
    vconcat: { layer?: { encoding: { y: { field: string } } }[]; encoding?: { y: { field: string } } }[];
  } = JSON.parse(JSON.stringify(fig4Spec(fakeRuns(30, 4))));

  it('draws utilization as a median line in a min-max band, swap in use, and swap traffic', () => {
    const fields = spec.vconcat.map((panel) =>
      (panel.layer ?? [panel as { encoding: { y: { field: string } } }]).map((l) => l.encoding.y.field),
    );
    expect(fields).toEqual([['utilMin', 'utilMedian'], ['swapMean', 'swapMax'], ['mb']]);
  });

  it('takes its rows from the timeline: percentages and traffic in both directions', () => {
    const run = fakeRuns(30, 4)[0];
    const t = run.timeline[10];
    expect(spec.datasets.ticks[10]).toMatchObject({
      policy: 'xx',
      timeS: 10,
      utilMedian: (t.memoryUtil.median as number) * 100,
      utilMin: (t.memoryUtil.min as number) * 100,
      utilMax: (t.memoryUtil.max as number) * 100,
    });
    // fakeRuns swaps 200 MB out at ticks 0, 10, 20 and in at 5, 15, 25.
    expect(
      spec.datasets.traffic.filter((r) => r.policy === 'xx' && r.mb === 200).map((r) => [r.timeS, r.direction]),
    ).toEqual([
      [0, 'out'],
      [5, 'in'],
      [10, 'out'],
      [15, 'in'],
      [20, 'out'],
      [25, 'in'],
    ]);
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
    expect(md).not.toContain('swapped out MB'); // memory only when asked for
  });
  it('says whether each run reached steady state, and why not', () => {
    // fakeRuns fills memory over time: hermod's swap in use grows by more than 1 GB over the last third.
    const md = reportMarkdown(doc, { title: 'fig3' });
    expect(md.split('\n').filter((l) => l.startsWith('Steady state'))).toEqual([
      'Steady state: yes (backlog +0.00 invocations/s, swap in use +259.0 MB/s over 20–30 s).',
      'Steady state: **no**: backlog +0.00 invocations/s, swap in use +304.9 MB/s over 20–30 s; ' +
        "the averages below depend on the run's length.",
    ]);
  });
  it('adds a memory section per run when memory is bounded', () => {
    const md = reportMarkdown(doc, { title: 'fig4', memory: true });
    expect(md).toContain(
      '| class | swapped out MB | swapped in MB | swap-ins | swap-in wait s | mean wait ms | killed |',
    );
    // fakeRuns: 3 swap-outs and 3 swap-ins of 200 MB, each swap-in waited 0.1 s, all of the low class.
    expect(md).toContain('| low | 600 | 600 | 3 | 0.300 | 100.0 | 0 |');
    expect(md).toContain('| high | 0 | 0 | 0 | 0.000 | – | 0 |');
    expect(md).toMatch(
      /over 20 ticks from warmup on: per-tick standard deviation [\d.]+ points and max − min [\d.]+ points/,
    );
  });
  it('aligns the terminal table', () => {
    const lines = textTable(doc).trimEnd().split('\n');
    expect(lines.length).toBe(1 + 2 * 2);
    expect(lines[0]).toMatch(/^policy\s+class\s+completed/);
  });
});
