import type { Invocation, ModelConfig, Output } from '../../model/index.ts';
import type { OracleTask } from './rules.ts';
import {
  byClaim,
  byVictimOrder,
  committedRamMB,
  committedSwapMB,
  slotsOf,
  speedOf,
  victimsToMakeRoom,
  willRunFromSwap,
} from './rules.ts';
import type { Recorder, ShadowMachine, ShadowTask } from './shadow.ts';

// Each machine decision the model announces, checked against the shadow just before it, then applied to the shadow.
// A decision may span several outputs (a start that makes room: preemptions and swap-outs of its victims, then its
// swap-in); `decide` consumes them all and returns where the next decision starts.

/** Slack for comparing the oracle's own float sums of service with the work (far below a share of a core). */
const SERVICE_SLACK_US = 1e-3;

export interface Taken {
  readonly machine: ShadowMachine;
  readonly next: number;
}

export const find = (m: ShadowMachine, id: number) => m.tasks.find((t) => t.id === id);
export const running = (m: ShadowMachine) => m.tasks.filter((t) => t.running);
const update = (m: ShadowMachine, id: number, change: Partial<ShadowTask>): ShadowMachine => ({
  ...m,
  tasks: m.tasks.map((t) => (t.id === id ? { ...t, ...change } : t)),
});
const without = (m: ShadowMachine, id: number): ShadowMachine => ({ ...m, tasks: m.tasks.filter((t) => t.id !== id) });

/** A transfer asked for: the task heads for `residency`, and takes its turn among the machine's requests. */
function asked(m: ShadowMachine, id: number, residency: 'toSwap' | 'toRam'): ShadowMachine {
  const change = { running: false, residency, requestedUs: m.nowUs, requestOrder: m.requests };
  return { ...update(m, id, change), requests: m.requests + 1 };
}

export function decide(
  m: ShadowMachine,
  changes: readonly Output[],
  i: number,
  config: ModelConfig,
  r: Recorder,
): Taken {
  const o = changes[i];
  const one = (machine: ShadowMachine): Taken => ({ machine, next: i + 1 });
  switch (o.type) {
    case 'completed':
      return one(complete(m, o.inv.id, config, r));
    case 'spawned':
      return one(spawn(m, o.inv, config, r));
    case 'killed':
      return one(kill(m, o.inv.id, config, r));
    case 'swappedOut':
    case 'swappedIn':
      return one(finishTransfer(m, o.invId, o.type, r));
    case 'swapInCalledOff':
      return one(callOff(m, o.invId, config, r));
    case 'preempted':
      return preempted(m, changes, i, config, r);
    case 'swappingOut':
      return o.byInvId < 0 ? one(relieve(m, o.invId, config, r)) : bringBack(m, changes, i, o.byInvId, config, r);
    case 'swappingIn':
      return bringBack(m, changes, i, o.invId, config, r);
    case 'started':
      return one(start(m, o.invId, config, r));
    default:
      return one(m);
  }
}

function preempted(m: ShadowMachine, changes: readonly Output[], i: number, config: ModelConfig, r: Recorder): Taken {
  const o = changes[i];
  if (o.type !== 'preempted') return { machine: m, next: i + 1 };
  const after = changes[i + 1];
  const forMemory = after?.type === 'swappingOut' && after.invId === o.invId && after.byInvId === o.byInvId;
  if (o.byInvId < 0) {
    if (!forMemory) r.verdict('swapAndKillOrder', `machine ${m.id}: ${o.invId} preempted for no task and not swapped`);
    return { machine: relieve(m, o.invId, config, r), next: forMemory ? i + 2 : i + 1 };
  }
  // A running task that makes room for a swap-in goes to swap with it; with every core taken, a preemption is for the
  // core, even when the same task's memory is taken next.
  const coreFree = running(m).length < slotsOf(m.cores, config.policy);
  if (forMemory && coreFree) return bringBack(m, changes, i, o.byInvId, config, r);
  r.preemptedForCore.add(o.invId);
  return { machine: preemptForCore(m, o.invId, o.byInvId, config, r), next: i + 1 };
}

function complete(m: ShadowMachine, id: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const t = find(m, id);
  if (t === undefined || !t.running) {
    r.verdict(
      'observability',
      `machine ${m.id}: task ${id} completed while ${t === undefined ? 'absent' : 'not running'}`,
    );
    return without(m, id);
  }
  const speed = speedOf(running(m).length, m.cores, config.policy);
  const workUs = t.inv.workUs;
  // It completes at the first microsecond by which its service covers its work: not before, and not a microsecond
  // after the service already covered it.
  const early = t.serviceUs < workUs - SERVICE_SLACK_US;
  const late = t.serviceUs - speed >= workUs - SERVICE_SLACK_US;
  const when = `${t.serviceUs}us of service for ${workUs}us of work (${early ? 'early' : 'late'})`;
  r.verdict('serviceEqualsWork', early || late ? `machine ${m.id}: task ${id} completed with ${when}` : null);
  const unspawned = t.inv.children.length - t.childrenSpawned;
  if (unspawned > 0)
    r.verdict('conservation', `machine ${m.id}: task ${id} completed with ${unspawned} children never started`);
  return without(m, id);
}

function spawn(m: ShadowMachine, child: Invocation, config: ModelConfig, r: Recorder): ShadowMachine {
  const parent = find(m, child.parentId);
  if (parent === undefined || !parent.running) {
    r.verdict(
      'inheritance',
      `machine ${m.id}: child ${child.id} spawned by ${child.parentId}, which is not running here`,
    );
    return m;
  }
  const template = parent.inv.children[parent.childrenSpawned];
  const wrongChild = template === undefined || template.spec.id !== child.id;
  const speed = speedOf(running(m).length, m.cores, config.policy);
  const early = template !== undefined && parent.serviceUs < template.afterWorkUs - SERVICE_SLACK_US;
  const late = template !== undefined && parent.serviceUs - speed >= template.afterWorkUs - SERVICE_SLACK_US;
  const when = early ? 'before' : late ? 'a microsecond or more after' : null;
  const failure = `machine ${m.id}: ${child.id} spawned out of turn or ${when} its parent reached its start point`;
  r.verdict('inheritance', wrongChild || when !== null ? failure : null);
  return update(m, parent.id, { childrenSpawned: parent.childrenSpawned + 1 });
}

/** What pressure relief must do next: the victim to swap out, or the task to kill. */
function pressureRule(m: ShadowMachine, config: ModelConfig): { swap?: ShadowTask; kill?: ShadowTask } {
  const resident = m.tasks.filter((t) => t.residency === 'ram');
  const victims = byVictimOrder(resident, config.policy) as ShadowTask[];
  const first = victims[0];
  if (first === undefined || !config.policy.swap) return { kill: first };
  const room = m.swapMB - committedSwapMB(m.tasks);
  const fits = (t: OracleTask) => t.memoryMB <= room;
  // firstFit passes over a victim that does not fit to the next of its class that does, never to a higher class.
  const target =
    config.policy.swapOrder === 'firstFit' ? (victims.find((t) => t.cls === first.cls && fits(t)) ?? first) : first;
  if (fits(target)) return { swap: target };
  if (config.policy.reclaimSwap) {
    const lower = byVictimOrder(
      m.tasks.filter((t) => (t.residency === 'swap' || t.residency === 'toSwap') && t.cls < target.cls),
      config.policy,
    ) as ShadowTask[];
    if (room + lower.reduce((a, t) => a + t.memoryMB, 0) >= target.memoryMB) return { kill: lower[0] };
  }
  return { kill: first };
}

/** A swap-out asked for to relieve pressure: there must be pressure, and the victim must be the rule's. */
function relieve(m: ShadowMachine, id: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const overMB = committedRamMB(m.tasks) - m.usableMB;
  if (overMB === 1) r.saw('oneMBOver');
  const rule = pressureRule(m, config);
  let failure: string | null = null;
  if (overMB <= 0) failure = `machine ${m.id}: swapped out ${id} with no memory pressure`;
  else if (rule.swap?.id !== id) {
    const named = rule.swap ? rule.swap.id : `killing ${rule.kill?.id}`;
    failure = `machine ${m.id}: swapped out ${id} under pressure; the rule names ${named}`;
  }
  r.verdict('swapAndKillOrder', failure);
  return asked(m, id, 'toSwap');
}

function kill(m: ShadowMachine, id: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const overMB = committedRamMB(m.tasks) - m.usableMB;
  if (overMB === 1) r.saw('oneMBOver');
  if (config.policy.swap) r.saw('killWithSwapOn');
  const rule = pressureRule(m, config);
  const victim = find(m, id);
  if (victim?.residency === 'swap' || victim?.residency === 'toSwap') r.saw('reclaimedSwap');
  let failure: string | null = null;
  if (overMB <= 0) failure = `machine ${m.id}: killed ${id} with no memory pressure`;
  else if (rule.kill?.id !== id) {
    const named = rule.kill ? `killing ${rule.kill.id}` : `a swap of ${rule.swap?.id}`;
    failure = `machine ${m.id}: killed ${id} under pressure; the rule names ${named}`;
  }
  r.verdict('swapAndKillOrder', failure);
  const device = m.device?.id === id ? null : m.device;
  return { ...without(m, id), device };
}

function callOff(m: ShadowMachine, id: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const incoming = byVictimOrder(
    m.tasks.filter((t) => t.residency === 'toRam'),
    config.policy,
  );
  const over = committedRamMB(m.tasks) > m.usableMB;
  const inRam = m.tasks.some((t) => t.residency === 'ram');
  const ok = over && !inRam && incoming[0]?.id === id;
  r.verdict('swapAndKillOrder', ok ? null : `machine ${m.id}: called off the swap-in of ${id} against the rule`);
  const device = m.device?.id === id ? null : m.device;
  return { ...update(m, id, { residency: 'swap' }), device };
}

/** The swap device finished a transfer: the one it was serving, exactly when it ends. */
function finishTransfer(m: ShadowMachine, id: number, type: 'swappedOut' | 'swappedIn', r: Recorder): ShadowMachine {
  const t = find(m, id);
  const from = type === 'swappedOut' ? 'toSwap' : 'toRam';
  let failure: string | null = null;
  if (t?.residency !== from) failure = `machine ${m.id}: ${type} ${id}, which was not on its way`;
  else if (m.device?.id !== id)
    failure = `machine ${m.id}: ${type} ${id} while the device serves ${m.device?.id ?? 'nothing'}`;
  else if (m.device.endUs !== m.nowUs)
    failure = `machine ${m.id}: ${type} ${id} at ${m.nowUs}us, its transfer ends at ${m.device.endUs}us`;
  r.verdict('swapDevice', failure);
  if (type === 'swappedIn' && t !== undefined && m.nowUs > t.requestedUs) r.saw('waitedForDevice');
  return { ...update(m, id, { residency: type === 'swappedOut' ? 'swap' : 'ram' }), device: null };
}

/** A higher class takes a core: none is free, the victim is the worst-placed runner, the taker the first to act. */
function preemptForCore(m: ShadowMachine, id: number, byId: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const victim = find(m, id);
  const runners = running(m);
  const worst = byVictimOrder(runners, config.policy)[0];
  const actor = firstToAct(m, config);
  let failure: string | null = null;
  if (victim === undefined || !victim.running) failure = `machine ${m.id}: preempted ${id}, which was not running`;
  else if (!config.policy.preemptive) failure = `machine ${m.id}: preempted ${id} under a non-preemptive policy`;
  else if (runners.length < slotsOf(m.cores, config.policy))
    failure = `machine ${m.id}: preempted ${id} with a core free`;
  else if (worst.id !== id) failure = `machine ${m.id}: preempted ${id}; the lowest-ranked running task is ${worst.id}`;
  else if (actor?.task.id !== byId)
    failure = `machine ${m.id}: ${id} preempted by ${byId}; first to act is ${actor?.task.id}`;
  else if (actor.task.cls <= victim.cls) failure = `machine ${m.id}: ${byId} preempted ${id} without a higher class`;
  r.verdict('preemptionChoice', failure);
  return victim === undefined ? m : update(m, id, { running: false });
}

/**
 * The scheduler's candidate that acts first (model README): waiting tasks in RAM, and in swap with room makeable, in
 * rank order; one in swap acts only if it will run (else the next is considered); one in RAM acts (starts, or
 * preempts) or nothing after it can.
 */
export function firstToAct(m: ShadowMachine, config: ModelConfig): { task: ShadowTask; room: OracleTask[] } | null {
  const waiting = m.tasks.filter((t) => !t.running && (t.residency === 'ram' || t.residency === 'swap'));
  for (const task of byClaim(waiting, config.policy) as ShadowTask[]) {
    if (task.residency === 'ram') return { task, room: [] };
    const room = victimsToMakeRoom(m.tasks, task, m.usableMB, m.swapMB, config);
    if (room !== null && willRunFromSwap(m.tasks, task, m.cores, config.policy)) return { task, room };
  }
  return null;
}

function start(m: ShadowMachine, id: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const task = find(m, id);
  const actor = firstToAct(m, config);
  if (task === undefined || task.running || task.residency !== 'ram') {
    r.verdict(
      'observability',
      `machine ${m.id}: started ${id}, which is ${task === undefined ? 'absent' : task.residency}`,
    );
  } else if (running(m).length >= slotsOf(m.cores, config.policy)) {
    r.verdict('workConservation', `machine ${m.id}: started ${id} with every core taken`);
  } else if (actor?.task.id !== id) {
    const rule = actor !== null && actor.task.cls === task.cls ? 'fcfsWithinClass' : 'noPriorityInversion';
    r.verdict(rule, `machine ${m.id}: started ${id} (class ${task.cls}); the first to act is ${actor?.task.id}`);
  } else {
    r.verdict('noPriorityInversion', null);
    r.verdict('fcfsWithinClass', null);
  }
  return update(m, id, { running: true });
}

/**
 * A swap-in asked for: the task's victims leave first (a preemption and a swap-out each), then its swap-in. Either the
 * scheduler's first candidate to act, with exactly the room the rule makes, or, with eager swap-in and nothing
 * else to do, the best-ranked task in swap that fits in free RAM as it is.
 */
function bringBack(
  m: ShadowMachine,
  changes: readonly Output[],
  i: number,
  id: number,
  config: ModelConfig,
  r: Recorder,
): Taken {
  const task = find(m, id);
  const actor = firstToAct(m, config);
  const eager =
    config.policy.swapIn === 'eager' &&
    (actor === null || (actor.task.residency === 'ram' && !startable(m, actor.task, config)));
  let machine = m;
  const taken: number[] = [];
  let j = i;
  for (; j < changes.length; j++) {
    const o = changes[j];
    if (o.type === 'preempted' && o.byInvId === id) continue;
    if (o.type === 'swappingOut' && o.byInvId === id) {
      taken.push(o.invId);
      if (find(machine, o.invId)?.running) r.saw('roomTakenFromRunning');
      machine = asked(machine, o.invId, 'toSwap');
    } else if (o.type === 'swappingIn' && o.invId === id) {
      machine = asked(machine, id, 'toRam');
      j++;
      break;
    } else break;
  }
  r.verdict('swapAndKillOrder', roomFailure(m, task, actor, eager, taken, config));
  return { machine, next: j };
}

function startable(m: ShadowMachine, task: ShadowTask, config: ModelConfig): boolean {
  if (running(m).length < slotsOf(m.cores, config.policy)) return true;
  const worst = byVictimOrder(running(m), config.policy)[0];
  return config.policy.preemptive && worst !== undefined && task.cls > worst.cls;
}

function roomFailure(
  m: ShadowMachine,
  task: ShadowTask | undefined,
  actor: ReturnType<typeof firstToAct>,
  eager: boolean,
  taken: readonly number[],
  config: ModelConfig,
): string | null {
  if (task === undefined || task.residency !== 'swap') return `machine ${m.id}: a swap-in for ${task?.id}, not in swap`;
  if (eager) {
    const free = m.usableMB - committedRamMB(m.tasks);
    const fitting = m.tasks.filter((t) => t.residency === 'swap' && t.memoryMB <= free);
    const best = byClaim(fitting, config.policy)[0];
    if (taken.length === 0 && best?.id === task.id) return null;
    return `machine ${m.id}: eager swap-in of ${task.id}; the best-ranked task in swap that fits is ${best?.id}`;
  }
  if (actor?.task.id !== task.id)
    return `machine ${m.id}: brought ${task.id} back; the first to act is ${actor?.task.id}`;
  const want = actor.room.map((t) => t.id);
  const same = want.length === taken.length && want.every((v, k) => v === taken[k]);
  return same ? null : `machine ${m.id}: took [${taken}] to make room for ${task.id}; the rule takes [${want}]`;
}
