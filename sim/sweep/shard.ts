// `--shard I/N`: this run takes the points whose index % N == I (0-based), so N machines split any sweep.

import { UsageError } from '../util/errors.ts';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new UsageError(`priceclass sweep: --shard: I/N with 0 <= I < N (e.g. 0/4), got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

export function inShard(pointIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || pointIndex % shard.count === shard.index;
}
