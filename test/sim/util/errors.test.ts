import { describe, expect, it } from 'vitest';
import { firstLine } from '../../../sim/util/errors.ts';

describe('firstLine', () => {
  it('keeps the first line of a multi-line message, trimmed', () => {
    expect(firstLine('  bad thing \n  at foo.ts:1\n')).toBe('bad thing');
    expect(firstLine('one line')).toBe('one line');
  });
});
