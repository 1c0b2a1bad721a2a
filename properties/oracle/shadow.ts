import type { Invocation, MessageBody, Microstep, ModelConfig, Output, World } from '../../model/index.ts';
import { decide } from './decisions.ts';
import type { OracleTask } from './rules.ts';
import { footprintMB, nextTransfer, speedOf, transferDurationUs } from './rules.ts';
import { checkAgreement, checkSettled } from './settled.ts';

// Shadow machines: the oracles' own record of every machine, kept from what the model announces (outputs) and what
// it is sent (microsteps), never from its state. Each machine decision is checked the moment it is made, against the
// shadow just before it (decisions.ts); after each delivery the machine must be settled, and at the end of a step the
// shadow must agree with the model's machines (settled.ts): a change the model makes without announcing it is a bug
// too. The shadow runs its own swap device (the model announces when a transfer ends, not when one starts).

/** Checkpoints lie at whole microseconds of work; float progress within this of one is at it (model README). */
export const AT_CHECKPOINT_US = 1e-6;

export interface ShadowTask extends OracleTask {
  readonly inv: Invocation;
  /** Work received so far, summed by the oracle from the running sets and the speeds. */
  readonly serviceUs: number;
  /** The service when its machine last acted: checkpoints up to here have been dealt with. */
  readonly seenUs: number;
  readonly childrenSpawned: number;
  /** When its current (or last) transfer was asked for, and in what order among the machine's requests. */
  readonly requestedUs: number;
  readonly requestOrder: number;
  /** Time spent in RAM since placement (summed by the oracle): the growth clock of memoryGrowth: time. */
  readonly ageUs: number;
  /** The age at which its machine last acted on it (memoryGrowth: time): the level the machine last saw. */
  readonly seenAgeUs: number;
}

export interface ShadowMachine {
  readonly id: number;
  readonly cores: number;
  readonly ramMB: number;
  readonly usableMB: number;
  readonly swapMB: number;
  readonly swapMBPerS: number;
  readonly nowUs: number;
  readonly tasks: readonly ShadowTask[];
  readonly placements: number;
  /** Transfers asked for so far. */
  readonly requests: number;
  /** The transfer the shadow's swap device is busy with. */
  readonly device: { readonly id: number; readonly endUs: number } | null;
}

/** One checked decision: the rule it falls under, and what went wrong (null when it was right). */
export interface Verdict {
  readonly rule: string;
  readonly failure: string | null;
}

/** Boundaries and mechanisms the replay saw (sometimes-properties). */
export type Sighting =
  | 'oneMBOver'
  | 'residentAtUsable'
  | 'swapExactlyFull'
  | 'killWithSwapOn'
  | 'roomTakenFromRunning'
  | 'reclaimedSwap'
  | 'waitedForDevice';

export interface Replay {
  readonly machines: readonly ShadowMachine[];
  readonly verdicts: readonly Verdict[];
  readonly sightings: readonly Sighting[];
}

export class Recorder {
  readonly verdicts: Verdict[] = [];
  readonly sightings: Sighting[] = [];
  /** Tasks preempted for a core in this step (they must not run again in it). */
  readonly preemptedForCore = new Set<number>();
  verdict(rule: string, failure: string | null): void {
    this.verdicts.push({ rule, failure });
  }
  saw(s: Sighting): void {
    if (!this.sightings.includes(s)) this.sightings.push(s);
  }
}

export function shadowsOf(world: World): ShadowMachine[] {
  return world.machines.map((m) => ({
    id: m.id,
    cores: m.cores,
    ramMB: m.ramMB,
    usableMB: m.usableMB,
    swapMB: m.swapMB,
    swapMBPerS: m.swapMBPerS,
    nowUs: 0,
    tasks: [],
    placements: 0,
    requests: 0,
    device: null,
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
  let machines = shadows.map((m) => elapse(m, prevNowUs, atUs, config));
  for (const ms of microsteps) {
    if (ms.to.kind !== 'machine' || ms.body.type === 'loadQuery') continue;
    const id = ms.to.id;
    machines = machines.map((m) => (m.id === id ? delivery(m, ms.body, ms.outputs, config, r) : m));
  }
  for (const m of machines) checkAgreement(m, next, atUs, config, r);
  return { machines, verdicts: r.verdicts, sightings: r.sightings };
}

function elapse(m: ShadowMachine, fromUs: number, toUs: number, config: ModelConfig): ShadowMachine {
  const moved = { ...m, nowUs: toUs };
  if (toUs <= fromUs) return moved;
  const running = m.tasks.filter((t) => t.running).length;
  const workUs = (toUs - fromUs) * speedOf(running, m.cores, config.policy);
  const aged = (t: ShadowTask) => (t.residency === 'ram' ? { ...t, ageUs: t.ageUs + (toUs - fromUs) } : t);
  return { ...moved, tasks: m.tasks.map((t) => aged(t.running ? { ...t, serviceUs: t.serviceUs + workUs } : t)) };
}

/** One delivery to a machine: footprints catch up, the message takes effect, then each announced change. */
function delivery(
  machine: ShadowMachine,
  body: MessageBody,
  outputs: readonly Output[],
  config: ModelConfig,
  r: Recorder,
): ShadowMachine {
  let m = grow(machine, config);
  if (body.type === 'assign') m = place(m, body.inv, config);
  if (body.type === 'setUsableMemory') m = { ...m, usableMB: Math.max(0, Math.min(body.memoryMB, m.ramMB)) };
  m = serveDevice(m, config);
  const changes = outputs.filter((o) => o.type !== 'needWake');
  for (let i = 0; i < changes.length; ) {
    const taken = decide(m, changes, i, config, r);
    m = serveDevice(taken.machine, config);
    i = taken.next;
  }
  checkSettled(m, config, r);
  return m;
}

/**
 * Footprints follow the growth clock (steps happen when the machine next acts, as the model's do): the work done of
 * running tasks, or the age of tasks in RAM under memoryGrowth: time.
 */
function grow(m: ShadowMachine, config: ModelConfig): ShadowMachine {
  const byTime = config.memoryGrowth === 'time';
  const tasks = m.tasks.map((t) => {
    const seen = t.running ? { ...t, seenUs: t.serviceUs } : t;
    if (byTime && t.residency !== 'ram') return seen;
    if (byTime) return { ...seen, seenAgeUs: t.ageUs, memoryMB: footprintMB(t.inv, t.ageUs, config) };
    return t.running ? { ...seen, memoryMB: footprintMB(t.inv, t.serviceUs + AT_CHECKPOINT_US, config) } : seen;
  });
  return { ...m, tasks };
}

function place(m: ShadowMachine, inv: Invocation, config: ModelConfig): ShadowMachine {
  const task: ShadowTask = {
    id: inv.id,
    effectiveClass: inv.effectiveClass,
    cls: config.policy.classAware ? inv.effectiveClass : 0,
    order: m.placements,
    running: false,
    residency: 'ram',
    memoryMB: footprintMB(inv, 0, config),
    inv,
    serviceUs: 0,
    seenUs: 0,
    childrenSpawned: 0,
    requestedUs: 0,
    requestOrder: 0,
    ageUs: 0,
    seenAgeUs: 0,
  };
  return { ...m, tasks: [...m.tasks, task], placements: m.placements + 1 };
}

/** The shadow's swap device: idle with a transfer waiting, it starts the next one in the documented order. */
export function serveDevice(m: ShadowMachine, config: ModelConfig): ShadowMachine {
  if (m.device !== null) return m;
  const next = nextTransfer(
    m.tasks.filter((t) => t.residency === 'toSwap' || t.residency === 'toRam'),
    config.policy,
  );
  if (next === undefined) return m;
  return { ...m, device: { id: next.id, endUs: m.nowUs + transferDurationUs(next.memoryMB, m.swapMBPerS) } };
}
