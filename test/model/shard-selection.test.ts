import { describe, expect, it } from 'vitest';
import type { ModelConfig, ShardState } from '../../model/index.ts';
import { headScore, selectHead } from '../../model/shard/selection-rule.ts';
import { newShard } from '../../model/shard/state.ts';
import { arrive, config, inv, ofType, run, S, world } from './helpers.ts';

// The shard's choice between the head of the low queue (class 0, price 0.5) and the head of the high queue
// (class 1, price 2) (model/shard/selection-rule.ts). selectHead returns the chosen class (0 = low, 1 = high).
// Shard queues are plain arrays, one per class, oldest first.

/** A shard whose low head was enqueued at `lowAtUs` and whose high head at `highAtUs`. */
function twoHeads(cfg: ModelConfig, lowAtUs: number, highAtUs: number): ShardState {
  const low = { inv: inv(1, 0, S, lowAtUs), enqueuedUs: lowAtUs };
  const high = { inv: inv(2, 1, S, highAtUs), enqueuedUs: highAtUs };
  return { ...newShard(0, cfg), queues: [[low], [high]] };
}

describe('selectHead: old low head vs fresh high head', () => {
  it('priceTimesWait (XX default, agingUs = 0.1 s): low wins once it has waited more than 0.3 s', () => {
    // Score = price * (wait + agingUs). Fresh high head: 2 * (0 + 0.1 s) = 0.2 s.
    // Low head that waited w: 0.5 * (w + 0.1 s) > 0.2 s  <=>  w > 0.3 s  (= (pHigh/pLow - 1) * agingUs).
    const cfg = config('xx');
    expect(cfg.policy.agingUs).toBe(100_000);
    const t = 10 * S; // decision time; the high head arrives now (fresh)
    expect(selectHead(twoHeads(cfg, t - 290_000, t), t, cfg)).toBe(1); // 0.5 * 0.39 s = 0.195 < 0.2: high
    expect(selectHead(twoHeads(cfg, t - 300_000, t), t, cfg)).toBe(1); // 0.5 * 0.4 s = 0.2 = 0.2: tie -> higher class
    expect(selectHead(twoHeads(cfg, t - 300_001, t), t, cfg)).toBe(0); // 0.5 * 0.400001 s > 0.2: low
    expect(selectHead(twoHeads(cfg, 0, t), t, cfg)).toBe(0); // waited 10 s: low
    expect(headScore(cfg, 1, 0)).toBe(200_000);
    expect(headScore(cfg, 0, 300_000)).toBe(200_000);
  });

  it('priceTimesWait scales the threshold with agingUs (agingUs = 1 s: threshold 3 s)', () => {
    const cfg = config({ name: 'xx', agingUs: 1 * S });
    const t = 10 * S;
    expect(selectHead(twoHeads(cfg, t - 2.9 * S, t), t, cfg)).toBe(1); // 0.5 * 3.9 = 1.95 < 2
    expect(selectHead(twoHeads(cfg, t - 3.1 * S, t), t, cfg)).toBe(0); // 0.5 * 4.1 = 2.05 > 2
  });

  it('priceOverWait (the paper read literally): the fresh head always wins, however old the low head', () => {
    // Score = price / wait; a head that has not waited scores +Infinity.
    const cfg = config({ name: 'xx', shardRule: 'priceOverWait' });
    const t = 3600 * S;
    expect(selectHead(twoHeads(cfg, 0, t), t, cfg)).toBe(1); // low waited 1 h: 0.5 / 3600 s vs +Infinity
    // Between two waiting heads it prefers the fresher: low waited 1 s (0.5 / 1 = 0.5) vs high waited 5 s
    // (2 / 5 = 0.4): the younger low head wins; and the low head that waited 1 h loses to a high one that
    // waited 1 h (0.5/3600 < 2/3600).
    expect(selectHead(twoHeads(cfg, t - 1 * S, t - 5 * S), t, cfg)).toBe(0);
    expect(selectHead(twoHeads(cfg, 0, 0), t, cfg)).toBe(1);
  });

  it('priceOnly: the high head always wins', () => {
    const cfg = config({ name: 'xx', shardRule: 'priceOnly' });
    const t = 3600 * S;
    expect(selectHead(twoHeads(cfg, 0, t), t, cfg)).toBe(1);
  });

  it('fcfs: the head that has waited longer wins; equal waits go to the higher class', () => {
    const cfg = config({ name: 'xx', shardRule: 'fcfs' });
    const t = 10 * S;
    expect(selectHead(twoHeads(cfg, t - 1, t), t, cfg)).toBe(0); // low waited 1 us more
    expect(selectHead(twoHeads(cfg, t, t - 1), t, cfg)).toBe(1);
    expect(selectHead(twoHeads(cfg, t, t), t, cfg)).toBe(1);
  });

  it('empty queues give -1; a single non-empty queue is chosen whatever its score', () => {
    const cfg = config('xx');
    expect(selectHead(newShard(0, cfg), 0, cfg)).toBe(-1);
    const s: ShardState = { ...newShard(0, cfg), queues: [[{ inv: inv(1, 0, S, 0), enqueuedUs: 0 }], []] };
    expect(selectHead(s, 0, cfg)).toBe(0);
  });
});

describe('shard choice through step (shardDecisionUs = 0.5 s, so a queue forms)', () => {
  // Hand computation: A (low) arrives at 0 and is placed at once; the shard is then busy until 0.5 s.
  // B (low) arrives at tB and asks for a decision at max(tB, 0.5 s) = 0.5 s; C (high) arrives at 0.5 s, before
  // the shard decides at 0.5 s (canonical order: arrive before place). The shard compares B (waited
  // 0.5 s - tB) with C (waited 0). The loser is placed at the next decision, 1.0 s.
  function placedOrder(rule: string, tB: number): [number, number][] {
    const cfg = config({ name: 'xx', shardRule: rule, shardDecisionUs: 500_000 });
    const A = inv(1, 0, 10 * S, 0);
    const B = inv(2, 0, 10 * S, tB);
    const C = inv(3, 1, 10 * S, 0.5 * S);
    const outs = run(world(cfg, 1, 8), [arrive(A), arrive(B), arrive(C)]).outs;
    return ofType(outs, 'placed').map((o) => [o.invId, o.atUs]);
  }
  const lowFirst: [number, number][] = [
    [1, 0],
    [2, 0.5 * S],
    [3, 1 * S],
  ];
  const highFirst: [number, number][] = [
    [1, 0],
    [3, 0.5 * S],
    [2, 1 * S],
  ];

  it('priceTimesWait: B waited 0.4 s -> 0.5 * 0.5 = 0.25 > 0.2: the old low B goes first', () => {
    expect(placedOrder('priceTimesWait', 0.1 * S)).toEqual(lowFirst);
  });
  it('priceTimesWait: B waited 0.2 s -> 0.5 * 0.3 = 0.15 < 0.2: the fresh high C goes first', () => {
    expect(placedOrder('priceTimesWait', 0.3 * S)).toEqual(highFirst);
  });
  it('priceOverWait: C is fresh (score +Infinity): C goes first', () => {
    expect(placedOrder('priceOverWait', 0.1 * S)).toEqual(highFirst);
  });
  it('priceOnly: C goes first', () => {
    expect(placedOrder('priceOnly', 0.1 * S)).toEqual(highFirst);
  });
  it('fcfs: B (waited 0.2 s) goes first even when priceTimesWait would pick C', () => {
    expect(placedOrder('fcfs', 0.3 * S)).toEqual(lowFirst);
  });
  it('the decision timer: at 0 for A; B, arriving while the shard is busy, is decided at 0.5 s; then 1.0 s', () => {
    const cfg = config({ name: 'xx', shardDecisionUs: 500_000 });
    const evs = [arrive(inv(1, 0, 10 * S, 0)), arrive(inv(2, 0, 10 * S, 0.1 * S)), arrive(inv(3, 1, 10 * S, 0.5 * S))];
    const r = run(world(cfg, 1, 8), evs);
    expect(ofType(r.outs, 'needPlace').map((o) => o.atUs)).toEqual([0, 0.5 * S, 1 * S]);
    const idle = { busyUntilUs: 1.5 * S, placeAtUs: Infinity, poll: null, queues: [[], []] };
    expect(r.world.shards[0]).toMatchObject(idle);
  });
});
