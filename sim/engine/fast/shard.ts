import { headScore } from '../../../model/shard/selection-rule.ts';
import { ASSIGN, LENGTH_REPLY, LOAD_QUERY, TAKEN } from './fifo.ts';
import { loadOf } from './machine.ts';
import { send } from './network.ts';
import type { FastWorld } from './world.ts';

// The shard component (the spec's model/shard/): class queues, the idle list, and placement decisions. Without a
// shard-machine delay a poll's queries and answers happen inside one step with nothing between them, so the loads
// are read at once; with one, the poll stays open (the shard does not decide again) until every answer is in.

export function enqueue(w: FastWorld, s: number, slot: number): void {
  const inv = w.tasks.invOf(slot);
  const cls = w.config.policy.classAware ? inv.effectiveClass : 0;
  w.queues[s][cls].push(slot, w.nowUs);
  w.queued[s]++;
  requestDecision(w, s);
}

export function idleJoin(w: FastWorld, s: number, m: number, functions: number): void {
  w.idle[s].join(m, functions);
  requestDecision(w, s);
}

function isHeld(w: FastWorld, s: number): boolean {
  const policy = w.config.policy;
  return policy.idleList && policy.whenIdleListEmpty === 'hold' && w.idle[s].size === 0;
}

/** Asks for a decision timer when the shard has work, is not held, and is not already deciding. */
function requestDecision(w: FastWorld, s: number): void {
  if (w.placeAtUs[s] !== Infinity || w.pollSlot[s] >= 0 || w.queued[s] === 0 || isHeld(w, s)) return;
  const atUs = Math.max(w.nowUs, w.busyUntilUs[s]);
  w.placeAtUs[s] = atUs;
  w.sink.needPlace(atUs, s);
}

/** The class whose head the rule ranks first, or -1 (ties go to the higher class). */
function selectHead(w: FastWorld, s: number): number {
  const queues = w.queues[s];
  let best = -1;
  let bestScore = -Infinity;
  for (let cls = queues.length - 1; cls >= 0; cls--) {
    const q = queues[cls];
    if (q.size === 0) continue;
    const score = headScore(w.config, cls, w.nowUs - q.peekAtUs());
    if (score > bestScore) {
      best = cls;
      bestScore = score;
    }
  }
  return best;
}

const loads = new Float64Array(4 * 64);

/** The decision timer fired with k sampled machines. */
export function decide(w: FastWorld, s: number, sampled: Int32Array, k: number): void {
  w.placeAtUs[s] = Infinity;
  const policy = w.config.policy;
  const cls = selectHead(w, s);
  if (cls < 0 || isHeld(w, s)) return;
  const slot = w.queues[s][cls].shift();
  w.queued[s]--;
  const idle = w.idle[s];
  if (policy.idleList && idle.size > 0) {
    const m = idle.best();
    // JIQ (remove): the placement consumes the entry; the dispatcher re-joins (a fresh sample) if still idle.
    const consumed = policy.idleEntryOnPlace === 'remove';
    if (consumed) idle.leave(m);
    assign(w, s, slot, m, 'idleList');
    if (consumed) send(w, TAKEN, m, s);
    return;
  }
  if (w.config.shardMachineDelayUs > 0) {
    openPoll(w, s, slot, cls, sampled, k);
    return;
  }
  const view = k <= 64 ? loads : new Float64Array(4 * k);
  for (let i = 0; i < k; i++) loadOf(w, sampled[i], cls, view, i);
  assign(w, s, slot, sampled[pickPolled(w, view, k)], 'poll');
}

/** Asks each sampled machine for its load, over the network; the taken head waits in the open poll. */
function openPoll(w: FastWorld, s: number, slot: number, cls: number, sampled: Int32Array, k: number): void {
  w.pollSlot[s] = slot;
  w.pollSampled[s] = sampled.slice(0, k);
  w.pollLoads[s] = new Float64Array(4 * k);
  w.pollAnswers[s] = 0;
  for (let i = 0; i < k; i++) send(w, LOAD_QUERY, sampled[i], s, cls);
}

/** A sampled machine's load arrives; with the last one the poll closes and the head is placed. */
export function receiveLoad(w: FastWorld, s: number, m: number, load: Float64Array): void {
  const slot = w.pollSlot[s];
  if (slot < 0) throw new Error(`shard ${s}: a load reply from machine ${m} with no poll open`);
  const sampled = w.pollSampled[s];
  const view = w.pollLoads[s];
  view.set(load, 4 * sampled.indexOf(m));
  if (++w.pollAnswers[s] < sampled.length) return;
  w.pollSlot[s] = -1;
  assign(w, s, slot, sampled[pickPolled(w, view, sampled.length)], 'poll');
}

/** A dispatcher asks how long this shard's idle list is (a join over the network). */
export function answerLength(w: FastWorld, s: number, m: number): void {
  send(w, LENGTH_REPLY, m, s, w.idle[s].size);
}

/** Index (in sample order) of the polled machine the policy picks; ties: the first sampled. */
function pickPolled(w: FastWorld, view: Float64Array, k: number): number {
  if (w.config.policy.pollPick === 'firstFree') {
    // OpenWhisk's probe sequence: the first machine with a free core and nothing waiting, else the home machine.
    for (let i = 0; i < k; i++) if (view[4 * i + 2] > 0 && view[4 * i + 3] === 0) return i;
    return 0;
  }
  const field = w.config.policy.loadCounts === 'all' ? 0 : 1;
  let best = 0;
  for (let i = 1; i < k; i++) if (view[4 * i + field] < view[4 * best + field]) best = i;
  return best;
}

function assign(w: FastWorld, s: number, slot: number, m: number, route: 'idleList' | 'poll'): void {
  w.busyUntilUs[s] = w.nowUs + w.config.policy.shardDecisionUs;
  send(w, ASSIGN, m, slot, s);
  const { id: invId, effectiveClass: cls, arrivalUs } = w.tasks.invOf(slot);
  w.sink.output?.({ type: 'placed', atUs: w.nowUs, invId, cls, arrivalUs, shardId: s, machineId: m, route });
  w.sink.observer.placed(cls, arrivalUs, w.nowUs);
  requestDecision(w, s);
}
