// Vega-Lite specs of the HTML report that have no PNG: the latency distribution per class and the kills.

import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../metrics/document.ts';
import { interaction } from './interaction.ts';
import { CONFIG, HEIGHT, WIDTH } from './plots.ts';

/** The percentiles a results document keeps, as fractions of completions at or below them. */
const QUANTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p99', 0.99],
  ['p999', 0.999],
  ['max', 1],
] as const;

/**
 * Latency CDF per class (one panel each), one line per policy. The document keeps p50, p90, p99, p99.9 and the
 * maximum of each class (not every completion), so the curve joins those points; the y axis is log-scaled in the
 * fraction still waiting (1 - F), which spreads the tail where policies differ.
 */
export function cdfSpec(runs: readonly RunResult[], interactive = false): TopLevelSpec {
  const rows = runs.flatMap((run) =>
    run.classes.flatMap((c) =>
      QUANTILES.flatMap(([key, fraction]) => {
        const latencyS = c.latencyS[key];
        return latencyS === null || latencyS <= 0
          ? []
          : [{ policy: run.policy, class: c.name, latencyS, quantile: key, fraction }];
      }),
    ),
  );
  const classes = [...new Set(rows.map((r) => r.class))].reverse();
  const act = interaction(interactive, 'policy');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Latency distribution per class', subtitle: 'from each class’s p50, p90, p99, p99.9 and max' },
    config: CONFIG,
    datasets: { rows },
    // Two panels a row: the distributions are compared by shape, not aligned on time.
    columns: 2,
    concat: classes.map((cls) => ({
      title: { text: `class: ${cls}`, anchor: 'start', fontSize: 13 },
      width: WIDTH / 2,
      height: HEIGHT,
      data: { name: 'rows' },
      transform: [{ filter: { field: 'class', equal: cls } }],
      ...act.params(),
      mark: { type: 'line', point: true, strokeWidth: 1.6 },
      encoding: {
        x: { field: 'latencyS', type: 'quantitative', title: 'latency (s)', scale: { type: 'log' } },
        y: {
          field: 'fraction',
          type: 'quantitative',
          title: 'fraction completed within',
          scale: { type: 'pow', exponent: 8, domain: [0.5, 1] },
          axis: { values: [0.5, 0.9, 0.99, 0.999, 1], format: '.3~f' },
        },
        color: { field: 'policy', type: 'nominal', title: 'policy' },
        tooltip: [
          { field: 'policy' },
          { field: 'quantile' },
          { field: 'latencyS', title: 'latency (s)', format: '.4~g' },
        ],
        ...act.fade(),
      },
    })),
  } as TopLevelSpec;
}

/** Kills per class and policy over the whole run (memory pressure with no swap room). */
export function killsSpec(runs: readonly RunResult[], interactive = false): TopLevelSpec {
  const rows = runs.flatMap((run) =>
    run.memory.classes.map((c) => ({ policy: run.policy, class: c.name, kills: c.killed })),
  );
  const act = interaction(interactive, 'policy');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Invocations killed, per class',
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    ...act.params(false),
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'class', type: 'nominal', title: 'class', sort: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'policy', type: 'nominal' },
      y: { field: 'kills', type: 'quantitative', title: 'invocations killed' },
      color: { field: 'policy', type: 'nominal', title: 'policy' },
      tooltip: [{ field: 'policy' }, { field: 'class' }, { field: 'kills' }],
      ...act.fade(),
    },
  } as TopLevelSpec;
}
