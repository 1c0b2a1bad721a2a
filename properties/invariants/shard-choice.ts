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
    if (v.event.type === 'deliver') return delayedPollChoice(v, probe);
    if (v.event.type !== 'place') return null;
    probe.checked();
    const config = v.after.spec;
    const s = v.prev.shards[v.event.shardId];
    const placed = v.result.outputs.flatMap((o) => (o.type === 'placed' ? [o] : []));
    // With a network delay a poll's answers come later: the head is taken now, placed when the last one arrives.
    const polled = placed.length === 0 ? v.next.shards[s.id].poll : null;
    const taken = polled === null ? placed.map((p) => p.invId) : [polled.item.inv.id];
    const cls = ruleHead(s, v.event.atUs, config);
    const held = config.policy.idleList && config.policy.whenIdleListEmpty === 'hold' && s.idle.length === 0;
    if (cls < 0 || held)
      return taken.length === 0
        ? null
        : `shard ${s.id}: placed ${taken[0]} with ${cls < 0 ? 'nothing queued' : 'its work held'}`;
    if (taken.length !== 1) return `shard ${s.id}: one decision with work queued placed ${taken.length} invocations`;
    const head = s.queues[cls][0];
    if (taken[0] !== head.inv.id) {
      return (
        `shard ${s.id} at ${v.event.atUs}us: placed ${taken[0]}, rule ${config.policy.shardRule}` +
        ` ranks ${head.inv.id} (class ${cls}) first [${scores(s, v.event.atUs, config)}]`
      );
    }
    return polled === null ? machineChoice(v, s, placed[0].machineId, cls) : null;
  },
};

/**
 * A poll whose answers crossed the network: when the last arrives, the pick follows the placement rule over the
 * loads the machines reported (each load was computed when its query arrived; with no delay the loads themselves
 * are checked against the machines, in machineChoice).
 */
function delayedPollChoice(v: StepView, probe: Parameters<Invariant['check']>[1]): string | null {
  const placed = v.result.outputs.find((o) => o.type === 'placed' && o.route === 'poll');
  const reply = v.result.microsteps[0];
  if (placed === undefined || placed.type !== 'placed' || reply?.body.type !== 'loadReply') return null;
  const poll = v.prev.shards[placed.shardId].poll;
  if (poll === null) return `shard ${placed.shardId}: placed ${placed.invId} from a poll it did not have`;
  probe.checked();
  if (placed.invId !== poll.item.inv.id)
    return `shard ${placed.shardId}: polled for ${poll.item.inv.id}, placed another`;
  const last = reply.body.load;
  const loads = poll.loads.map((l, i) => (l === null && poll.sampled[i] === last.machineId ? last : l));
  if (loads.some((l) => l === null)) return `shard ${placed.shardId}: placed before every polled machine answered`;
  const policy = v.after.spec.policy;
  const load = (l: typeof last) => (policy.loadCounts === 'all' ? l.functions : l.functionsAtOrAbove);
  const answers = loads as (typeof last)[];
  const want =
    policy.pollPick === 'firstFree'
      ? (answers.find((l) => l.freeCores > 0 && l.waiting === 0) ?? answers[0]).machineId
      : answers.reduce((best, l) => (load(l) < load(best) ? l : best)).machineId;
  return placed.machineId === want
    ? null
    : `shard ${placed.shardId}: placed on ${placed.machineId}; ${policy.pollPick} over the answers says ${want}`;
}

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
