// The replay page's timeline, drawn once in Node as SVG: one row per machine core (each invocation a bar in its
// class's colour) and one for the machine's memory, with preemptions, swaps, kills and completions marked; below,
// each shard's queue lengths by class and its idle list. x is the step (step k's column shows the world after
// it), so a 20-step counterexample is wide and a 2,000-step trace is narrow but whole. The page moves a cursor.

import type { Output } from '../../model/index.ts';
import { escapeHtml } from '../../sim/report/html/page.ts';
import type { TraceRun } from '../render.ts';
import { assignLanes } from './lanes.ts';
import type { RunSnap } from './snapshots.ts';

/** Class colours, lowest class first (Tableau 10). */
export const CLASS_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const LEFT_PX = 110;
const LANE_PX = 18;
const SHARD_PX = 30;
const TOP_PX = 18;

/** Width of one step: wide enough to read 20 steps, at least a pixel for thousands. */
export function stepWidthPx(steps: number): number {
  return Math.max(1, Math.min(48, 1100 / steps));
}

interface Marker {
  readonly glyph: string;
  readonly colour: string;
  readonly name: string;
}

const MARKERS: Partial<Record<Output['type'], Marker>> = {
  preempted: { glyph: '▼', colour: '#d35400', name: 'preempted' },
  swappingOut: { glyph: '↓', colour: '#8e44ad', name: 'swap out asked' },
  swappedOut: { glyph: '⇓', colour: '#8e44ad', name: 'swapped out' },
  swappingIn: { glyph: '↑', colour: '#16a085', name: 'swap in asked' },
  swappedIn: { glyph: '⇑', colour: '#16a085', name: 'swapped in' },
  killed: { glyph: '✕', colour: '#c0392b', name: 'killed' },
  completed: { glyph: '●', colour: '#222', name: 'completed' },
};

export function markerLegend(): string {
  return Object.values(MARKERS)
    .map((m) => `<span style="color:${m?.colour}">${m?.glyph}</span> ${m?.name}`)
    .join(' &nbsp; ');
}

function invOf(o: Output): { invId: number; machineId: number } | null {
  if (o.type === 'completed' || o.type === 'killed') return { invId: o.inv.id, machineId: o.machineId };
  if ('invId' in o && 'machineId' in o) return { invId: o.invId, machineId: o.machineId };
  return null;
}

export function timelineSvg(trace: TraceRun, run: RunSnap, classes: readonly string[], id: string): string {
  const n = run.steps.length;
  const w = stepWidthPx(n);
  const x = (k: number) => LEFT_PX + k * w;
  const lanes = assignLanes(run);
  const parts: string[] = [];
  let y = TOP_PX;
  const rowOf = new Map<string, number>();
  // Rows: each machine's core lanes, then its memory row.
  run.steps[0].world.machines.forEach((m, i) => {
    for (let lane = 0; lane < lanes.counts[i]; lane++) {
      rowOf.set(`${m.id}:${lane}`, y);
      const label = lane < m.cores ? `m${m.id} core ${lane}` : `m${m.id} shared ${lane}`;
      parts.push(`<text x="4" y="${y + 13}" class="lbl">${label}</text>`);
      y += LANE_PX;
    }
    rowOf.set(`${m.id}:mem`, y);
    parts.push(`<text x="4" y="${y + 13}" class="lbl">m${m.id} memory</text>`);
    y += LANE_PX + 6;
  });
  const grid = `<rect x="${LEFT_PX}" y="${TOP_PX}" width="${n * w}" height="${y - TOP_PX}" class="bg"/>`;
  for (const b of lanes.bars) {
    const top = rowOf.get(`${b.machine}:${b.lane}`) ?? 0;
    const name = classes[b.cls] ?? `class ${b.cls}`;
    const width = (b.to - b.from) * w;
    const label = width >= 18 ? `<text x="${x(b.from) + 2}" y="${top + 12}" class="inv">${b.invId}</text>` : '';
    parts.push(
      `<g><title>invocation ${b.invId} (${escapeHtml(name)}) runs in steps ${b.from}–${b.to - 1}</title>` +
        `<rect x="${x(b.from)}" y="${top + 2}" width="${width}" height="${LANE_PX - 4}" ` +
        `fill="${CLASS_COLOURS[b.cls % CLASS_COLOURS.length]}" class="bar"/>${label}</g>`,
    );
  }
  trace.lines.forEach((line, i) => {
    const k = i + 1;
    for (const o of line.out) {
      const marker = MARKERS[o.type];
      const who = invOf(o);
      if (marker === undefined || who === null) continue;
      const lane = lanes.laneAt[k - 1]?.get(`${who.machineId}:${who.invId}`);
      const swap = o.type.startsWith('swap');
      const top = rowOf.get(`${who.machineId}:${swap || lane === undefined ? 'mem' : lane}`) ?? 0;
      parts.push(
        `<text x="${x(k) + 1}" y="${top + 13}" fill="${marker.colour}" class="mark mark-${o.type}">` +
          `<title>step ${k}: ${marker.name} ${who.invId}</title>${marker.glyph}</text>`,
      );
    }
  });
  y = shardRows(run, classes, parts, x, w, y);
  const height = y + 20;
  const v = run.violationStep;
  const violation =
    v === null
      ? ''
      : `<rect x="${x(v)}" y="0" width="${Math.max(w, 3)}" height="${height}" class="violation"/>` +
        `<text x="${x(v) + Math.max(w, 3) + 2}" y="11" class="vlbl">violation (step ${v})</text>`;
  const ticks = axisTicks(n, x, y);
  const cursorWidth = Math.max(w, 2);
  const cursor = `<rect id="${id}-cursor" class="cursor" x="${x(0)}" y="0" width="${cursorWidth}" height="${height}"/>`;
  const width = LEFT_PX + n * w + 140;
  return (
    `<svg id="${id}" class="timeline" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `data-left="${LEFT_PX}" data-step-width="${w}" data-steps="${n}">` +
    `${grid}${violation}${parts.join('')}${ticks}${cursor}</svg>`
  );
}

/** Each shard's queue lengths per step, stacked by class, and its idle-list length; runs of equal values merged. */
function shardRows(
  run: RunSnap,
  classes: readonly string[],
  parts: string[],
  x: (k: number) => number,
  w: number,
  top: number,
): number {
  let y = top + 6;
  const shards = run.steps[0].world.shards.length;
  const longest = Math.max(
    1,
    ...run.steps.flatMap((s) => s.world.shards.map((sh) => sh.queues.reduce((a, q) => a + q.length, 0))),
  );
  const machines = Math.max(1, run.steps[0].world.machines.length);
  for (let s = 0; s < shards; s++) {
    parts.push(`<text x="4" y="${y + 18}" class="lbl">s${s} queues</text>`);
    runsOf(run.steps.map((st) => st.world.shards[s].queues.map((q) => q.length).join(','))).forEach((r) => {
      let base = y + SHARD_PX;
      r.value.split(',').forEach((text, cls) => {
        const h = (Number(text) / longest) * (SHARD_PX - 2);
        if (h === 0) return;
        base -= h;
        parts.push(
          `<rect x="${x(r.from)}" y="${base}" width="${(r.to - r.from) * w}" height="${h}" ` +
            `fill="${CLASS_COLOURS[cls % CLASS_COLOURS.length]}" opacity="0.8">` +
            `<title>shard ${s}, ${escapeHtml(classes[cls] ?? `class ${cls}`)}: ${text} waiting</title></rect>`,
        );
      });
    });
    y += SHARD_PX + 4;
    parts.push(`<text x="4" y="${y + 13}" class="lbl">s${s} idle list</text>`);
    runsOf(run.steps.map((st) => String(st.world.shards[s].idle.length))).forEach((r) => {
      const h = (Number(r.value) / machines) * (LANE_PX - 4);
      if (h === 0) return;
      parts.push(
        `<rect x="${x(r.from)}" y="${y + LANE_PX - 2 - h}" width="${(r.to - r.from) * w}" height="${h}" ` +
          `class="idle"><title>shard ${s}: ${r.value} machine(s) idle</title></rect>`,
      );
    });
    y += LANE_PX + 6;
  }
  return y;
}

function runsOf(values: readonly string[]): { value: string; from: number; to: number }[] {
  const out: { value: string; from: number; to: number }[] = [];
  values.forEach((value, k) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.value === value) out[out.length - 1] = { ...last, to: k + 1 };
    else out.push({ value, from: k, to: k + 1 });
  });
  return out;
}

function axisTicks(n: number, x: (k: number) => number, y: number): string {
  const every = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((e) => n / e <= 25) ?? 2000;
  const out: string[] = [];
  for (let k = 0; k < n; k += every) out.push(`<text x="${x(k)}" y="${y + 14}" class="tick">${k}</text>`);
  return out.join('');
}
