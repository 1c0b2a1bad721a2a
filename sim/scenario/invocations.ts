// `workload.invocations`: invocations written out one by one (sim/workload/explicit.ts converts them).
//
//   invocations:
//     - { atS: 0, class: high, runtimeS: 10, memoryMB: 5000 }
//     - { atS: 1, class: 0, runtimeS: 20, memoryMB: { initial: 100, peak: 5000 }, tenant: 3, function: 7,
//         children: [{ afterS: 2.5, class: low, runtimeS: 1, memoryMB: 200, children: [...] }] }
//
// Field checks live in the zod schema below; what needs the rest of the scenario (the class table, durationS)
// and the order of the lists is checked by checkInvocations. Rules: atS in [0, durationS), nondecreasing down
// the list (ties keep their order); a child's afterS in [0, the parent's runtimeS] (seconds of the parent's own
// work), nondecreasing among siblings; memory in whole MB with peak >= initial; class a name or an index.
// The generator's own fields (functions, tenants, runtimeS, classWeights, memoryMB, callProbability) cannot be
// given with invocations: they would be silently ignored.

import { z } from 'zod';
import { describeValue } from '../util/errors.ts';
import { describeIssue } from '../util/zod-issue.ts';
import { toUs, workUsOf } from '../workload/explicit.ts';
import { type ClassRef, classChoices, classIndexOf } from './class-ref.ts';
import type { ExplicitCallSpec, ExplicitChildSpec, ExplicitInvocationSpec } from './types.ts';

type Path = (string | number)[];
type Add = (path: Path, message: string) => void;

const wholeMB = z.number().int().min(0);
const memoryPair = z.strictObject({ initial: wholeMB, peak: wholeMB });
const classRef = z.union([z.string().min(1), z.number().int().min(0)], { error: 'a class name or index' });
const runtimeS = z.number().positive().max(1e9);
const id = z.number().int().min(0);

/** `memoryMB: 512` (initial = peak) or `{ initial, peak }`; a mistake inside the pair is named by its field. */
const memoryMB = z.unknown().transform((value, ctx): { initial: number; peak: number } => {
  if (Number.isSafeInteger(value) && Number(value) >= 0) return { initial: Number(value), peak: Number(value) };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const message = `a whole number of MB (>= 0) or { initial, peak }, got ${describeValue(value)}`;
    ctx.addIssue({ code: 'custom', message });
    return { initial: 0, peak: 0 };
  }
  const parsed = memoryPair.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', message: describeIssue(issue), path: [...issue.path] });
  }
  return { initial: 0, peak: 0 };
});

const callFields = { class: classRef, runtimeS, memoryMB, tenant: id.optional(), function: id.optional() };

const child: z.ZodType<ExplicitChildSpec> = z.lazy(() =>
  z.strictObject({ afterS: z.number().min(0), ...callFields, children: z.array(child).default([]) }),
);

export const invocationsSchema = z
  .array(
    z.strictObject({
      atS: z.number().min(0),
      ...callFields,
      children: z.array(child).default([]),
    }),
  )
  .min(1);

/** Checks that need the class table and durationS, and the order of the lists. */
export function checkInvocations(
  invocations: readonly ExplicitInvocationSpec[],
  classNames: readonly string[],
  durationS: number,
  add: Add,
): void {
  const at: Path = ['workload', 'invocations'];
  invocations.forEach((inv, i) => {
    if (!(toUs(inv.atS) < toUs(durationS))) {
      add([...at, i, 'atS'], `a time before durationS (${durationS} s: the arrival window), got ${inv.atS}`);
    }
    if (i > 0 && inv.atS < invocations[i - 1].atS) {
      const previous = invocations[i - 1].atS;
      add([...at, i, 'atS'], `a time >= the previous invocation's ${previous} (listed by atS), got ${inv.atS}`);
    }
    checkCall(inv, [...at, i], classNames, add);
  });
}

function checkCall(call: ExplicitCallSpec, path: Path, classNames: readonly string[], add: Add): void {
  if (classIndexOf(call.class, classNames.length, classNames) === undefined) {
    add([...path, 'class'], `${classChoices(classNames)}, got ${describeRef(call.class)}`);
  }
  if (call.memoryMB.peak < call.memoryMB.initial) {
    add([...path, 'memoryMB', 'peak'], `a peak >= initial (${call.memoryMB.initial}), got ${call.memoryMB.peak}`);
  }
  const workUs = workUsOf(call.runtimeS);
  call.children.forEach((c, j) => {
    const here = [...path, 'children', j];
    if (toUs(c.afterS) > workUs) {
      add([...here, 'afterS'], `a time in [0, ${call.runtimeS}] (the parent's runtimeS), got ${c.afterS}`);
    }
    if (j > 0 && c.afterS < call.children[j - 1].afterS) {
      const previous = call.children[j - 1].afterS;
      add(
        [...here, 'afterS'],
        `a time >= the previous child's ${previous} (children listed by afterS), got ${c.afterS}`,
      );
    }
    checkCall(c, here, classNames, add);
  });
}

function describeRef(ref: ClassRef): string {
  return typeof ref === 'number' ? String(ref) : JSON.stringify(ref);
}

const GENERATOR_FIELDS: Readonly<Record<string, string>> = {
  functions: 'function',
  tenants: 'tenant',
  runtimeS: 'runtimeS',
  classWeights: 'class',
  memoryMB: 'memoryMB',
  callProbability: 'children',
};

/** On the raw workload: generator fields next to invocations would be ignored, so they are refused. */
export function checkNoGeneratorFields(raw: unknown, ctx: z.RefinementCtx): void {
  if (typeof raw !== 'object' || raw === null || !('invocations' in raw)) return;
  for (const [key, own] of Object.entries(GENERATOR_FIELDS)) {
    if (!(key in raw)) continue;
    const value = (raw as Record<string, unknown>)[key];
    const message = `nothing next to invocations (each invocation gives its own ${own}), got ${describeValue(value)}`;
    // Aborting (continue: false): the scenario's cross checks then do not run on a workload that failed.
    ctx.addIssue({ code: 'custom', message, path: [key], continue: false });
  }
}
