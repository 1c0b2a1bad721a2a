// A streaming 64-bit hash as two 32-bit lanes (murmur3-style mixing with different seeds), fed numbers one at a
// time: integers directly, other numbers (fractions, Infinity) by their IEEE bits. No allocation per value.

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Hasher {
  a = 0x9747b28c;
  b = 0x1b873593;
  n = 0;

  reset(): this {
    this.a = 0x9747b28c;
    this.b = 0x1b873593;
    this.n = 0;
    return this;
  }

  int(k: number): void {
    let x = Math.imul(k, 0xcc9e2d51);
    x = (x << 15) | (x >>> 17);
    x = Math.imul(x, 0x1b873593);
    let a = this.a ^ x;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.b ^ Math.imul(k ^ 0x5bd1e995, 0x27d4eb2d);
    b = (b << 17) | (b >>> 15);
    this.b = (Math.imul(b, 9) + 0x165667b1) | 0;
    this.n++;
  }

  num(v: number): void {
    if ((v | 0) === v) {
      this.int(v);
      return;
    }
    F64[0] = v;
    this.int(U32[0] | 0);
    this.int(U32[1] ^ 0x7f00ff00);
  }

  /** The low and high 32 bits of the hash, never both zero (zero marks an empty slot in FingerprintSet). */
  lo(): number {
    return fmix(this.a ^ this.n);
  }

  hi(): number {
    const h = fmix(this.b ^ Math.imul(this.n, 0x9e3779b1) ^ this.a);
    return h === 0 && this.lo() === 0 ? 1 : h;
  }
}
