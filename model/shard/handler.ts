import { schedulingClass } from '../classes.ts';
import type { Output } from '../events.ts';
import type { Invocation } from '../invocation.ts';
import type { MachineLoad, Message, MessageBody } from '../messages.ts';
import { toDispatcher, toMachine } from '../messages.ts';
import type { Context, Reaction } from '../reaction.ts';
import { react, unexpected } from '../reaction.ts';
import { pickIdleEntry, pickPolled } from './placement.ts';
import { selectHead } from './selection-rule.ts';
import type { IdleEntry, Poll, Queued, ShardState } from './state.ts';
import { isHeld, queuedCount, shardWith } from './state.ts';

// The shard's handler. A placement decision is a timer (`needPlace` -> `place` event carrying the k sampled
// machines): the shard takes the head the selection rule ranks first, then places it on its idle list's best
// entry or, with an empty list, polls the sampled machines and places it on the one the policy picks once every
// answer is in. It is then busy for shardDecisionUs before it decides again.

export function shardHandler(s: ShardState, body: MessageBody, ctx: Context): Reaction<ShardState> {
  switch (body.type) {
    case 'enqueue':
      return requestDecision(enqueue(s, body.inv, ctx), ctx);
    case 'placeTimer':
      return decide(shardWith(s, { placeAtUs: Infinity }), body.sampledMachines, ctx);
    case 'loadReply':
      return receiveLoad(s, body.load, ctx);
    case 'idleEntryJoin':
      return requestDecision(shardWith(s, { idle: [...withoutEntry(s.idle, body.entry.machineId), body.entry] }), ctx);
    case 'idleEntryUpdate':
      // An update for an entry the shard no longer has (it was taken by a placement) is stale: dropped.
      return react(shardWith(s, { idle: s.idle.map((e) => (e.machineId === body.entry.machineId ? body.entry : e)) }));
    case 'idleEntryLeave':
      return react(shardWith(s, { idle: withoutEntry(s.idle, body.machineId) }));
    case 'idleLengthQuery':
      return react(s, [toDispatcher(body.machineId, { type: 'idleLength', shardId: s.id, length: s.idle.length })]);
    default:
      return unexpected(`shard ${s.id}`, body);
  }
}

function enqueue(s: ShardState, inv: Invocation, ctx: Context): ShardState {
  const cls = schedulingClass(ctx.config, inv.effectiveClass);
  const item: Queued = { inv, enqueuedUs: ctx.nowUs };
  return shardWith(s, { queues: s.queues.map((q, c) => (c === cls ? [...q, item] : q)) });
}

/** Asks for a decision timer when the shard has work, is not held, and is not already deciding. */
function requestDecision(s: ShardState, ctx: Context, sent: readonly Message[] = [], outputs: readonly Output[] = []) {
  if (s.placeAtUs !== Infinity || s.poll !== null || queuedCount(s) === 0 || isHeld(s, ctx.config)) {
    return react(s, sent, outputs);
  }
  const atUs = Math.max(ctx.nowUs, s.busyUntilUs);
  return react(shardWith(s, { placeAtUs: atUs }), sent, [...outputs, { type: 'needPlace', atUs, shardId: s.id }]);
}

function decide(s: ShardState, sampledMachines: readonly number[], ctx: Context): Reaction<ShardState> {
  const cls = selectHead(s, ctx.nowUs, ctx.config);
  if (cls < 0 || isHeld(s, ctx.config)) return react(s);
  const item = s.queues[cls][0];
  const taken = shardWith(s, { queues: s.queues.map((q, c) => (c === cls ? q.slice(1) : q)) });
  if (ctx.config.policy.idleList && s.idle.length > 0)
    return placeFromIdleList(taken, item, pickIdleEntry(s.idle), ctx);
  if (sampledMachines.length === 0 || sampledMachines.some((id, i) => sampledMachines.indexOf(id) !== i)) {
    throw new Error(`shard ${s.id}: a poll needs distinct sampled machines, got [${sampledMachines.join(', ')}]`);
  }
  const poll: Poll = { item, cls, sampled: sampledMachines, loads: sampledMachines.map(() => null) };
  const queries = sampledMachines.map((id) => toMachine(id, { type: 'loadQuery', shardId: s.id, cls }));
  return react(shardWith(taken, { poll }), queries);
}

function placeFromIdleList(s: ShardState, item: Queued, entry: IdleEntry, ctx: Context): Reaction<ShardState> {
  if (ctx.config.policy.idleEntryOnPlace === 'keep') return assign(s, item, entry.machineId, 'idleList', ctx);
  // JIQ: the placement consumes the entry; the dispatcher re-joins (with a fresh sample) if it is still idle.
  const removed = shardWith(s, { idle: withoutEntry(s.idle, entry.machineId) });
  const r = assign(removed, item, entry.machineId, 'idleList', ctx);
  const taken = toDispatcher(entry.machineId, { type: 'idleEntryTaken', shardId: s.id });
  return react(r.state, [...r.sent, taken], r.outputs);
}

function receiveLoad(s: ShardState, load: MachineLoad, ctx: Context): Reaction<ShardState> {
  const poll = s.poll;
  if (poll === null) throw new Error(`shard ${s.id}: a load reply from machine ${load.machineId} with no poll open`);
  const loads = poll.loads.map((l, i) => (poll.sampled[i] === load.machineId ? load : l));
  if (loads.some((l) => l === null)) return react(shardWith(s, { poll: { ...poll, loads } }));
  const machineId = pickPolled(loads as MachineLoad[], ctx.config);
  return assign(shardWith(s, { poll: null }), poll.item, machineId, 'poll', ctx);
}

function assign(s: ShardState, item: Queued, machineId: number, route: 'idleList' | 'poll', ctx: Context) {
  const busy = shardWith(s, { busyUntilUs: ctx.nowUs + ctx.config.policy.shardDecisionUs });
  const sent = [toMachine(machineId, { type: 'assign', inv: item.inv, shardId: s.id })];
  const { id: invId, effectiveClass: cls, arrivalUs } = item.inv;
  const placed: Output = { type: 'placed', atUs: ctx.nowUs, invId, cls, arrivalUs, shardId: s.id, machineId, route };
  return requestDecision(busy, ctx, sent, [placed]);
}

function withoutEntry(idle: readonly IdleEntry[], machineId: number): IdleEntry[] {
  return idle.filter((e) => e.machineId !== machineId);
}
