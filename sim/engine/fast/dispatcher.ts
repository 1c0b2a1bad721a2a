import { JOIN, LEAVE, UPDATE } from './fifo.ts';
import type { FastWorld } from './world.ts';

// The dispatcher's idle-list side (the spec's model/dispatcher/): join (through a join timer and k sampled shards),
// update, or leave, after every report of its machine.

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
    if (idle && w.joinAtUs[m] === Infinity) {
      w.joinAtUs[m] = w.nowUs;
      w.sink.needJoin(w.nowUs, m);
    } else if (!idle) w.joinAtUs[m] = Infinity; // no longer idle before its join timer fired: withdrawn
    return;
  }
  if (!idle) {
    w.fifo.push(LEAVE, shard, m);
    w.listedOn[m] = -1;
    return;
  }
  const freeMB = w.reportFreeMB[m];
  const functions = w.reportFunctions[m];
  const moved = Math.abs(freeMB - w.entryFreeMB[m]) >= w.config.idleUpdateDeltaMB;
  if (functions === w.entryFunctions[m] && !moved) return;
  w.entryFreeMB[m] = freeMB;
  w.entryFunctions[m] = functions;
  w.fifo.push(UPDATE, shard, m, freeMB, functions);
}

/** The join timer fired with k sampled shards: join the shortest list (ties: the first sampled). */
export function join(w: FastWorld, m: number, sampled: Int32Array, k: number): void {
  w.joinAtUs[m] = Infinity;
  if (w.listedOn[m] >= 0 || !isIdle(w, m)) return;
  let shortest = sampled[0];
  let length = w.idle[shortest].size;
  for (let i = 1; i < k; i++) {
    const size = w.idle[sampled[i]].size;
    if (size < length) {
      shortest = sampled[i];
      length = size;
    }
  }
  w.listedOn[m] = shortest;
  w.entryFreeMB[m] = w.reportFreeMB[m];
  w.entryFunctions[m] = w.reportFunctions[m];
  w.fifo.push(JOIN, shortest, m, w.reportFreeMB[m], w.reportFunctions[m]);
}
