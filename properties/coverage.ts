import type { ModelConfig } from '../model/index.ts';
import type { Probe, StepView } from './invariants/types.ts';
import { selectionScore } from './oracle/rules.ts';

// Sometimes-properties (stateright's "sometimes"): a check that never meets the situation it checks passes by
// never running. Coverage counts, over a suite or an exploration, each kind of output and of microstep, the
// boundaries where bugs hide, and each invariant's non-vacuous checks; REQUIRED lists what must be reached.

/** Refined output kinds and boundaries, beside the raw output and message types. */
export const SITUATIONS = [
  'placedFromIdleList',
  'placedByPoll',
  'preemptedByTask',
  'preemptedByPressure',
  'killWithSwapOn',
  'inheritedHigherClass',
  'lowerClassWonShardRule',
  'equalShardScores',
  'oneMBOver',
  'residentAtUsable',
  'swapExactlyFull',
  'roomTakenFromRunning',
  'reclaimedSwap',
  'waitedForDevice',
] as const;

export const REQUIRED_OUTPUTS = [
  'placed',
  'started',
  'preempted',
  'swappingOut',
  'swappedOut',
  'swappingIn',
  'swappedIn',
  'killed',
  'completed',
  'billed',
  'spawned',
  'throttled',
  'released',
  'needPlace',
  'needWake',
  'needJoin',
  'needRelease',
] as const;

export const REQUIRED_MESSAGES = [
  'admit',
  'spend',
  'releaseTimer',
  'enqueue',
  'placeTimer',
  'loadQuery',
  'loadReply',
  'assign',
  'wakeTimer',
  'setUsableMemory',
  'boot',
  'report',
  'joinTimer',
  'idleLengthQuery',
  'idleLength',
  'idleEntryJoin',
  'idleEntryUpdate',
  'idleEntryLeave',
  'idleEntryTaken',
  'bill',
] as const;

export class Coverage {
  readonly outputs = new Map<string, number>();
  readonly messages = new Map<string, number>();
  readonly situations = new Map<string, number>();
  readonly checks = new Map<string, number>();
  steps = 0;

  probe(invariant: string): Probe {
    return { checked: (n = 1) => bump(this.checks, invariant, n) };
  }

  recordStart(view: Pick<StepView, 'result'>): void {
    for (const ms of view.result.microsteps) bump(this.messages, ms.body.type);
    for (const o of view.result.outputs) bump(this.outputs, o.type);
  }

  record(v: StepView): void {
    this.steps++;
    this.recordStart(v);
    for (const o of v.result.outputs) {
      if (o.type === 'placed') bump(this.situations, o.route === 'idleList' ? 'placedFromIdleList' : 'placedByPoll');
      if (o.type === 'preempted') bump(this.situations, o.byInvId >= 0 ? 'preemptedByTask' : 'preemptedByPressure');
      if (o.type === 'spawned' && o.inv.effectiveClass > o.inv.declaredClass)
        bump(this.situations, 'inheritedHigherClass');
    }
    for (const s of v.replay.sightings) bump(this.situations, s);
    if (v.event.type === 'place') this.shardRule(v, v.after.spec);
  }

  private shardRule(v: StepView, config: ModelConfig): void {
    if (v.event.type !== 'place') return;
    const s = v.prev.shards[v.event.shardId];
    const heads = s.queues.flatMap((q, c) =>
      q[0] === undefined ? [] : [{ c, score: selectionScore(config, c, v.event.atUs - q[0].enqueuedUs) }],
    );
    const scores = heads.map((h) => h.score).filter((x) => Number.isFinite(x));
    if (new Set(scores).size < scores.length) bump(this.situations, 'equalShardScores');
    const placed = v.result.outputs.find((o) => o.type === 'placed');
    if (placed === undefined || heads.length < 2) return;
    const placedClass = s.queues.findIndex((q) => q[0]?.inv.id === (placed.type === 'placed' ? placed.invId : -1));
    if (placedClass >= 0 && placedClass < Math.max(...heads.map((h) => h.c)))
      bump(this.situations, 'lowerClassWonShardRule');
  }

  merge(other: Coverage): void {
    this.steps += other.steps;
    for (const key of ['outputs', 'messages', 'situations', 'checks'] as const) {
      for (const [k, n] of other[key]) bump(this[key], k, n);
    }
  }

  /** What was required and never reached. */
  missing(): string[] {
    const miss: string[] = [];
    for (const k of REQUIRED_OUTPUTS) if (!this.outputs.has(k)) miss.push(`output ${k}`);
    for (const k of REQUIRED_MESSAGES) if (!this.messages.has(k)) miss.push(`message ${k}`);
    for (const k of SITUATIONS) if (!this.situations.has(k)) miss.push(`situation ${k}`);
    return miss;
  }

  /** A coverage from its toJSON (a worker thread's, to merge). */
  static fromJSON(json: Record<string, unknown>): Coverage {
    const c = new Coverage();
    c.steps = Number(json.steps);
    for (const key of ['outputs', 'messages', 'situations', 'checks'] as const) {
      for (const [k, n] of Object.entries(json[key] as Record<string, number>)) bump(c[key], k, n);
    }
    return c;
  }

  toJSON(): Record<string, unknown> {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
    return {
      steps: this.steps,
      outputs: obj(this.outputs),
      messages: obj(this.messages),
      situations: obj(this.situations),
      checks: obj(this.checks),
    };
  }
}

function bump(m: Map<string, number>, key: string, n = 1): void {
  m.set(key, (m.get(key) ?? 0) + n);
}
