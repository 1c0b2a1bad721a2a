// Human-readable summaries of a results document: report.md (per-policy tables, the steady-state verdict, memory
// and swap when memory is bounded, links to plots) and a compact fixed-width table for the terminal. Latencies in
// milliseconds; "to place" is the time from arrival to placement.

import type { ClassResult, ResultsDocument } from '../metrics/document.ts';
import { memoryLines, steadyStateLine } from './memory-markdown.ts';

export interface PlotLink {
  readonly title: string;
  /** Path relative to report.md. */
  readonly path: string;
}

const ms = (s: number | null) => (s === null ? '–' : (s * 1000).toFixed(s * 1000 >= 100 ? 0 : 1));
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

export function classCells(c: ClassResult): string[] {
  return [
    c.name,
    String(c.completed),
    String(c.killed),
    ms(c.latencyS.mean),
    ms(c.latencyS.p50),
    ms(c.latencyS.p99),
    ms(c.latencyS.p999),
    num(c.slowdown.p99),
    ms(c.placementWaitS.p99),
    ms(c.placementWaitS.max),
  ];
}

// "to place": from arrival to placement (the shard queue, a budget hold, polls across the network).
export const CLASS_HEADER = [
  ...['class', 'completed', 'killed', 'mean ms', 'p50 ms', 'p99 ms', 'p99.9 ms', 'slowdown p99'],
  ...['to place p99 ms', 'to place max ms'],
];

export interface ReportOptions {
  readonly title: string;
  readonly plots?: readonly PlotLink[];
  /** Memory is bounded: add each run's memory and swap section. */
  readonly memory?: boolean;
}

export function reportMarkdown(doc: ResultsDocument, options: ReportOptions): string {
  const lines = [`# ${options.title}`, ''];
  for (const run of doc.runs) {
    const s = run.summary;
    lines.push(
      `## ${run.policy}`,
      '',
      `${s.arrived} arrived, ${s.completed} completed, ${s.killed} killed; ` +
        `${s.simulatedS} s simulated, ${s.events} events.`,
      '',
      steadyStateLine(s.steadyState),
      '',
    );
    lines.push(
      `| ${CLASS_HEADER.join(' | ')} |`,
      `|${CLASS_HEADER.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    );
    for (const c of run.classes) lines.push(`| ${classCells(c).join(' | ')} |`);
    lines.push('');
    if (options.memory) lines.push(...memoryLines(run), '');
  }
  if (options.plots && options.plots.length > 0) {
    lines.push('## Plots', '');
    for (const p of options.plots) lines.push(`![${p.title}](${p.path})`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Fixed-width table: one row per policy and class. */
export function textTable(doc: ResultsDocument): string {
  const header = ['policy', ...CLASS_HEADER];
  const rows = doc.runs.flatMap((run) => run.classes.map((c) => [run.policy, ...classCells(c)]));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    r
      .map((cell, i) => (i <= 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[fmt(header), ...rows.map(fmt)].join('\n')}\n`;
}
