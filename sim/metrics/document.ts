// The results document: one run per policy. Shape is a contract with report builders and the CLI's --json.
// `summary` counts every invocation of the run; `classes` count only those that arrived after warmup.
// Latencies are null for a class or bucket with no completions. `wallS` is the one field that is not
// reproducible (it is the engine's wall-clock time).

import type { LatencySummary } from './latency.ts';

export interface RunSummary {
  readonly arrived: number;
  readonly completed: number;
  readonly killed: number;
  readonly simulatedS: number;
  readonly events: number;
  readonly wallS: number;
}

/** A class's counts and its latency and slowdown statistics. */
export interface ClassResult extends LatencySummary {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly killed: number;
}

export interface MachineResult {
  readonly id: number;
  readonly memoryUtil: { mean: number | null; max: number | null };
  readonly swapMB: { mean: number | null; max: number | null };
  readonly swappedOutMB: number;
  readonly swappedOutByClassMB: Readonly<Record<string, number>>;
  readonly kills: number;
}

export interface TimelineClass {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly latencyS: { p50: number | null; p99: number | null };
}

export interface TimelineEntry {
  readonly tick: number;
  readonly startS: number;
  readonly classes: readonly TimelineClass[];
  readonly memoryUtil: { mean: number | null; min: number | null; max: number | null };
  readonly swapMB: { mean: number | null; max: number | null };
}

export interface RunResult {
  readonly policy: string;
  readonly summary: RunSummary;
  readonly classes: readonly ClassResult[];
  readonly machines: readonly MachineResult[];
  readonly timeline: readonly TimelineEntry[];
}

export interface ResultsDocument {
  readonly runs: readonly RunResult[];
}

export function resultsDocument(runs: readonly RunResult[]): ResultsDocument {
  return { runs };
}

/** Stable JSON text (2-space indent, trailing newline); numbers were already rounded by the recorder. */
export function formatResults(doc: ResultsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const CSV_HEADER = [
  'policy,tick,startS,class,arrived,completed,p50S,p99S',
  'memoryUtilMean,memoryUtilMin,memoryUtilMax,swapMBMean,swapMBMax',
].join(',');

/** One row per policy, tick and class; empty cells for missing values. */
export function timelineCsv(runs: readonly RunResult[]): string {
  const rows = [CSV_HEADER];
  const cell = (v: number | null) => (v === null ? '' : String(v));
  for (const run of runs) {
    for (const t of run.timeline) {
      for (const c of t.classes) {
        rows.push(
          [
            csvText(run.policy),
            t.tick,
            t.startS,
            csvText(c.name),
            c.arrived,
            c.completed,
            cell(c.latencyS.p50),
            cell(c.latencyS.p99),
            cell(t.memoryUtil.mean),
            cell(t.memoryUtil.min),
            cell(t.memoryUtil.max),
            cell(t.swapMB.mean),
            cell(t.swapMB.max),
          ].join(','),
        );
      }
    }
  }
  return `${rows.join('\n')}\n`;
}

function csvText(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
