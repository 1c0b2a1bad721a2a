// Vega-Lite specs for the paper's figures and for sweeps. Builders take result documents (or plain rows) and
// return specs; rendering is in render.ts.

import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../metrics/document.ts';
import { interaction } from './interaction.ts';
import { FONT } from './render.ts';

export const CONFIG = {
  font: FONT,
  axis: { labelFontSize: 12, titleFontSize: 13, grid: true, gridOpacity: 0.4 },
  legend: { labelFontSize: 12, titleFontSize: 13 },
  header: { labelFontSize: 13, titleFontSize: 13 },
  title: { fontSize: 15 },
  view: { stroke: '#888' },
} as const;

export const WIDTH = 560;
export const HEIGHT = 200;

export interface Fig3Options {
  /** Class names to show, one panel each, top first (default: highest class, then lowest). */
  readonly classes?: readonly string[];
  /** Times (s) of load changes, drawn as red rules. */
  readonly spikesS?: readonly number[];
  readonly title?: string;
  /** Percentiles to draw, one dash style each (default p99 alone). */
  readonly stats?: readonly LatencyStat[];
  /** Legend toggles and zoom on time (the HTML report). */
  readonly interactive?: boolean;
}

export type LatencyStat = 'p99' | 'p50';

/** Figure 3: per-tick p99 latency (log scale) per class panel, one line per policy, red rules at spikes. */
export function fig3Spec(runs: readonly RunResult[], options: Fig3Options = {}): TopLevelSpec {
  const all = runs[0]?.classes.map((c) => c.name) ?? [];
  const shown = options.classes ?? (all.length > 1 ? [all[all.length - 1], all[0]] : all);
  const stats = options.stats ?? ['p99'];
  const rows = runs.flatMap((run) =>
    run.timeline.flatMap((t) =>
      t.classes
        .filter((c) => shown.includes(c.name))
        .flatMap((c) =>
          stats
            .map((stat) => ({ policy: run.policy, class: c.name, timeS: t.startS, stat, latencyS: c.latencyS[stat] }))
            .filter((r) => r.latencyS !== null && r.latencyS > 0),
        ),
    ),
  );
  const spikes = (options.spikesS ?? []).map((s) => ({ s }));
  const act = interaction(options.interactive, 'policy');
  const dash =
    stats.length > 1
      ? { strokeDash: { field: 'stat', type: 'nominal', title: 'percentile', sort: stats } }
      : ({} as Record<string, never>);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? `${stats.join(' and ')} latency per tick`,
    config: CONFIG,
    datasets: { rows, spikes },
    vconcat: shown.map((cls) => ({
      title: { text: `class: ${cls}`, anchor: 'start', fontSize: 13 },
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { name: 'rows' },
          transform: [{ filter: { field: 'class', equal: cls } }],
          ...act.params(),
          mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-after' },
          encoding: {
            x: { field: 'timeS', type: 'quantitative', title: 'time (s)' },
            y: {
              field: 'latencyS',
              type: 'quantitative',
              title: `${stats.join(', ')} latency (s)`,
              scale: { type: 'log' },
            },
            color: { field: 'policy', type: 'nominal', title: 'policy' },
            ...dash,
            ...act.fade(),
          },
        },
        // No rule layer without spikes: its empty extent would make vega warn.
        ...(spikes.length === 0
          ? []
          : [
              {
                data: { name: 'spikes' },
                mark: { type: 'rule', color: 'red', strokeWidth: 1.5, strokeDash: [4, 3] },
                encoding: { x: { field: 's', type: 'quantitative' } },
              },
            ]),
      ],
    })),
  } as TopLevelSpec;
}

/**
 * Figure 4: memory utilisation across machines per tick (median line, min..max band), swap in use (mean and max per
 * machine) and swap traffic (cluster total per tick, out and in), over time.
 */
export function fig4Spec(
  runs: readonly RunResult[],
  title = 'Memory utilisation and swap across machines',
  interactive = false,
): TopLevelSpec {
  const subtitle = [
    'top: median line, min–max band across machines; middle: mean (solid) and max (dashed) swap per machine;',
    'bottom: swap traffic per tick over all machines, out (solid) and in (dashed)',
  ];
  const sampled = (run: RunResult) => run.timeline.filter((t) => t.memoryUtil.mean !== null);
  const ticks = runs.flatMap((run) =>
    sampled(run).map((t) => ({
      policy: run.policy,
      timeS: t.startS,
      utilMedian: (t.memoryUtil.median as number) * 100,
      utilMin: (t.memoryUtil.min as number) * 100,
      utilMax: (t.memoryUtil.max as number) * 100,
      swapMean: t.swapMB.mean,
      swapMax: t.swapMB.max,
    })),
  );
  const traffic = runs.flatMap((run) =>
    sampled(run).flatMap((t) => [
      { policy: run.policy, timeS: t.startS, direction: 'out', mb: t.swapTrafficMB.out },
      { policy: run.policy, timeS: t.startS, direction: 'in', mb: t.swapTrafficMB.in },
    ]),
  );
  const x = { field: 'timeS', type: 'quantitative', title: 'time (s)' } as const;
  const color = { field: 'policy', type: 'nominal', title: 'policy' } as const;
  const panel = { width: WIDTH, height: HEIGHT } as const;
  // Interactive: the first layer of each panel holds the parameters; every layer fades the unpicked policies.
  const { params: paramsOf, fade } = interaction(interactive, 'policy');
  const params = paramsOf();
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    config: CONFIG,
    datasets: { ticks, traffic },
    vconcat: [
      {
        ...panel,
        data: { name: 'ticks' },
        layer: [
          {
            ...params,
            mark: { type: 'area', opacity: 0.25 },
            encoding: {
              x,
              y: { field: 'utilMin', type: 'quantitative', title: 'memory utilisation (%)' },
              y2: { field: 'utilMax' },
              color,
              ...fade(0.25),
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1.6 },
            encoding: { x, y: { field: 'utilMedian', type: 'quantitative' }, color, ...fade() },
          },
        ],
      },
      {
        ...panel,
        data: { name: 'ticks' },
        layer: [
          {
            ...params,
            mark: { type: 'line', strokeWidth: 1.6 },
            encoding: {
              x,
              y: { field: 'swapMean', type: 'quantitative', title: 'swap in use (MB)' },
              color,
              ...fade(),
            },
          },
          {
            mark: { type: 'line', strokeWidth: 1, strokeDash: [4, 3] },
            encoding: { x, y: { field: 'swapMax', type: 'quantitative' }, color, ...fade() },
          },
        ],
      },
      {
        ...panel,
        data: { name: 'traffic' },
        ...params,
        mark: { type: 'line', strokeWidth: 1.2, interpolate: 'step-after' },
        encoding: {
          x,
          y: { field: 'mb', type: 'quantitative', title: 'swap traffic (MB per tick)' },
          color,
          ...fade(),
          strokeDash: {
            field: 'direction',
            type: 'nominal',
            title: 'swap',
            sort: ['out', 'in'],
            scale: {
              domain: ['out', 'in'],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
          },
        },
      },
    ],
  } as TopLevelSpec;
}

export interface SweepRow {
  readonly series: string;
  readonly x: number;
  readonly mean: number;
  /** Confidence interval bounds around the mean. */
  readonly lo: number;
  readonly hi: number;
}

export interface SweepOptions {
  readonly xTitle: string;
  readonly yTitle: string;
  readonly title?: string;
  readonly logY?: boolean;
  readonly seriesTitle?: string;
  /** Legend toggles and zoom on x (the HTML report). */
  readonly interactive?: boolean;
}

/** A metric against a swept parameter: one line per series with a shaded confidence band (lo..hi). */
export function sweepSpec(rows: readonly SweepRow[], o: SweepOptions): TopLevelSpec {
  const x = { field: 'x', type: 'quantitative', title: o.xTitle } as const;
  const color = { field: 'series', type: 'nominal', title: o.seriesTitle ?? 'series' } as const;
  const scale = o.logY ? { type: 'log' as const } : { zero: false };
  const act = interaction(o.interactive, 'series');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title ?? `${o.yTitle} vs ${o.xTitle}`,
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT + 80,
    data: { values: rows as SweepRow[] },
    layer: [
      {
        // A plain area (not the errorband composite): the legend-bound parameter must sit on the first layer.
        ...act.params(),
        mark: { type: 'area', opacity: 0.25 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: o.yTitle, scale },
          y2: { field: 'hi' },
          color,
          ...act.fade(0.25),
        },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 1.6 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', scale },
          color,
          ...act.fade(),
        },
      },
    ],
  } as TopLevelSpec;
}
