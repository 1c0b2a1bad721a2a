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

  /** Adds the fingerprint; false when it was already there. */
  add(lo: number, hi: number): boolean {
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const a = t[2 * i];
      const b = t[2 * i + 1];
      if (a === 0 && b === 0) break;
      if (a === lo && b === hi) return false;
      i = (i + 1) & this.mask;
    }
    t[2 * i] = lo;
    t[2 * i + 1] = hi;
    if (++this.size * 2 > this.mask + 1) this.grow();
    return true;
  }

  get bytes(): number {
    return this.table.byteLength;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.add(old[i], old[i + 1]);
  }
}
