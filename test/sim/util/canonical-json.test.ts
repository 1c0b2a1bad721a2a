import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../sim/util/canonical-json.ts';

describe('canonicalJson', () => {
  it('is the same text whatever the key order, at every level', () => {
    const a = { b: 1, a: { y: [1, { q: 2, p: 1 }], x: null } };
    const b = { a: { x: null, y: [1, { p: 1, q: 2 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":null,"y":[1,{"p":1,"q":2}]},"b":1}');
  });

  it('spells out non-finite numbers, keeps array order, writes typed arrays as arrays', () => {
    expect(canonicalJson({ m: Infinity, n: -Infinity, o: Number.NaN, z: undefined })).toBe(
      '{"m":"Infinity","n":"-Infinity","o":"NaN"}',
    );
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    const twelve = Float64Array.from({ length: 12 }, (_, i) => i);
    expect(canonicalJson({ t: twelve })).toBe(`{"t":${JSON.stringify([...twelve])}}`);
  });
});
