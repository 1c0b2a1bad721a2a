import type { ModelConfig, World } from '../../model/index.ts';
import { find, firstToAct, running } from './decisions.ts';
import { committedRamMB, committedSwapMB, nextGrowthPointUs, slotsOf, speedOf } from './rules.ts';
import type { Recorder, ShadowMachine, ShadowTask } from './shadow.ts';
import { AT_CHECKPOINT_US } from './shadow.ts';

// What must hold once a machine has settled after a delivery, and what the shadow and the model must agree on at
// the end of a step.

/** After a delivery: memory fits, no core idles beside work that can run, no inversion, the device is not idle. */
export function checkSettled(m: ShadowMachine, config: ModelConfig, r: Recorder): void {
  const ramMB = committedRamMB(m.tasks);
  const swapMB = committedSwapMB(m.tasks);
  if (ramMB === m.usableMB && ramMB > 0) r.saw('residentAtUsable');
  if (swapMB === m.swapMB && swapMB > 0) r.saw('swapExactlyFull');
  const over = ramMB > m.usableMB || swapMB > m.swapMB;
  const memory =
    `machine ${m.id}: ${ramMB} MB committed in RAM of ${m.usableMB} usable, ` + `${swapMB} MB in swap of ${m.swapMB}`;
  r.verdict('memorySafety', over ? memory : null);
  const actor = firstToAct(m, config);
  const coreFree = running(m).length < slotsOf(m.cores, config.policy);
  const idle = coreFree && actor !== null;
  r.verdict(
    'workConservation',
    idle ? `machine ${m.id}: a core is free while ${actor.task.id} can run and waits` : null,
  );
  r.verdict('noPriorityInversion', inversion(m, config));
  const free = m.usableMB - ramMB;
  const fits = m.tasks.find((t) => t.residency === 'swap' && t.memoryMB <= free);
  const eagerMissed = config.policy.swapIn === 'eager' && fits !== undefined;
  r.verdict(
    'swapAndKillOrder',
    eagerMissed ? `machine ${m.id}: ${fits.id} fits in free RAM and stays in swap (eager)` : null,
  );
  const waiting = m.tasks.some((t) => t.residency === 'toSwap' || t.residency === 'toRam');
  const lazy = m.device === null && waiting;
  r.verdict('swapDevice', lazy ? `machine ${m.id}: the swap device is idle while a transfer waits` : null);
}

/**
 * A task runs while a task of strictly higher effective class waits and could act (in RAM, or in swap, will run and
 * has room made; one on its way back waits for the device, not for the scheduler); under processor sharing, two
 * classes share oversubscribed cores.
 */
function inversion(m: ShadowMachine, config: ModelConfig): string | null {
  const runners = running(m);
  const actor = firstToAct(m, config);
  for (const low of runners) {
    if (actor !== null && actor.task.effectiveClass > low.effectiveClass) {
      const { id, effectiveClass } = actor.task;
      const runs = `${low.id} (class ${low.effectiveClass}) runs`;
      return `machine ${m.id}: ${runs} while ${id} (class ${effectiveClass}) waits`;
    }
  }
  if (config.policy.discipline === 'ps' && runners.length > m.cores) {
    const classes = new Set(runners.map((t) => t.effectiveClass));
    if (classes.size > 1) return `machine ${m.id}: classes ${[...classes].join(', ')} share ${m.cores} cores`;
  }
  return null;
}

/** End of a step: nothing preempted for a core runs again; the model holds what the outputs say; the timer is right. */
export function checkAgreement(m: ShadowMachine, next: World, nowUs: number, config: ModelConfig, r: Recorder): void {
  const back = m.tasks.find((t) => r.preemptedForCore.has(t.id) && t.running);
  r.verdict('preemptionChoice', back === undefined ? null : `machine ${m.id}: ${back.id} was preempted and runs again`);
  r.verdict('observability', disagreement(m, next));
  r.verdict('serviceEqualsWork', timerMismatch(m, next, nowUs, config));
}

function disagreement(s: ShadowMachine, next: World): string | null {
  const m = next.machines[s.id];
  if (m.usableMB !== s.usableMB) return `machine ${s.id}: usable memory ${m.usableMB} MB, announced ${s.usableMB} MB`;
  if (m.tasks.length !== s.tasks.length) {
    return `machine ${s.id}: holds [${m.tasks.map((t) => t.inv.id)}], the outputs say [${s.tasks.map((t) => t.id)}]`;
  }
  for (const t of m.tasks) {
    const o = find(s, t.inv.id);
    if (o === undefined) return `machine ${s.id}: holds ${t.inv.id}, which the outputs never placed there`;
    if (o.running !== t.running || o.residency !== t.residency) {
      const says = state(o.running, o.residency);
      return `machine ${s.id}: task ${t.inv.id} is ${state(t.running, t.residency)}, the outputs say ${says}`;
    }
    if (o.memoryMB !== t.memoryMB)
      return `machine ${s.id}: task ${t.inv.id} holds ${t.memoryMB} MB, growth says ${o.memoryMB} MB`;
  }
  const modelTransfer =
    m.transfer === null ? 'none' : `${m.tasks.find((t) => t.seq === m.transfer?.seq)?.inv.id}@${m.transfer.endUs}`;
  const shadowTransfer = s.device === null ? 'none' : `${s.device.id}@${s.device.endUs}`;
  if (modelTransfer !== shadowTransfer)
    return `machine ${s.id}: the swap device serves ${modelTransfer}, the rule says ${shadowTransfer}`;
  return null;
}

const state = (running: boolean, residency: string) => `${running ? 'running' : 'waiting'} (${residency})`;

/**
 * The machine's timer is set for the first microsecond at which a running task reaches its next checkpoint (its next
 * memory step, its next child's start point, or its end) or the swap device finishes its transfer.
 */
function timerMismatch(m: ShadowMachine, next: World, nowUs: number, config: ModelConfig): string | null {
  const runners = running(m);
  const speed = speedOf(runners.length, m.cores, config.policy);
  let wantUs = m.device?.endUs ?? Infinity;
  if (config.memoryGrowth === 'time') {
    for (const t of m.tasks) {
      // The next step above the level the machine last saw (it may be due now, for a machine that has not acted).
      if (t.residency !== 'ram') continue;
      const leftUs = nextGrowthPointUs(t.inv, t.seenAgeUs, config) - t.ageUs;
      wantUs = Math.min(wantUs, nowUs + Math.max(0, leftUs));
    }
  }
  for (const t of runners) {
    const leftUs = nextPointUs(t, config) - t.serviceUs - AT_CHECKPOINT_US;
    const atUs = nowUs + (leftUs <= 0 ? 0 : Math.ceil(leftUs / speed));
    if (atUs < wantUs) wantUs = atUs;
  }
  const gotUs = next.machines[m.id].wakeAtUs;
  return gotUs === wantUs
    ? null
    : `machine ${m.id}: its timer is set for ${gotUs}us; the next thing due is at ${wantUs}us`;
}

/** The next work point of a running task: a memory step, its next child's start, or its end. */
function nextPointUs(t: ShadowTask, config: ModelConfig): number {
  const inv = t.inv;
  // The next memory step starts the level above the one its machine last saw it at (timers sit at whole microseconds
  // of work: the level's start rounded up).
  const growth =
    config.memoryGrowth === 'time' ? Infinity : nextGrowthPointUs(inv, t.seenUs + AT_CHECKPOINT_US, config);
  const child = inv.children[t.childrenSpawned];
  return Math.min(inv.workUs, growth, child === undefined ? Infinity : child.afterWorkUs);
}
