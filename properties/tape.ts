// A choice tape: the sequence of answers to every nondeterministic choice a run makes (which same-time event
// goes first, which machines a shard polls, which shards a dispatcher compares, which shard a child goes to).
// Past its end every choice is 0, so shrinking a tape tends to the first option everywhere.

export class Tape {
  private i = 0;
  constructor(private readonly values: readonly number[]) {}

  /** A choice among n options. */
  pick(n: number): number {
    const v = this.values[this.i++] ?? 0;
    return n <= 1 ? 0 : Math.abs(Math.trunc(v)) % n;
  }

  /** `count` distinct ids out of 0..n-1, in the order drawn. */
  sample(n: number, count: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    const chosen: number[] = [];
    for (let j = 0; j < Math.min(count, n); j++) chosen.push(pool.splice(this.pick(pool.length), 1)[0]);
    return chosen;
  }
}
