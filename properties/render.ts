import type { MachineState, Microstep, ModelEvent, Output, ShardState, World } from '../model/index.ts';
import { addressName } from '../model/index.ts';

// A readable trace: one block per step with the time, the event, what it output, and every machine's cores,
// waiting tasks, memory and swap (and the shards' queues and idle lists). The violating step is marked, and its
// microsteps (each delivery between components) are listed.

export function eventText(ev: ModelEvent): string {
  switch (ev.type) {
    case 'arrive': {
      const i = ev.inv;
      const declared = i.declaredClass !== i.effectiveClass ? `, declared ${i.declaredClass}` : '';
      const parent = i.parentId >= 0 ? `, child of ${i.parentId}` : '';
      return (
        `arrive inv ${i.id} (class ${i.effectiveClass}${declared}, work ${i.workUs}us,` +
        ` ${i.initialMemoryMB}->${i.peakMemoryMB} MB${parent}) at shard ${ev.shardId}`
      );
    }
    case 'place':
      return `place at shard ${ev.shardId}, sampled machines [${ev.sampledMachines.join(',')}]`;
    case 'release':
      return 'release held invocations';
    case 'wake':
      return `wake machine ${ev.machineId}`;
    case 'idleJoin':
      return `idleJoin machine ${ev.machineId}, sampled shards [${ev.sampledShards.join(',')}]`;
    case 'setUsableMemory':
      return `setUsableMemory machine ${ev.machineId} to ${ev.memoryMB} MB`;
    case 'deliver':
      return `deliver in-flight message ${ev.seq}`;
  }
}

export function outputText(o: Output): string | null {
  switch (o.type) {
    case 'placed':
      return `placed ${o.invId} on m${o.machineId} (${o.route})`;
    case 'started':
      return `started ${o.invId}`;
    case 'preempted':
      return `preempted ${o.invId} by ${o.byInvId < 0 ? 'memory pressure' : o.byInvId}`;
    case 'swappingOut':
      return `swappingOut ${o.invId} (${o.memoryMB} MB)${o.byInvId >= 0 ? ` for ${o.byInvId}` : ''}`;
    case 'swappingIn':
    case 'swappedOut':
    case 'swappedIn':
      return `${o.type} ${o.invId} (${o.memoryMB} MB)`;
    case 'completed':
      return `completed ${o.inv.id}`;
    case 'killed':
      return `KILLED ${o.inv.id} on m${o.machineId}`;
    case 'spawned':
      return `spawned ${o.inv.id} (class ${o.inv.effectiveClass}) by ${o.inv.parentId}`;
    case 'throttled':
    case 'demoted':
      return `${o.type} ${o.invId} (tenant ${o.tenantId})`;
    case 'released':
      return `released ${o.invId} to shard ${o.shardId}`;
    case 'billed':
      return `billed ${o.invId} ${(o.cpuCost + o.memoryCost).toPrecision(4)}`;
    default:
      return null;
  }
}

function machineText(m: MachineState): string {
  const label = (t: MachineState['tasks'][number]) => `${t.inv.id}:c${t.inv.effectiveClass}:${t.memoryMB}MB`;
  const run =
    m.tasks
      .filter((t) => t.running)
      .map(label)
      .join(' ') || '-';
  const wait = m.tasks
    .filter((t) => !t.running)
    .map((t) => `${label(t)}${t.residency === 'ram' ? '' : `(${t.residency})`}`);
  const resident = m.tasks.filter((t) => t.residency !== 'swap').reduce((a, t) => a + t.memoryMB, 0);
  const swapped = m.tasks.filter((t) => t.residency !== 'ram').reduce((a, t) => a + t.memoryMB, 0);
  const waiting = wait.length > 0 ? ` wait[${wait.join(' ')}]` : '';
  return `  m${m.id}: run {${run}}${waiting} | mem ${resident}/${m.usableMB} MB swap ${swapped}/${m.swapMB} MB`;
}

function shardText(s: ShardState): string | null {
  const qs = s.queues.flatMap((q, c) =>
    q.length === 0 ? [] : [`q${c}[${q.map((i) => `${i.inv.id}@${i.enqueuedUs}`).join(' ')}]`],
  );
  const idle =
    s.idle.length > 0 ? ` idle[${s.idle.map((e) => `m${e.machineId}:${e.freeMB}MB/${e.functions}f`).join(' ')}]` : '';
  if (qs.length === 0 && idle === '') return null;
  return `  s${s.id}: ${qs.join(' ')}${idle}`;
}

export function worldText(w: World): string[] {
  const held = w.budget.held.length > 0 ? [`  budget: held [${w.budget.held.map((h) => h.inv.id).join(' ')}]`] : [];
  return [...w.shards.flatMap((s) => shardText(s) ?? []), ...held, ...w.machines.map(machineText)];
}

export function microstepText(ms: Microstep, index: number): string {
  const from = ms.from.kind === 'environment' ? 'environment' : addressName(ms.from);
  const outs = ms.outputs.flatMap((o) => outputText(o) ?? []);
  const said = outs.length > 0 ? ` => ${outs.join('; ')}` : '';
  return `    .${index} ${from} -> ${addressName(ms.to)}: ${ms.body.type}${said}`;
}

export interface TraceLine {
  readonly event: ModelEvent;
  readonly out: readonly Output[];
  readonly world: World;
  readonly microsteps?: readonly Microstep[];
  readonly violations: readonly { property: string; message: string }[];
}

export function renderTrace(
  initial: World,
  steps: readonly TraceLine[],
  final: readonly { property: string; message: string }[] = [],
  options: { microsteps?: boolean } = {},
): string {
  const lines: string[] = ['initial', ...worldText(initial)];
  steps.forEach((s, i) => {
    const violated = s.violations.length > 0;
    lines.push(`${violated ? '>>> ' : ''}#${i} t=${s.event.atUs}us ${eventText(s.event)}`);
    if ((violated || options.microsteps) && s.microsteps !== undefined) lines.push(...s.microsteps.map(microstepText));
    const outs = s.out.flatMap((o) => outputText(o) ?? []);
    if (outs.length > 0) lines.push(`  -> ${outs.join('; ')}`);
    lines.push(...worldText(s.world));
    for (const v of s.violations) lines.push(`>>> VIOLATED ${v.property}: ${v.message}`);
  });
  for (const v of final) lines.push(`>>> VIOLATED at the end ${v.property}: ${v.message}`);
  return lines.join('\n');
}

/** One run of a replayed counterexample: its steps and, for a property over whole runs, the step that shows it. */
export interface TraceRun {
  /** Set when a counterexample has several runs (isolation: without and with the added invocations). */
  readonly title?: string;
  readonly initial: World;
  readonly lines: readonly TraceLine[];
  readonly final?: readonly { property: string; message: string }[];
  /** The step to highlight when no line carries the violation (-1: none). */
  readonly highlight?: number;
}

/** A replayed counterexample: header lines, its runs, whether it still fails, and what it names. */
export interface TraceDoc {
  readonly header: readonly string[];
  readonly runs: readonly TraceRun[];
  readonly violated: boolean;
  readonly property: string;
  readonly message: string;
  readonly classes: readonly string[];
}

export function traceDocText(d: TraceDoc, options: { microsteps?: boolean } = {}): string {
  const runs = d.runs.flatMap((r) => [
    ...(r.title === undefined ? [] : [`--- ${r.title} ---`]),
    renderTrace(r.initial, r.lines, r.final, options),
  ]);
  return [...d.header, ...runs].join('\n');
}
