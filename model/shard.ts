import type { ModelConfig } from './config.ts';
import { schedClassCount } from './config.ts';
import type { IdleEntry } from './dispatcher.ts';
import type { Fifo } from './fifo.ts';
import { emptyFifo, fifoPeek, fifoPush, fifoShift, fifoSize } from './fifo.ts';
import type { Invocation } from './invocation.ts';

// A global scheduler shard (paper 3.2): one FIFO queue per class, a selection rule over the queue heads,
// an idle list, and (for budgets) a list of throttled invocations. A shard places one invocation per decision
// and is busy for `shardDecisionUs` after each.

export interface Queued {
  readonly inv: Invocation;
  /** When it entered this queue; waiting time for the selection rule counts from here. */
  readonly enqueuedUs: number;
}

export interface Shard {
  readonly id: number;
  readonly queues: readonly Fifo<Queued>[];
  readonly throttled: readonly Queued[];
  readonly busyUntilUs: number;
  /** A `needPlace` request is outstanding (so the driver is about to send a `place`). */
  readonly placePending: boolean;
  /** When throttled invocations should next be re-checked (Infinity when none are throttled). */
  readonly releaseAtUs: number;
  /** The idle list: machines with memory to spare, in the order they joined. */
  readonly idle: readonly IdleEntry[];
}

export function newShard(id: number, config: ModelConfig): Shard {
  const queues: Fifo<Queued>[] = [];
  for (let c = 0; c < schedClassCount(config); c++) queues.push(emptyFifo());
  return { id, queues, throttled: [], busyUntilUs: 0, placePending: false, releaseAtUs: Infinity, idle: [] };
}

export function queuedCount(s: Shard): number {
  let n = 0;
  for (const q of s.queues) n += fifoSize(q);
  return n;
}

export function enqueue(s: Shard, prio: number, item: Queued): Shard {
  const queues = s.queues.slice();
  queues[prio] = fifoPush(queues[prio], item);
  return shardWith(s, { queues });
}

/**
 * The score of a queue head under the policy's rule; the head with the highest score is placed next
 * (ties: higher class, then earlier enqueue).
 * - priceTimesWait (XX default): price * (wait + agingUs). The paper's "ratio of price class to time spent in the
 *   queue" read literally (price / wait) favours the freshest head and starves old low-class work. Weighting
 *   waiting time by price (the cost-of-delay, as in the c-mu rule) keeps what the paper wants: a fresh high-class
 *   head beats a fresh low-class one, and a low-class head that has waited (pHigh/pLow - 1) * agingUs longer than
 *   the high head wins, so low-class waiting is bounded while any placement capacity exists.
 * - priceOverWait: the literal reading, price / wait (a head that has not waited scores +Infinity).
 * - priceOnly: strict priority by price (low classes can starve).
 * - fcfs: the oldest head first (class-blind).
 */
export function headScore(config: ModelConfig, prio: number, waitUs: number): number {
  const price = config.priceClasses[config.policy.classAware ? prio : 0].pricePerCpuS;
  switch (config.policy.shardRule) {
    case 'priceTimesWait':
      return price * (waitUs + config.policy.agingUs);
    case 'priceOverWait':
      return waitUs === 0 ? Infinity : price / waitUs;
    case 'priceOnly':
      return price;
    case 'fcfs':
      return waitUs;
  }
}

/** The class whose head the rule ranks first at `atUs`, or -1 when every queue is empty. */
export function selectHead(s: Shard, atUs: number, config: ModelConfig): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let prio = s.queues.length - 1; prio >= 0; prio--) {
    const head = fifoPeek(s.queues[prio]);
    if (head === undefined) continue;
    const score = headScore(config, prio, atUs - head.enqueuedUs);
    // Iterating from the highest class, only a strictly better score displaces: ties go to the higher class.
    if (score > bestScore) {
      best = prio;
      bestScore = score;
    }
  }
  return best;
}

export function dequeueHead(s: Shard, prio: number): { shard: Shard; item: Queued } {
  const item = fifoPeek(s.queues[prio]);
  if (item === undefined) throw new Error(`shard ${s.id}: queue ${prio} is empty`);
  const queues = s.queues.slice();
  queues[prio] = fifoShift(queues[prio]);
  return { shard: shardWith(s, { queues }), item };
}

/** Whether the shard must hold its work: late binding with no machine on its idle list. */
export function isHeld(s: Shard, config: ModelConfig): boolean {
  return config.policy.idleList && config.policy.whenIdleListEmpty === 'hold' && s.idle.length === 0;
}

export function setIdleEntry(s: Shard, entry: IdleEntry): Shard {
  const i = s.idle.findIndex((e) => e.machineId === entry.machineId);
  const idle = s.idle.slice();
  if (i < 0) idle.push(entry);
  else idle[i] = entry;
  return shardWith(s, { idle });
}

export function removeIdleEntry(s: Shard, machineId: number): Shard {
  const i = s.idle.findIndex((e) => e.machineId === machineId);
  if (i < 0) return s;
  const idle = s.idle.slice();
  idle.splice(i, 1);
  return shardWith(s, { idle });
}

/** Idle-list placement: the entry with the fewest functions (paper: "the smallest queue length"); ties: earliest joined. */
export function pickIdleEntry(s: Shard): IdleEntry {
  let best = s.idle[0];
  for (const e of s.idle) if (e.functions < best.functions) best = e;
  return best;
}

/** A copy of a shard with some fields replaced, built field by field (hot path; a spread is slower). */
export function shardWith(s: Shard, p: Partial<Shard>): Shard {
  return {
    id: s.id,
    queues: p.queues ?? s.queues,
    throttled: p.throttled ?? s.throttled,
    busyUntilUs: p.busyUntilUs ?? s.busyUntilUs,
    placePending: p.placePending ?? s.placePending,
    releaseAtUs: p.releaseAtUs ?? s.releaseAtUs,
    idle: p.idle ?? s.idle,
  };
}
