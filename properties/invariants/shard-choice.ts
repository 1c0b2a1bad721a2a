import type { MachineState, ModelConfig, ShardState, World } from '../../model/index.ts';
import { selectionScore } from '../oracle/rules.ts';
import type { Invariant, StepView } from './types.ts';

// The shard's placement decision (paper 3.2, model README): the head placed is the one the selection rule ranks
// first (ties: the higher class); the machine is the idle-list entry with the fewest functions (ties: the
// earliest joined), else among the polled machines the least loaded (ties: first sampled; load = every function,
// or with loadCounts equalOrHigher those of the head's class and above) or, for pollPick firstFree, the first with
// a free core and nothing waiting, else the first sampled. A held shard (late binding, empty list) places nothing.

export const shardChoice: Invariant = {
  name: 'shardChoice',
  description: 'the placed head is the one the selection rule ranks first, on the machine the placement rule names',
  check(v, probe) {
    if (v.event.type !== 'place') return null;
    probe.checked();
    const config = v.after.spec;
    const s = v.prev.shards[v.event.shardId];
    const placed = v.result.outputs.flatMap((o) => (o.type === 'placed' ? [o] : []));
    const cls = ruleHead(s, v.event.atUs, config);
    const held = config.policy.idleList && config.policy.whenIdleListEmpty === 'hold' && s.idle.length === 0;
    if (cls < 0 || held)
      return placed.length === 0
        ? null
        : `shard ${s.id}: placed ${placed[0].invId} with ${cls < 0 ? 'nothing queued' : 'its work held'}`;
    if (placed.length !== 1) return `shard ${s.id}: one decision with work queued placed ${placed.length} invocations`;
    const head = s.queues[cls][0];
    if (placed[0].invId !== head.inv.id) {
      return (
        `shard ${s.id} at ${v.event.atUs}us: placed ${placed[0].invId}, rule ${config.policy.shardRule}` +
        ` ranks ${head.inv.id} (class ${cls}) first [${scores(s, v.event.atUs, config)}]`
      );
    }
    return machineChoice(v, s, placed[0].machineId, cls);
  },
};

/** The class whose head the rule ranks first (ties: the higher class), or -1. */
export function ruleHead(s: ShardState, atUs: number, config: ModelConfig): number {
  let best = -1;
  for (let c = 0; c < s.queues.length; c++) {
    const head = s.queues[c][0];
    if (head === undefined) continue;
    if (
      best < 0 ||
      selectionScore(config, c, atUs - head.enqueuedUs) >=
        selectionScore(config, best, atUs - s.queues[best][0].enqueuedUs)
    )
      best = c;
  }
  return best;
}

function scores(s: ShardState, atUs: number, config: ModelConfig): string {
  return s.queues
    .map((q, c) => (q[0] === undefined ? '-' : `${q[0].inv.id}:${selectionScore(config, c, atUs - q[0].enqueuedUs)}`))
    .join(' ');
}

function machineChoice(v: StepView, s: ShardState, machineId: number, cls: number): string | null {
  const config = v.after.spec;
  if (config.policy.idleList && s.idle.length > 0) {
    let best = s.idle[0];
    for (const e of s.idle) if (e.functions < best.functions) best = e;
    return machineId === best.machineId
      ? null
      : `shard ${s.id}: placed on ${machineId}, the idle list names ${best.machineId}`;
  }
  if (v.event.type !== 'place') return null;
  const sampled = v.event.sampledMachines;
  if (!sampled.includes(machineId))
    return `shard ${s.id}: placed on ${machineId}, not among the sampled ${JSON.stringify(sampled)}`;
  const machines = sampled.map((id) => v.prev.machines[id]);
  const want =
    config.policy.pollPick === 'firstFree' ? firstFree(machines) : leastLoaded(machines, v.prev, cls, config);
  const rule = `the ${config.policy.pollPick} rule names ${want}`;
  return machineId === want ? null : `shard ${s.id}: placed on ${machineId} of ${JSON.stringify(sampled)}, ${rule}`;
}

function firstFree(machines: readonly MachineState[]): number {
  const free = machines.find((m) => m.tasks.length < m.cores && m.tasks.every((t) => t.running));
  return (free ?? machines[0]).id;
}

function leastLoaded(machines: readonly MachineState[], _w: World, cls: number, config: ModelConfig): number {
  const load = (m: MachineState) =>
    config.policy.loadCounts === 'all' ? m.tasks.length : m.tasks.filter((t) => t.cls >= cls).length;
  return machines.reduce((best, m) => (load(m) < load(best) ? m : best)).id;
}
