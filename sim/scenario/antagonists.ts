// `antagonists:` and `antagonistProcess:`: memory antagonists, external changes of a machine's usable memory
// (the paper's "memory antagonists", section 3.2: something outside the functions takes RAM for a while).
//
//   antagonists:
//     - { machines: [0, 3], atS: 20, untilS: 40, usableMemoryMB: 16384 }
//     - { machines: { fraction: 0.25 }, atS: 20, untilS: 40, usableFraction: 0.5 }
//   antagonistProcess: { ratePerS: 0.2, durationS: { dist: exponential, mean: 10 }, depth: 0.5 }
//
// Rules: exactly one of usableMemoryMB (whole MB, at most the RAM of every machine it may hit) or usableFraction
// (of each machine's RAM, in [0, 1]; RAM must be bounded); atS in [0, durationS); untilS > atS, or absent (the
// antagonist stays to the end of the run); machine ids in 0..machines-1, each listed once; fraction in (0, 1].
// antagonistProcess (null or absent: none): arrivals per second over [0, durationS), each lasting durationS (a
// distribution or a number), leaving `depth` of the machine's RAM usable (a number in [0, 1] or a distribution,
// draws clamped to [0, 1]); RAM must be bounded.
// sim/workload/antagonists.ts picks the machines and makes the engine's memory events.

import { z } from 'zod';
import { describeValue } from '../util/errors.ts';
import { describeIssue } from '../util/zod-issue.ts';
import { distField } from './dist-field.ts';
import type { DistSpec, ParamSpec } from './distribution.ts';
import type { AntagonistProcessSpec, AntagonistSpec } from './types.ts';

type Path = (string | number)[];
type Add = (path: Path, message: string) => void;

const machineIds = z.array(z.number().int().min(0)).min(1);
const machineFraction = z.strictObject({ fraction: z.number().positive().max(1) });

/** A list of ids or `{ fraction }`; a mistake inside either is named by its own path. */
const machines = z.unknown().transform((value, ctx): AntagonistSpec['machines'] => {
  if (!Array.isArray(value) && (typeof value !== 'object' || value === null)) {
    ctx.addIssue({ code: 'custom', message: `a list of machine ids or { fraction }, got ${describeValue(value)}` });
    return [];
  }
  const parsed = (Array.isArray(value) ? machineIds : machineFraction).safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  // An unknown key first, as for every other field (a typo also shows up as a missing field).
  const unknownFirst = (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 0 : 1);
  for (const issue of [...parsed.error.issues].sort((a, b) => unknownFirst(a) - unknownFirst(b))) {
    ctx.addIssue({ code: 'custom', message: describeIssue(issue), path: [...issue.path] });
  }
  return [];
});

const antagonist = z.strictObject({
  machines,
  atS: z.number().min(0),
  untilS: z.number().min(0).optional(),
  usableMemoryMB: z.number().int().min(0).optional(),
  usableFraction: z.number().min(0).max(1).optional(),
});

export const antagonistsSchema = z.array(antagonist).default([]);

export const antagonistProcessSchema = z.strictObject({
  ratePerS: z.number().positive(),
  durationS: distField(),
  depth: distField(),
});

/** What the checks need to know of the scenario: the arrival window and each machine's RAM (Infinity: unbounded). */
export interface AntagonistContext {
  readonly durationS: number;
  readonly ramMB: readonly number[];
}

/** Checks that need the rest of the scenario (durationS, the machines) or relate fields of one entry. */
export function checkAntagonists(
  list: readonly AntagonistSpec[],
  process: AntagonistProcessSpec | undefined,
  context: AntagonistContext,
  add: Add,
): void {
  list.forEach((a, i) => {
    checkAntagonist(a, ['antagonists', i], context, add);
  });
  if (process !== undefined) checkProcess(process, context, add);
}

function checkAntagonist(a: AntagonistSpec, at: Path, context: AntagonistContext, add: Add): void {
  const given = (a.usableMemoryMB !== undefined ? 1 : 0) + (a.usableFraction !== undefined ? 1 : 0);
  if (given !== 1) {
    add(at, `exactly one of usableMemoryMB or usableFraction, got ${given === 0 ? 'neither' : 'both'}`);
  }
  if (!(a.atS < context.durationS)) {
    add([...at, 'atS'], `a time before durationS (${context.durationS} s: the arrival window), got ${a.atS}`);
  }
  if (a.untilS !== undefined && !(a.untilS > a.atS)) {
    add([...at, 'untilS'], `a time after atS (${a.atS}), got ${a.untilS}`);
  }
  const ids = checkMachineIds(a.machines, [...at, 'machines'], context.ramMB.length, add);
  const unbounded = ids.find((id) => !Number.isFinite(context.ramMB[id]));
  if (a.usableFraction !== undefined && unbounded !== undefined) {
    add(
      [...at, 'usableFraction'],
      `usableMemoryMB instead (machine ${unbounded} has unbounded RAM, so a fraction of it is unbounded), ` +
        `got ${a.usableFraction}`,
    );
  }
  const smallest = ids.reduce((best, id) => (context.ramMB[id] < context.ramMB[best] ? id : best), ids[0]);
  if (a.usableMemoryMB !== undefined && ids.length > 0 && a.usableMemoryMB > context.ramMB[smallest]) {
    add(
      [...at, 'usableMemoryMB'],
      `at most the RAM of machine ${smallest} (${context.ramMB[smallest]} MB), got ${a.usableMemoryMB}`,
    );
  }
}

/** The machines an antagonist may hit (every machine for a fraction); reports ids out of range or repeated. */
function checkMachineIds(picked: AntagonistSpec['machines'], at: Path, machineCount: number, add: Add): number[] {
  if (!Array.isArray(picked)) return Array.from({ length: machineCount }, (_, id) => id);
  const seen = new Set<number>();
  (picked as readonly number[]).forEach((id, j) => {
    if (id >= machineCount) add([...at, j], `a machine id in 0..${machineCount - 1}, got ${id}`);
    else if (seen.has(id)) add([...at, j], `a machine id not listed before, got ${id}`);
    seen.add(id);
  });
  return [...seen].filter((id) => id < machineCount);
}

function checkProcess(p: AntagonistProcessSpec, context: AntagonistContext, add: Add): void {
  const unbounded = context.ramMB.findIndex((ram) => !Number.isFinite(ram));
  if (unbounded >= 0) {
    add(
      ['antagonistProcess'],
      `machines with bounded RAM (depth is a fraction of it), got machine ${unbounded} with unbounded RAM`,
    );
  }
  const above = fractionAboveOne(p.depth);
  if (above !== undefined) {
    add(['antagonistProcess', 'depth', ...above.path], `a fraction of RAM left usable, in [0, 1], got ${above.value}`);
  }
}

/** A written-out parameter of a depth distribution that cannot be a fraction (the bounds of uniform, a value). */
function fractionAboveOne(d: DistSpec): { path: string[]; value: number } | undefined {
  const check = (p: ParamSpec, key: string) =>
    typeof p === 'number' && p > 1 ? { path: d.dist === 'deterministic' ? [] : [key], value: p } : undefined;
  if (d.dist === 'deterministic') return check(d.value, 'value');
  if (d.dist === 'uniform') return check(d.min, 'min') ?? check(d.max, 'max');
  return undefined;
}
