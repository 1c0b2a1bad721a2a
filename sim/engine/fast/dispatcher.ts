import { JOIN, LEAVE, LENGTH_QUERY, UPDATE } from './fifo.ts';
import { send } from './network.ts';
import type { FastWorld } from './world.ts';

// The dispatcher's idle-list side (the spec's model/dispatcher/): join (through a join timer and k sampled shards),
// update, or leave, after every report of its machine. Without a dispatcher-shard delay the sampled shards' list
// lengths are read at once; with one, the join stays open until every length has come back.

function isIdle(w: FastWorld, m: number): boolean {
  if (w.config.policy.idleBy === 'memory') return w.reportFreeMB[m] >= w.config.idleThresholdMB;
  return w.reportFunctions[m] < w.cores[m];
}

export function report(w: FastWorld, m: number, freeMB: number, functions: number): void {
  w.reportFreeMB[m] = freeMB;
  w.reportFunctions[m] = functions;
  reactToMachine(w, m);
}

/** JIQ: a placement consumed the entry; the machine re-joins if it is still idle. */
export function entryTaken(w: FastWorld, m: number, shardId: number): void {
  if (shardId !== w.listedOn[m]) return;
  w.listedOn[m] = -1;
  reactToMachine(w, m);
}

function reactToMachine(w: FastWorld, m: number): void {
  if (!w.config.policy.idleList) return;
  const idle = isIdle(w, m);
  const shard = w.listedOn[m];
  if (shard < 0) {
    if (idle && w.joinAtUs[m] === Infinity && w.joinSampled[m] === null) {
      w.joinAtUs[m] = w.nowUs;
      w.sink.needJoin(w.nowUs, m);
    } else if (!idle) w.joinAtUs[m] = Infinity; // no longer idle before its join timer fired: withdrawn
    return;
  }
  if (!idle) {
    send(w, LEAVE, shard, m);
    w.listedOn[m] = -1;
    return;
  }
  const freeMB = w.reportFreeMB[m];
  const functions = w.reportFunctions[m];
  const moved = Math.abs(freeMB - w.entryFreeMB[m]) >= w.config.idleUpdateDeltaMB;
  if (functions === w.entryFunctions[m] && !moved) return;
  w.entryFreeMB[m] = freeMB;
  w.entryFunctions[m] = functions;
  send(w, UPDATE, shard, m, freeMB, functions);
}

/** The join timer fired with k sampled shards: join the shortest list (ties: the first sampled). */
export function join(w: FastWorld, m: number, sampled: Int32Array, k: number): void {
  w.joinAtUs[m] = Infinity;
  if (w.listedOn[m] >= 0 || w.joinSampled[m] !== null || !isIdle(w, m)) return;
  if (w.config.dispatcherShardDelayUs > 0) {
    w.joinSampled[m] = sampled.slice(0, k);
    w.joinLengths[m] = new Float64Array(k);
    w.joinAnswers[m] = 0;
    for (let i = 0; i < k; i++) send(w, LENGTH_QUERY, sampled[i], m);
    return;
  }
  let shortest = sampled[0];
  let length = w.idle[shortest].size;
  for (let i = 1; i < k; i++) {
    const size = w.idle[sampled[i]].size;
    if (size < length) {
      shortest = sampled[i];
      length = size;
    }
  }
  joinList(w, m, shortest);
}

/** A sampled shard's list length arrives; with the last one the machine joins the shortest (ties: first sampled). */
export function receiveLength(w: FastWorld, m: number, s: number, length: number): void {
  const sampled = w.joinSampled[m];
  if (sampled === null) throw new Error(`dispatcher ${m}: an idle-list length with no join open`);
  const lengths = w.joinLengths[m];
  lengths[sampled.indexOf(s)] = length;
  if (++w.joinAnswers[m] < sampled.length) return;
  w.joinSampled[m] = null;
  // The machine may have stopped being idle while the shards answered.
  if (!isIdle(w, m)) {
    reactToMachine(w, m);
    return;
  }
  let best = 0;
  for (let i = 1; i < sampled.length; i++) if (lengths[i] < lengths[best]) best = i;
  joinList(w, m, sampled[best]);
}

function joinList(w: FastWorld, m: number, shard: number): void {
  w.listedOn[m] = shard;
  w.entryFreeMB[m] = w.reportFreeMB[m];
  w.entryFunctions[m] = w.reportFunctions[m];
  send(w, JOIN, shard, m, w.reportFreeMB[m], w.reportFunctions[m]);
}
