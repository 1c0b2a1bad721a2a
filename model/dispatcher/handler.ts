import type { MessageBody } from '../messages.ts';
import { toShard } from '../messages.ts';
import type { Context, Reaction } from '../reaction.ts';
import { react, unexpected } from '../reaction.ts';
import type { DispatcherState } from './state.ts';
import { entryOf, isIdle } from './state.ts';

// The dispatcher's handler. Its machine reports after every change; the dispatcher then joins (asks for a join
// timer), updates its entry, or leaves. A join compares k sampled shards (paper: "it looks at k shards' idle
// lists and chooses the one with the least other machines in it"; ties: the first sampled) by asking each for
// its list's length. The entry's function count is re-reported on every change (placement reads it); free
// memory only when it moved by idleUpdateDeltaMB: "if ... the amount of available memory has changed
// significantly ... the dispatcher will update shard i's idle list".

export function dispatcherHandler(d: DispatcherState, body: MessageBody, ctx: Context): Reaction<DispatcherState> {
  switch (body.type) {
    case 'report':
      return reactToMachine({ ...d, report: body.report }, ctx);
    case 'joinTimer':
      return startJoin({ ...d, joinAtUs: Infinity }, body.sampledShards, ctx);
    case 'idleLength':
      return receiveLength(d, body.shardId, body.length, ctx);
    case 'idleEntryTaken':
      // JIQ: a placement consumed the entry; the machine re-joins if it is still idle.
      return body.shardId === d.listedOn ? reactToMachine({ ...d, listedOn: -1, entry: null }, ctx) : react(d);
    default:
      return unexpected(`dispatcher ${d.machineId}`, body);
  }
}

function reactToMachine(d: DispatcherState, ctx: Context): Reaction<DispatcherState> {
  if (!ctx.config.policy.idleList) return react(d);
  const idle = isIdle(d.report, ctx.config);
  if (d.listedOn < 0) {
    if (idle && d.joinAtUs === Infinity && d.joinPoll === null) {
      return react({ ...d, joinAtUs: ctx.nowUs }, [], [{ type: 'needJoin', atUs: ctx.nowUs, machineId: d.machineId }]);
    }
    // No longer idle before its join timer fired: the request is withdrawn.
    return react(idle ? d : { ...d, joinAtUs: Infinity });
  }
  if (!idle) {
    const leave = toShard(d.listedOn, { type: 'idleEntryLeave', machineId: d.machineId });
    return react({ ...d, listedOn: -1, entry: null }, [leave]);
  }
  const entry = entryOf(d.machineId, d.report);
  const listed = d.entry ?? entry;
  const moved = Math.abs(entry.freeMB - listed.freeMB) >= ctx.config.idleUpdateDeltaMB;
  if (entry.functions === listed.functions && !moved) return react(d);
  return react({ ...d, entry }, [toShard(d.listedOn, { type: 'idleEntryUpdate', entry })]);
}

function startJoin(d: DispatcherState, sampledShards: readonly number[], ctx: Context): Reaction<DispatcherState> {
  if (d.listedOn >= 0 || d.joinPoll !== null || !isIdle(d.report, ctx.config)) return react(d);
  if (sampledShards.length === 0 || new Set(sampledShards).size !== sampledShards.length) {
    throw new Error(
      `dispatcher ${d.machineId}: a join needs distinct sampled shards, got [${sampledShards.join(', ')}]`,
    );
  }
  const queries = sampledShards.map((s) => toShard(s, { type: 'idleLengthQuery', machineId: d.machineId }));
  return react({ ...d, joinPoll: { sampled: sampledShards, lengths: sampledShards.map(() => null) } }, queries);
}

function receiveLength(d: DispatcherState, shardId: number, length: number, ctx: Context): Reaction<DispatcherState> {
  const poll = d.joinPoll;
  if (poll === null) throw new Error(`dispatcher ${d.machineId}: an idle-list length with no join open`);
  const lengths = poll.lengths.map((l, i) => (poll.sampled[i] === shardId ? length : l));
  if (lengths.some((l) => l === null)) return react({ ...d, joinPoll: { ...poll, lengths } });
  const closed: DispatcherState = { ...d, joinPoll: null };
  // The machine may have stopped being idle while the shards answered (possible once messages take time).
  if (!isIdle(d.report, ctx.config)) return reactToMachine(closed, ctx);
  const shortest = poll.sampled[indexOfMin(lengths as number[])];
  const entry = entryOf(d.machineId, d.report);
  return react({ ...closed, listedOn: shortest, entry }, [toShard(shortest, { type: 'idleEntryJoin', entry })]);
}

/** Index of the smallest value; ties: the first. */
function indexOfMin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[best]) best = i;
  return best;
}
