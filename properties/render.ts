import type { Machine, ModelEvent, Output, Shard, World } from '../model/index.ts';
import { fifoItems } from '../model/index.ts';

// A readable trace of a run: one block per step with the time, the event, what it emitted, and every machine's
// cores, queues by class, memory and swap (and the shards' queues and idle lists). The violating step is marked.

function eventText(ev: ModelEvent): string {
  switch (ev.type) {
    case 'arrive':
      return `arrive inv ${ev.inv.id} (class ${ev.inv.effectiveClass}${ev.inv.declaredClass !== ev.inv.effectiveClass ? `, declared ${ev.inv.declaredClass}` : ''}, work ${ev.inv.workUs}us, ${ev.inv.initialMemoryMB}->${ev.inv.peakMemoryMB} MB${ev.inv.parentId >= 0 ? `, child of ${ev.inv.parentId}` : ''}) at shard ${ev.shardId}`;
    case 'place':
      return `place at shard ${ev.shardId}, sampled machines [${ev.sampledMachines.join(',')}]`;
    case 'release':
      return `release throttled at shard ${ev.shardId}`;
    case 'wake':
      return `wake machine ${ev.machineId}`;
    case 'idleJoin':
      return `idleJoin machine ${ev.machineId}, sampled shards [${ev.sampledShards.join(',')}]`;
    case 'setUsableMemory':
      return `setUsableMemory machine ${ev.machineId} to ${ev.memoryMB} MB`;
  }
}

function outputText(o: Output): string | null {
  switch (o.type) {
    case 'placed':
      return `placed ${o.invId} on m${o.machineId}`;
    case 'preempted':
      return `preempted ${o.invId} on m${o.machineId} by ${o.byInvId}`;
    case 'swappedOut':
      return `swappedOut ${o.invId} (${o.memoryMB} MB) on m${o.machineId}`;
    case 'swappedIn':
      return `swappedIn ${o.invId} (${o.memoryMB} MB) on m${o.machineId}`;
    case 'completed':
      return `completed ${o.inv.id} on m${o.machineId}`;
    case 'killed':
      return `KILLED ${o.inv.id} on m${o.machineId}`;
    case 'spawned':
      return `spawned ${o.inv.id} (class ${o.inv.effectiveClass}) by ${o.inv.parentId}`;
    case 'throttled':
      return `throttled ${o.invId} at shard ${o.shardId}`;
    default:
      return null;
  }
}

function machineText(m: Machine): string {
  const run = m.running.map((t) => `${t.inv.id}:c${t.inv.effectiveClass}:${t.memoryMB}MB`).join(' ') || '-';
  const qs = m.queues
    .map((q, c) => (q.length === 0 ? null : `q${c}[${q.map((t) => `${t.inv.id}${t.state === 'swapped' ? '(swapped)' : ''}:${t.memoryMB}MB`).join(' ')}]`))
    .filter((x) => x !== null)
    .join(' ');
  return `  m${m.id}: cores ${m.running.length}/${m.cores} run {${run}} ${qs} | mem ${m.residentMB}/${m.usableMB} MB swap ${m.swapUsedMB}/${m.swapCapacityMB} MB${m.dispatcher.idleShard >= 0 ? ` | idle@s${m.dispatcher.idleShard}` : ''}`;
}

function shardText(s: Shard): string | null {
  const qs = s.queues.map((q, c) => { const items = fifoItems(q); return items.length === 0 ? null : `q${c}[${items.map((i) => `${i.inv.id}@${i.enqueuedUs}`).join(' ')}]`; }).filter((x) => x !== null);
  const thr = s.throttled.length > 0 ? ` throttled[${s.throttled.map((i) => i.inv.id).join(' ')}]` : '';
  const idle = s.idle.length > 0 ? ` idle[${s.idle.map((e) => `m${e.machineId}:${e.freeMB}MB/${e.functions}f`).join(' ')}]` : '';
  if (qs.length === 0 && !thr && !idle) return null;
  return `  s${s.id}: ${qs.join(' ')}${thr}${idle}`;
}

export function worldText(w: World): string[] {
  return [...w.shards.map(shardText).filter((x): x is string => x !== null), ...w.machines.map(machineText)];
}

export interface TraceLine {
  readonly event: ModelEvent;
  readonly out: readonly Output[];
  readonly world: World;
  readonly violations: readonly { property: string; message: string }[];
}

export function renderTrace(initial: World, steps: readonly TraceLine[], final: readonly { property: string; message: string }[] = []): string {
  const lines: string[] = ['initial', ...worldText(initial)];
  steps.forEach((s, i) => {
    const mark = s.violations.length > 0 ? '>>> ' : '';
    lines.push(`${mark}#${i} t=${s.event.atUs}us ${eventText(s.event)}`);
    const outs = s.out.map(outputText).filter((x) => x !== null);
    if (outs.length > 0) lines.push(`  -> ${outs.join('; ')}`);
    lines.push(...worldText(s.world));
    for (const v of s.violations) lines.push(`>>> VIOLATED ${v.property}: ${v.message}`);
  });
  for (const v of final) lines.push(`>>> VIOLATED at the end ${v.property}: ${v.message}`);
  return lines.join('\n');
}
