import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayHtml } from '../../properties/html/replay-page.ts';
import { replayDoc } from '../../properties/runner.ts';
import { runReportHtml } from '../../sim/report/html/run-page.ts';
import { sweepReportHtml } from '../../sim/report/html/sweep-page.ts';
import { loadScenario } from '../../sim/scenario/parse.ts';
import type { MetricCurve } from '../../sim/sweep/curves.ts';
import { fakeRuns } from '../sim/fake-runs.ts';

// The pages under test, written into a fresh directory: a run report (synthetic runs with memory), a sweep report
// (two series against load), and the replay of a short and of a 3,000-step counterexample.

export const dir = mkdtempSync(join(tmpdir(), 'priceclass-pages-'));

function put(name: string, html: string): string {
  const path = join(dir, name);
  writeFileSync(path, html);
  return path;
}

export function runPage(): string {
  const scenario = loadScenario('fixtures/scenarios/memory-inversion.yaml', []);
  const doc = { runs: fakeRuns(60, 4) };
  return put('run.html', runReportHtml(scenario, doc, { title: 'synthetic run', memory: true, spikesS: [50] }));
}

export function sweepPage(): string {
  const rows = ['xx low', 'hermod low'].flatMap((series, s) =>
    [0.5, 0.7, 0.9].map((x) => ({ series, x, mean: x * (s + 1), lo: x * (s + 1) * 0.8, hi: x * (s + 1) * 1.2 })),
  );
  const options = {
    xTitle: 'load',
    yTitle: 'p99 latency (s)',
    title: 'p99 vs load',
    logY: true,
    seriesTitle: 'policy',
  };
  const curves: MetricCurve[] = [{ metric: 'p99', rows, options }];
  const meta = { name: 'synthetic', hash: '0123', keys: ['load', 'seed'], metrics: ['p99' as const] };
  return put('sweep.html', sweepReportHtml(meta, 6, curves, 'load'));
}

export async function replayPage(fixture: string): Promise<string> {
  const file = `fixtures/counterexamples/${fixture}.json`;
  return put(`${fixture}.html`, replayHtml(await replayDoc(file), file));
}
