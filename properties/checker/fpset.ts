// A set of 64-bit fingerprints (two 32-bit halves) in one open-addressed Uint32Array with linear probing: 8 bytes
// a state, no objects. (0, 0) marks an empty slot (Hasher never yields it). Grows at half load.

export class FingerprintSet {
  private table: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 16;
    while (n < capacity * 2) n <<= 1;
    this.table = new Uint32Array(n * 2);
    this.mask = n - 1;
  }

  /** With values: the value stored with each fingerprint (a state's index). */
  private values: Int32Array | null = null;

  /** Keeps a value per fingerprint (call before the first add). */
  withValues(): this {
    this.values = new Int32Array(this.table.length / 2);
    return this;
  }

  /** The value stored with the fingerprint, or -1 after adding it with `value`. */
  getOrAdd(lo: number, hi: number, value: number): number {
    const at = this.slotOf(lo, hi);
    const t = this.table;
    const values = this.values as Int32Array;
    if (t[2 * at] === lo && t[2 * at + 1] === hi) return values[at];
    this.put(at, lo, hi, value);
    return -1;
  }

  private slotOf(lo: number, hi: number): number {
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const a = t[2 * i];
      const b = t[2 * i + 1];
      if ((a === 0 && b === 0) || (a === lo && b === hi)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private put(i: number, lo: number, hi: number, value: number): void {
    this.table[2 * i] = lo;
    this.table[2 * i + 1] = hi;
    if (this.values !== null) this.values[i] = value;
    if (++this.size * 2 > this.mask + 1) this.grow();
  }

  /** Adds the fingerprint; false when it was already there. */
  add(lo: number, hi: number): boolean {
    const i = this.slotOf(lo, hi);
    if (this.table[2 * i] === lo && this.table[2 * i + 1] === hi) return false;
    this.put(i, lo, hi, 0);
    return true;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  private grow(): void {
    const old = this.table;
    const oldValues = this.values;
    this.table = new Uint32Array(old.length * 2);
    if (oldValues !== null) this.values = new Int32Array(old.length);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0 && old[i + 1] === 0) continue;
      this.put(this.slotOf(old[i], old[i + 1]), old[i], old[i + 1], oldValues === null ? 0 : oldValues[i / 2]);
    }
  }
}
