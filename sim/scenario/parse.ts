// Scenario loading: text (YAML or JSON) -> raw object -> --set overrides -> zod validation -> Scenario.
// Contract: these functions throw nothing but InputError, whatever the input (a property test checks this).

import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import YAML, { LineCounter } from 'yaml';
import { parseTraceSpec } from '../trace/spec.ts';
import { describeValue, firstLine, InputError } from '../util/errors.ts';
import { formatIssue, pickIssue } from '../util/zod-issue.ts';
import { type DistSpec, distMean } from './distribution.ts';
import { type ParsedScenario, scenarioSchema } from './schema.ts';
import { applySet } from './set.ts';
import type { ArrivalPhase, Scenario } from './types.ts';
import { totalCores } from './types.ts';

/** Reads, overrides (`--set PATH=VALUE`, in order) and validates a scenario file. */
export function loadScenario(path: string, sets: readonly string[] = []): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new InputError(`${path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return parseScenario(text, path, sets);
}

/** Parses scenario text; `fileName` is used in messages and for the default scenario name. */
export function parseScenario(text: string, fileName: string, sets: readonly string[] = []): Scenario {
  return guard(fileName, () => {
    let raw = parseText(text, fileName);
    for (const s of sets) raw = applySet(raw, s);
    return validateScenario(raw, fileName);
  });
}

/** Validates an already-parsed object (e.g. from a sweep file). */
export function validateScenario(raw: unknown, fileName: string): Scenario {
  return guard(fileName, () => {
    const result = scenarioSchema.safeParse(raw, { reportInput: true });
    if (!result.success) throw new InputError(`${fileName}: ${formatIssue(pickIssue(result.error.issues))}`);
    return finish(result.data, fileName);
  });
}

/** YAML (a superset of JSON) to a plain object; syntax errors as `<file>:<line>:<col>: <message>`. */
export function parseText(text: string, fileName: string): unknown {
  return guard(fileName, () => {
    if (typeof text !== 'string') throw new InputError(`${fileName}: text, got ${describeValue(text)}`);
    const lineCounter = new LineCounter();
    const doc = YAML.parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      const pos = e.linePos?.[0] ?? (e.pos ? lineCounter.linePos(e.pos[0]) : undefined);
      const where = pos ? `${fileName}:${pos.line}:${pos.col}` : fileName;
      throw new InputError(`${where}: ${firstLine(e.message)}`);
    }
    return doc.toJS({ maxAliasCount: 100 });
  });
}

/** Runs `fn`, turning anything that is not an InputError into one (the loaders' no-other-throw contract). */
function guard<T>(fileName: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof InputError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(`${fileName}: cannot read the scenario (${firstLine(message)})`);
  }
}

/** The swap bandwidth field of a cluster or machine: absent when unlimited (the word or no field). */
function bandwidthOf(perS: number | 'unlimited' | undefined): { swapMBPerS?: number } {
  return perS === undefined || perS === 'unlimited' ? {} : { swapMBPerS: perS };
}

/** Fills derived defaults and resolves `load` phases to rates. */
function finish(p: ParsedScenario, fileName: string): Scenario {
  const w = p.workload;
  const initial = w.memoryMB?.initial ?? 100;
  const peak: DistSpec = w.memoryMB?.peak ?? { dist: 'deterministic', value: initial };
  const { swapMBPerS, machineList, ...uniform } = p.cluster;
  const cluster = {
    ...uniform,
    memoryMB: p.cluster.memoryMB === 'unbounded' ? Infinity : p.cluster.memoryMB,
    ...bandwidthOf(swapMBPerS),
    ...(machineList === undefined
      ? {}
      : { machineList: machineList.map(({ swapMBPerS: perS, ...m }) => ({ ...m, ...bandwidthOf(perS) })) }),
  };
  const list = cluster.machineList;
  const clusterSpec =
    list === undefined ? cluster : { ...cluster, machines: list.length, coresPerMachine: list[0].cores };
  const cores = totalCores(clusterSpec);
  const meanRuntimeS = distMean(w.runtimeS);
  const trace = w.trace === undefined ? undefined : parseTraceSpec(w.trace, fileName);
  const arrivals: ArrivalPhase[] = (w.arrivals ?? []).map((ph) =>
    ph.load !== undefined
      ? { fromS: ph.fromS, ratePerS: (ph.load * cores) / meanRuntimeS, load: ph.load }
      : { fromS: ph.fromS, ratePerS: ph.ratePerS as number },
  );
  const budgets: Record<number, number> = {};
  for (const [k, v] of Object.entries(p.budgets)) budgets[Number(k)] = v;
  return {
    name: p.name ?? basename(fileName, extname(fileName)),
    seed: p.seed,
    durationS: p.durationS,
    warmupS: p.warmupS,
    tickS: p.tickS,
    drain: p.drain,
    cluster: clusterSpec,
    policies: p.policies,
    priceClasses: p.priceClasses,
    workload: {
      functions: w.functions,
      tenants: w.tenants ?? w.functions,
      arrivals,
      runtimeS: w.runtimeS,
      classWeights: w.classWeights ?? p.priceClasses.map(() => 1),
      memoryMB: { initial, peak },
      callProbability: w.callProbability,
      ...(trace === undefined ? {} : { trace, traceBaseDir: dirname(resolvePath(fileName)) }),
      ...(w.invocations === undefined ? {} : { invocations: w.invocations }),
    },
    model: p.model,
    budgets,
    antagonists: p.antagonists,
    ...(p.antagonistProcess == null ? {} : { antagonistProcess: p.antagonistProcess }),
  };
}
