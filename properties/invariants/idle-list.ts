import type { MachineState, ModelConfig } from '../../model/index.ts';
import { idleBy } from '../oracle/rules.ts';
import type { Invariant, StepView } from './types.ts';

// Idle lists (paper 3.2, model README): a machine is on at most one shard's list, the one its dispatcher records;
// it is listed only while idle (leaving is immediate: the dispatcher reacts to every change of its machine); the
// entry's function count is exact and its free memory lags by less than idleUpdateDeltaMB; an idle machine that is
// not listed has asked to join. A join goes to the sampled shard with the shortest list (ties: first sampled).
// With a network delay between dispatchers and shards, lists are stale by design (model knob
// dispatcherShardDelayUs): the listing checks then do not apply, and a join is decided when the last list length
// arrives, not at the join event.

export const idleList: Invariant = {
  name: 'idleList',
  description:
    'a machine is on at most one idle list, and only while idle (entry free memory stale by < idleUpdateDeltaMB)',
  check(v, probe) {
    return joinChoice(v, probe) ?? listings(v, probe);
  },
};

/** Free memory as the dispatcher reports it: RAM held (a transfer holds RAM until it ends) off usable RAM. */
function freeOf(m: MachineState): number {
  return m.usableMB - m.tasks.filter((t) => t.residency !== 'swap').reduce((a, t) => a + t.memoryMB, 0);
}

function isIdle(m: MachineState, config: ModelConfig): boolean {
  return idleBy(freeOf(m), m.tasks.length, m.cores, config);
}

function listings(v: StepView, probe: Parameters<Invariant['check']>[1]): string | null {
  const config = v.after.spec;
  if (config.dispatcherShardDelayUs > 0) return null;
  const listedOn = new Map<number, number>();
  for (const s of v.next.shards) {
    for (const e of s.idle) {
      probe.checked();
      if (!config.policy.idleList) return `shard ${s.id}: an idle list under a policy without idle lists`;
      const other = listedOn.get(e.machineId);
      if (other !== undefined) return `machine ${e.machineId} is on the idle lists of shards ${other} and ${s.id}`;
      listedOn.set(e.machineId, s.id);
      const m = v.next.machines[e.machineId];
      const freeMB = freeOf(m);
      if (!isIdle(m, config))
        return (
          `machine ${m.id} is on shard ${s.id}'s idle list but not idle (${freeMB} MB free,` +
          ` ${m.tasks.length} functions)`
        );
      if (e.functions !== m.tasks.length)
        return `machine ${m.id}: its entry says ${e.functions} functions, it has ${m.tasks.length}`;
      if (Math.abs(e.freeMB - freeMB) >= config.idleUpdateDeltaMB)
        return `machine ${m.id}: its entry says ${e.freeMB} MB free, it has ${freeMB} MB`;
    }
  }
  for (const d of v.next.dispatchers) {
    probe.checked();
    const on = listedOn.get(d.machineId) ?? -1;
    if (d.listedOn !== on) return `machine ${d.machineId}: its dispatcher records list ${d.listedOn}, it is on ${on}`;
    const asked = d.joinAtUs !== Infinity || d.joinPoll !== null;
    if (config.policy.idleList && on < 0 && isIdle(v.next.machines[d.machineId], config) && !asked) {
      return `machine ${d.machineId} is idle, not listed, and has not asked to join`;
    }
  }
  return null;
}

function joinChoice(v: StepView, probe: Parameters<Invariant['check']>[1]): string | null {
  if (v.event.type !== 'idleJoin' || v.after.spec.dispatcherShardDelayUs > 0) return null;
  const joined = v.result.microsteps.find((m) => m.body.type === 'idleEntryJoin');
  if (joined === undefined || joined.to.kind !== 'shard') return null;
  probe.checked();
  const sampled = v.event.sampledShards;
  let want = sampled[0];
  for (const s of sampled) if (v.prev.shards[s].idle.length < v.prev.shards[want].idle.length) want = s;
  return joined.to.id === want
    ? null
    : `machine ${v.event.machineId} joined shard ${joined.to.id}; the shortest sampled list is ${want}'s`;
}
