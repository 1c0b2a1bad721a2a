import { describe, expect, it } from 'vitest';
import { start, step } from '../../model/index.ts';
import { arrive, config, inv, joinEv, placeEv, S, usableEv, world } from './helpers.ts';

// An external event names components by id (model/router.ts, checkId): a shard, a sampled machine or shard, a
// machine. An id that is not an integer in [0, count) is refused before any message is sent, with the router's own
// message ("no shard 1"), not the later "a message to shard 1, which does not exist" of a delivery.

describe('router: event ids out of range throw', () => {
  const cfg = config({ name: 'xx', idleList: false });

  it('an arrival at a shard that does not exist: past the end, negative, or not an integer', () => {
    const w = start(world(cfg, 1, 1, 1)).world;
    // One shard: id 1 is just past the end (>= count, not only > count).
    expect(() => step(w, arrive(inv(1, 0, S, 0), 1))).toThrow(/^no shard 1$/);
    expect(() => step(w, arrive(inv(1, 0, S, 0), -1))).toThrow(/^no shard -1$/);
    expect(() => step(w, arrive(inv(1, 0, S, 0), 0.5))).toThrow(/^no shard 0.5$/);
    expect(() => step(w, arrive(inv(1, 0, S, 0), 0))).not.toThrow();
  });

  it('a place event sampling a machine that does not exist', () => {
    const w = step(start(world(cfg, 2, 1)).world, arrive(inv(1, 0, S, 0))).world;
    expect(() => step(w, placeEv(0, [0, 2]))).toThrow(/^no machine 2$/);
    expect(() => step(w, placeEv(0, [0, 1]))).not.toThrow();
  });

  it('an idle-list join sampling a shard that does not exist', () => {
    // A fresh idle machine's join timer is set at 0 (idle lists on); there are 2 shards.
    const w = start(world(config('xx'), 1, 4, 2, 16384)).world;
    expect(() => step(w, joinEv(0, [0, 2]))).toThrow(/^no shard 2$/);
    expect(() => step(w, joinEv(0, [0, 1]))).not.toThrow();
  });

  it('a memory antagonist on a machine that does not exist', () => {
    const w = start(world(cfg, 2, 1)).world;
    expect(() => step(w, usableEv(0, 100, 2))).toThrow(/^no machine 2$/);
    expect(() => step(w, usableEv(0, 100, 1))).not.toThrow();
  });
});
