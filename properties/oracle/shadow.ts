import type { Invocation, MessageBody, Microstep, ModelConfig, Output, World } from '../../model/index.ts';
import type { OracleTask } from './rules.ts';
import {
  byClaim,
  byVictimOrder,
  canRun,
  footprintMB,
  growthLevel,
  growthPointsUs,
  slotsOf,
  speedOf,
  victimsToMakeRoom,
} from './rules.ts';

// Shadow machines: the oracles' own record of every machine, kept from what the model announces (outputs) and
// what it is sent (microsteps), never from its state. Each machine decision is checked the moment it is made,
// against the shadow just before it: which task starts, which is preempted, which memory is taken, swapped or
// killed, when a task completes. After each delivery the machine must be settled, and at the end of a step the
// shadow must agree with the model's machines: a change the model makes without announcing it is a bug too.

/** Checkpoints lie at whole microseconds of work; float progress within this of one is at it (model README). */
export const AT_CHECKPOINT_US = 1e-6;
/**
 * Slack for comparing the oracle's own float sums of service with the work: far above float noise and the model's
 * 1e-6 us tolerance, far below the smallest share of a core a task gets in a microsecond.
 */
const SERVICE_SLACK_US = 1e-3;

export interface ShadowTask extends OracleTask {
  readonly inv: Invocation;
  /** Work received so far, summed by the oracle from the running sets and the speeds. */
  readonly serviceUs: number;
  /** The service when its machine last acted: checkpoints up to here have been dealt with. */
  readonly seenUs: number;
  readonly childrenSpawned: number;
}

export interface ShadowMachine {
  readonly id: number;
  readonly cores: number;
  readonly ramMB: number;
  readonly usableMB: number;
  readonly swapMB: number;
  readonly tasks: readonly ShadowTask[];
  readonly placements: number;
}

/** One checked decision: the rule it falls under, and what went wrong (null when it was right). */
export interface Verdict {
  readonly rule: string;
  readonly failure: string | null;
}

/** Boundaries and mechanisms the replay saw (sometimes-properties). */
export type Sighting = 'oneMBOver' | 'residentAtUsable' | 'swapExactlyFull' | 'killWithSwapOn' | 'roomTakenFromRunning';

export interface Replay {
  readonly machines: readonly ShadowMachine[];
  readonly verdicts: readonly Verdict[];
  readonly sightings: readonly Sighting[];
}

export function shadowsOf(world: World): ShadowMachine[] {
  return world.machines.map((m) => ({
    id: m.id,
    cores: m.cores,
    ramMB: m.ramMB,
    usableMB: m.usableMB,
    swapMB: m.swapMB,
    tasks: [],
    placements: 0,
  }));
}

/** Replays one step: time passes, then each delivery to a machine, then the shadow is compared with `next`. */
export function replayStep(
  shadows: readonly ShadowMachine[],
  prevNowUs: number,
  atUs: number,
  microsteps: readonly Microstep[],
  next: World,
  config: ModelConfig,
): Replay {
  const r = new Recorder();
  let machines = shadows.map((m) => elapse(m, atUs - prevNowUs, config));
  const preemptedByTask = new Set<number>();
  for (const ms of microsteps) {
    if (ms.to.kind !== 'machine' || ms.body.type === 'loadQuery') continue;
    const id = ms.to.id;
    machines = machines.map((m) => (m.id === id ? delivery(m, ms.body, ms.outputs, config, r, preemptedByTask) : m));
  }
  for (const m of machines) {
    r.verdict('preemptionChoice', stillRunningAfterPreemption(m, preemptedByTask));
    r.verdict('observability', disagreement(m, next));
    r.verdict('serviceEqualsWork', timerMismatch(m, next, atUs, config));
  }
  return { machines, verdicts: r.verdicts, sightings: r.sightings };
}

class Recorder {
  readonly verdicts: Verdict[] = [];
  readonly sightings: Sighting[] = [];
  verdict(rule: string, failure: string | null): void {
    this.verdicts.push({ rule, failure });
  }
  saw(s: Sighting): void {
    if (!this.sightings.includes(s)) this.sightings.push(s);
  }
}

function elapse(m: ShadowMachine, dtUs: number, config: ModelConfig): ShadowMachine {
  if (dtUs <= 0) return m;
  const running = m.tasks.filter((t) => t.running).length;
  const workUs = dtUs * speedOf(running, m.cores, config.policy);
  return { ...m, tasks: m.tasks.map((t) => (t.running ? { ...t, serviceUs: t.serviceUs + workUs } : t)) };
}

/** One delivery to a machine: its footprints catch up, the message takes effect, then each announced change. */
function delivery(
  machine: ShadowMachine,
  body: MessageBody,
  outputs: readonly Output[],
  config: ModelConfig,
  r: Recorder,
  preemptedByTask: Set<number>,
): ShadowMachine {
  let m = grow(machine, config);
  if (body.type === 'assign') m = place(m, body.inv, config);
  if (body.type === 'setUsableMemory') m = { ...m, usableMB: Math.max(0, Math.min(body.memoryMB, m.ramMB)) };
  const changes = outputs.filter((o) => o.type !== 'needWake');
  for (let i = 0; i < changes.length; ) {
    const taken = decision(m, changes, i, config, r, preemptedByTask);
    m = taken.machine;
    i = taken.next;
  }
  settled(m, config, r);
  return m;
}

/** Footprints follow the work done (growth steps happen when the machine next acts, as the model's do). */
function grow(m: ShadowMachine, config: ModelConfig): ShadowMachine {
  const steps = config.memoryGrowthSteps;
  const footprint = (t: ShadowTask) => {
    const inv = t.inv;
    return footprintMB(inv.initialMemoryMB, inv.peakMemoryMB, inv.workUs, t.serviceUs + AT_CHECKPOINT_US, steps);
  };
  return { ...m, tasks: m.tasks.map((t) => (t.running ? { ...t, memoryMB: footprint(t), seenUs: t.serviceUs } : t)) };
}

function place(m: ShadowMachine, inv: Invocation, config: ModelConfig): ShadowMachine {
  const task: ShadowTask = {
    id: inv.id,
    effectiveClass: inv.effectiveClass,
    cls: config.policy.classAware ? inv.effectiveClass : 0,
    order: m.placements,
    running: false,
    inSwap: false,
    memoryMB: footprintMB(inv.initialMemoryMB, inv.peakMemoryMB, inv.workUs, 0, config.memoryGrowthSteps),
    inv,
    serviceUs: 0,
    seenUs: 0,
    childrenSpawned: 0,
  };
  return { ...m, tasks: [...m.tasks, task], placements: m.placements + 1 };
}

interface Taken {
  readonly machine: ShadowMachine;
  readonly next: number;
}

/** Checks and applies the decision that starts at changes[i]; returns the shadow after it and where the next starts. */
function decision(
  m: ShadowMachine,
  changes: readonly Output[],
  i: number,
  config: ModelConfig,
  r: Recorder,
  preemptedByTask: Set<number>,
): Taken {
  const o = changes[i];
  switch (o.type) {
    case 'completed':
      return { machine: complete(m, o.inv.id, config, r), next: i + 1 };
    case 'spawned':
      return { machine: spawn(m, o.inv, config, r), next: i + 1 };
    case 'killed':
      return { machine: relieve(m, o.inv.id, 'kill', config, r), next: i + 1 };
    case 'preempted': {
      const after = changes[i + 1];
      const forMemory = after?.type === 'swappedOut' && after.invId === o.invId && after.byInvId === o.byInvId;
      if (o.byInvId < 0) {
        if (!forMemory)
          r.verdict('swapAndKillOrder', `machine ${m.id}: task ${o.invId} preempted for no task and not swapped`);
        return { machine: relieve(m, o.invId, 'swap', config, r), next: forMemory ? i + 2 : i + 1 };
      }
      // A running task that makes room for a start goes out of RAM with it; with every core taken, a preemption is
      // for the core, even when the same task's memory is taken next.
      const coreFree = running(m).length < slotsOf(m.cores, config.policy);
      if (forMemory && coreFree) return startDecision(m, changes, i, o.byInvId, config, r);
      preemptedByTask.add(o.invId);
      return { machine: preemptForCore(m, o.invId, o.byInvId, config, r), next: i + 1 };
    }
    case 'swappedOut':
      if (o.byInvId < 0) return { machine: relieve(m, o.invId, 'swap', config, r), next: i + 1 };
      return startDecision(m, changes, i, o.byInvId, config, r);
    case 'swappedIn':
    case 'started':
      return startDecision(m, changes, i, o.invId, config, r);
    default:
      return { machine: m, next: i + 1 };
  }
}

const find = (m: ShadowMachine, id: number) => m.tasks.find((t) => t.id === id);
const withTask = (m: ShadowMachine, t: ShadowTask): ShadowMachine => ({
  ...m,
  tasks: m.tasks.map((x) => (x.id === t.id ? t : x)),
});
const without = (m: ShadowMachine, id: number): ShadowMachine => ({ ...m, tasks: m.tasks.filter((t) => t.id !== id) });
const residentMB = (m: ShadowMachine) => m.tasks.filter((t) => !t.inSwap).reduce((a, t) => a + t.memoryMB, 0);
const swapUsedMB = (m: ShadowMachine) => m.tasks.filter((t) => t.inSwap).reduce((a, t) => a + t.memoryMB, 0);
const running = (m: ShadowMachine) => m.tasks.filter((t) => t.running);
const waiting = (m: ShadowMachine) => m.tasks.filter((t) => !t.running);

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
  // It completes at the first microsecond by which its service covers its work: not before, and not a
  // microsecond after the service already covered it.
  const early = t.serviceUs < workUs - SERVICE_SLACK_US;
  const late = t.serviceUs - speed >= workUs - SERVICE_SLACK_US;
  r.verdict(
    'serviceEqualsWork',
    early || late
      ? `machine ${m.id}: task ${id} completed with ${t.serviceUs}us of service for ${workUs}us of work` +
          ` (${early ? 'early' : 'late'})`
      : null,
  );
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
  const early = template !== undefined && parent.serviceUs < template.afterWorkUs - SERVICE_SLACK_US;
  const speed = speedOf(running(m).length, m.cores, config.policy);
  const late = template !== undefined && parent.serviceUs - speed >= template.afterWorkUs - SERVICE_SLACK_US;
  const when = early ? 'before' : late ? 'a microsecond or more after' : null;
  r.verdict(
    'inheritance',
    wrongChild || when !== null
      ? `machine ${m.id}: ${child.id} spawned out of turn or ${when} its parent reached its start point`
      : null,
  );
  return withTask(m, { ...parent, childrenSpawned: parent.childrenSpawned + 1 });
}

/** A swap-out or kill that relieves memory pressure: there must be pressure, and the victim must be the rule's. */
function relieve(m: ShadowMachine, id: number, how: 'swap' | 'kill', config: ModelConfig, r: Recorder): ShadowMachine {
  const overMB = residentMB(m) - m.usableMB;
  if (overMB === 1) r.saw('oneMBOver');
  if (how === 'kill' && config.policy.swap) r.saw('killWithSwapOn');
  const victims = byVictimOrder(
    m.tasks.filter((t) => !t.inSwap),
    config.policy,
  );
  const freeSwapMB = m.swapMB - swapUsedMB(m);
  const fits = (t: OracleTask) => config.policy.swap && t.memoryMB <= freeSwapMB;
  const expectedSwap =
    config.policy.swapOrder === 'firstFit' ? victims.find(fits) : fits(victims[0]) ? victims[0] : undefined;
  let failure: string | null = null;
  if (overMB <= 0)
    failure = `machine ${m.id}: ${how === 'kill' ? 'killed' : 'swapped out'} ${id} with no memory pressure`;
  else if (how === 'swap' && expectedSwap?.id !== id) {
    failure =
      `machine ${m.id}: swapped out ${id} under pressure; the victim order names` + ` ${expectedSwap?.id ?? 'a kill'}`;
  } else if (how === 'kill' && (expectedSwap !== undefined || victims[0]?.id !== id)) {
    const want = expectedSwap !== undefined ? `a swap of ${expectedSwap.id}` : `killing ${victims[0]?.id}`;
    failure = `machine ${m.id}: killed ${id} under pressure; the rule names ${want}`;
  }
  r.verdict('swapAndKillOrder', failure);
  if (how === 'kill') return without(m, id);
  const t = find(m, id);
  return t === undefined ? m : withTask(m, { ...t, running: false, inSwap: true });
}

/** A higher class takes a core: none is free, the victim is the worst-placed runner, the taker the best waiting. */
function preemptForCore(m: ShadowMachine, id: number, byId: number, config: ModelConfig, r: Recorder): ShadowMachine {
  const victim = find(m, id);
  const runners = running(m);
  const worst = byVictimOrder(runners, config.policy)[0];
  const best = bestRunnableWaiting(m, config);
  let failure: string | null = null;
  if (victim === undefined || !victim.running) failure = `machine ${m.id}: preempted ${id}, which was not running`;
  else if (!config.policy.preemptive) failure = `machine ${m.id}: preempted ${id} under a non-preemptive policy`;
  else if (runners.length < slotsOf(m.cores, config.policy))
    failure = `machine ${m.id}: preempted ${id} with a core free`;
  else if (worst.id !== id) failure = `machine ${m.id}: preempted ${id}; the lowest-ranked running task is ${worst.id}`;
  else if (best?.id !== byId)
    failure = `machine ${m.id}: ${id} preempted by ${byId}; the best runnable waiting task is ${best?.id}`;
  else if (best.cls <= victim.cls) failure = `machine ${m.id}: ${byId} preempted ${id} without a strictly higher class`;
  r.verdict('preemptionChoice', failure);
  return victim === undefined ? m : withTask(m, { ...victim, running: false });
}

/** A task starts: a slot is free, it is the best runnable waiting task, and room is taken by the rule. */
function startDecision(
  m: ShadowMachine,
  changes: readonly Output[],
  i: number,
  id: number,
  config: ModelConfig,
  r: Recorder,
): Taken {
  const task = find(m, id);
  const best = bestRunnableWaiting(m, config);
  const slots = slotsOf(m.cores, config.policy);
  const room = task === undefined ? null : victimsToMakeRoom(m.tasks, task, m.usableMB, m.swapMB, config);
  if (task === undefined || task.running) {
    r.verdict('observability', `machine ${m.id}: started ${id}, which is ${task === undefined ? 'absent' : 'running'}`);
  } else if (running(m).length >= slots) {
    r.verdict('workConservation', `machine ${m.id}: started ${id} with every core taken`);
  } else if (best?.id !== id) {
    const rule = best !== undefined && best.cls === task.cls ? 'fcfsWithinClass' : 'noPriorityInversion';
    r.verdict(
      rule,
      `machine ${m.id}: started ${id} (class ${task.cls}); the best runnable waiting task is ${best?.id}`,
    );
  } else {
    r.verdict('noPriorityInversion', null);
    r.verdict('fcfsWithinClass', null);
  }
  let machine = m;
  const taken: number[] = [];
  let j = i;
  for (; j < changes.length; j++) {
    const o = changes[j];
    if (o.type === 'preempted' && o.byInvId === id) continue;
    if (o.type === 'swappedOut' && o.byInvId === id) {
      taken.push(o.invId);
      const v = find(machine, o.invId);
      if (v?.running) r.saw('roomTakenFromRunning');
      if (v !== undefined) machine = withTask(machine, { ...v, running: false, inSwap: true });
    } else if (o.type === 'swappedIn' && o.invId === id) {
      const t = find(machine, id);
      if (t !== undefined) machine = withTask(machine, { ...t, inSwap: false });
    } else if (o.type === 'started' && o.invId === id) {
      const t = find(machine, id);
      if (t !== undefined) machine = withTask(machine, { ...t, running: true });
      j++;
      break;
    } else break;
  }
  const want = room?.map((t) => t.id) ?? null;
  const same = want !== null && want.length === taken.length && want.every((v, k) => v === taken[k]);
  r.verdict(
    'swapAndKillOrder',
    same || task === undefined
      ? null
      : `machine ${m.id}: took [${taken}] to make room for ${id}; the rule takes` +
          ` ${want === null ? 'nothing (no room)' : `[${want}]`}`,
  );
  const started = changes[j - 1];
  if (started?.type !== 'started' || started.invId !== id) {
    r.verdict('observability', `machine ${m.id}: ${id} was given memory but never started`);
  }
  return { machine, next: j };
}

function bestRunnableWaiting(m: ShadowMachine, config: ModelConfig): ShadowTask | undefined {
  const ordered = byClaim(waiting(m), config.policy) as ShadowTask[];
  return ordered.find((t) => canRun(m.tasks, t, m.usableMB, m.swapMB, config));
}

/** After a delivery the machine has settled: memory fits, no core idles beside runnable work, no inversion. */
function settled(m: ShadowMachine, config: ModelConfig, r: Recorder): void {
  const resident = residentMB(m);
  const inSwap = swapUsedMB(m);
  if (resident === m.usableMB && resident > 0) r.saw('residentAtUsable');
  if (inSwap === m.swapMB && inSwap > 0) r.saw('swapExactlyFull');
  r.verdict(
    'memorySafety',
    resident > m.usableMB || inSwap > m.swapMB
      ? `machine ${m.id}: ${resident} MB resident of ${m.usableMB} usable, ${inSwap} MB in swap of ${m.swapMB}`
      : null,
  );
  const runners = running(m);
  const runnable = waiting(m).filter((t) => canRun(m.tasks, t, m.usableMB, m.swapMB, config));
  const free = runners.length < slotsOf(m.cores, config.policy);
  r.verdict(
    'workConservation',
    free && runnable.length > 0 ? `machine ${m.id}: a core is free while ${runnable[0].id} can run and waits` : null,
  );
  r.verdict('noPriorityInversion', inversion(m, runners, runnable, config));
}

/** A task runs while a task of strictly higher effective class waits and could run (or, shared, gets less). */
function inversion(
  m: ShadowMachine,
  runners: readonly ShadowTask[],
  runnable: readonly ShadowTask[],
  config: ModelConfig,
) {
  for (const low of runners) {
    const high = runnable.find((w) => w.effectiveClass > low.effectiveClass);
    if (high !== undefined) {
      return (
        `machine ${m.id}: ${low.id} (class ${low.effectiveClass}) runs while ${high.id} (class` +
        ` ${high.effectiveClass}) waits`
      );
    }
  }
  if (config.policy.discipline === 'ps' && runners.length > m.cores) {
    const classes = new Set(runners.map((t) => t.effectiveClass));
    if (classes.size > 1) return `machine ${m.id}: classes ${[...classes].join(', ')} share ${m.cores} cores`;
  }
  return null;
}

function stillRunningAfterPreemption(m: ShadowMachine, preempted: ReadonlySet<number>): string | null {
  const back = m.tasks.find((t) => preempted.has(t.id) && t.running);
  return back === undefined ? null : `machine ${m.id}: ${back.id} was preempted and runs again in the same step`;
}

/** The shadow and the model's machine must hold the same tasks in the same states. */
function disagreement(s: ShadowMachine, next: World): string | null {
  const m = next.machines[s.id];
  if (m.usableMB !== s.usableMB) return `machine ${s.id}: usable memory ${m.usableMB} MB, announced ${s.usableMB} MB`;
  if (m.tasks.length !== s.tasks.length) {
    return `machine ${s.id}: holds [${m.tasks.map((t) => t.inv.id)}], the outputs say [${s.tasks.map((t) => t.id)}]`;
  }
  for (const t of m.tasks) {
    const o = s.tasks.find((x) => x.id === t.inv.id);
    if (o === undefined) return `machine ${s.id}: holds ${t.inv.id}, which the outputs never placed there`;
    if (o.running !== t.running || o.inSwap !== t.swapped) {
      return (
        `machine ${s.id}: task ${t.inv.id} is ${state(t.running, t.swapped)}, the outputs say` +
        ` ${state(o.running, o.inSwap)}`
      );
    }
    if (o.memoryMB !== t.memoryMB)
      return `machine ${s.id}: task ${t.inv.id} holds ${t.memoryMB} MB, growth says ${o.memoryMB} MB`;
  }
  return null;
}

const state = (running: boolean, swapped: boolean) => (running ? 'running' : swapped ? 'in swap' : 'waiting');

/**
 * The machine's timer is set for the first microsecond at which a running task reaches its next checkpoint: its
 * next memory step, its next child's start point, or its work. (The oracle's service is its own sum.)
 */
function timerMismatch(m: ShadowMachine, next: World, nowUs: number, config: ModelConfig): string | null {
  const runners = running(m);
  const speed = speedOf(runners.length, m.cores, config.policy);
  let wantUs = Infinity;
  for (const t of runners) {
    const leftUs = nextPointUs(t, config) - t.serviceUs - AT_CHECKPOINT_US;
    const atUs = nowUs + (leftUs <= 0 ? 0 : Math.ceil(leftUs / speed));
    if (atUs < wantUs) wantUs = atUs;
  }
  const gotUs = next.machines[m.id].wakeAtUs;
  return gotUs === wantUs
    ? null
    : `machine ${m.id}: its timer is set for ${gotUs}us; its tasks' next checkpoint is at ${wantUs}us`;
}

/** The next work point of a running task: a memory step, its next child's start, or its end. */
function nextPointUs(t: ShadowTask, config: ModelConfig): number {
  const inv = t.inv;
  // The next memory step starts the level above the one its machine last saw it at (timers sit at whole
  // microseconds of work: the level's start rounded up).
  const level = growthLevel(inv.workUs, t.seenUs + AT_CHECKPOINT_US, config.memoryGrowthSteps);
  const growth = growthPointsUs(inv.workUs, config.memoryGrowthSteps)[level] ?? Infinity;
  const child = inv.children[t.childrenSpawned];
  return Math.min(inv.workUs, growth, child === undefined ? Infinity : child.afterWorkUs);
}
