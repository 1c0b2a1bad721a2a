// The parallel search's set of 64-bit fingerprints, shared by every worker thread: one open-addressed
// BigInt64Array over a SharedArrayBuffer, linear probing, a slot claimed whole by one compare-and-swap, so two
// workers that reach the same state at once cannot both admit it. Fixed capacity (a SharedArrayBuffer does not
// grow here): sized from the search's state bound, and full at three quarters (the search then stops, incomplete).

export class SharedFingerprintSet {
  private readonly table: BigInt64Array;
  private readonly mask: number;
  /** Slots filled beyond which `add` refuses (three quarters of the table). */
  private readonly limit: number;
  /** [0]: fingerprints held. */
  private readonly count: Int32Array;

  /** A buffer for up to `states` fingerprints (the table is a power of two at least twice that). */
  static allocate(states: number): SharedArrayBuffer {
    let slots = 1024;
    while (slots < states * 2) slots *= 2;
    return new SharedArrayBuffer(8 + slots * 8);
  }

  constructor(buffer: SharedArrayBuffer) {
    this.count = new Int32Array(buffer, 0, 1);
    this.table = new BigInt64Array(buffer, 8);
    this.mask = this.table.length - 1;
    this.limit = Math.floor(this.table.length * 0.75);
  }

  get size(): number {
    return Atomics.load(this.count, 0);
  }

  get full(): boolean {
    return this.size >= this.limit;
  }

  /** Adds the fingerprint (never both halves zero); false when some worker already had. */
  add(lo: number, hi: number): boolean {
    const key = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const was = Atomics.compareExchange(this.table, i, 0n, key);
      if (was === 0n) {
        Atomics.add(this.count, 0, 1);
        return true;
      }
      if (was === key) return false;
      i = (i + 1) & this.mask;
    }
  }
}
