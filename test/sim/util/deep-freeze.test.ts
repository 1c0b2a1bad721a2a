import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../sim/util/deep-freeze.ts';

describe('deepFreeze', () => {
  it('freezes objects and arrays all the way down and returns the value', () => {
    const v = { a: [{ b: 1 }], c: { d: { e: 'x' } } };
    expect(deepFreeze(v)).toBe(v);
    expect(Object.isFrozen(v.a[0]) && Object.isFrozen(v.c.d) && Object.isFrozen(v.a)).toBe(true);
    expect(() => {
      v.a[0].b = 2;
    }).toThrow(TypeError);
    expect(deepFreeze(3)).toBe(3);
  });
});
