// Vega-Lite specs of the HTML report that have no PNG: the latency distribution per class and the kills.

import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../metrics/document.ts';
import { interaction } from './interaction.ts';
import { CONFIG, HEIGHT, WIDTH } from './plots.ts';

/** The percentiles every results document keeps (documents written before latencyCdfS have only these). */
const QUANTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p99', 0.99],
  ['p999', 0.999],
  ['max', 1],
] as const;

/**
 * Latency CDF per class (one panel each), one line per policy, from the upper half of each class's distribution
 * (latencyCdfS: 19 measured points, 10 of them from the median up; older documents: p50, p90, p99, p99.9, max).
 * The y axis stretches the tail, where policies differ.
 */
export function cdfSpec(runs: readonly RunResult[], interactive = false): TopLevelSpec {
  const rows = runs.flatMap((run) =>
    run.classes.flatMap((c) =>
      cdfPoints(c).flatMap(({ fraction, latencyS }) =>
        latencyS === null || latencyS <= 0 || fraction < 0.5
          ? []
          : [{ policy: run.policy, class: c.name, latencyS, quantile: quantileName(fraction), fraction }],
      ),
    ),
  );
  const classes = [...new Set(rows.map((r) => r.class))].reverse();
  const act = interaction(interactive, 'policy');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Latency distribution per class', subtitle: 'measured from the median to the maximum' },
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

function cdfPoints(c: RunResult['classes'][number]): { fraction: number; latencyS: number | null }[] {
  if (c.latencyCdfS !== undefined && c.latencyCdfS.length > 0) return [...c.latencyCdfS];
  return QUANTILES.map(([key, fraction]) => ({ fraction, latencyS: c.latencyS[key] }));
}

/** p50, p99.9, max: a fraction of completions as a percentile's name. */
function quantileName(fraction: number): string {
  return fraction === 1 ? 'max' : `p${Number((fraction * 100).toPrecision(6))}`;
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
