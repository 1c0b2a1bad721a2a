import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssue, pickIssue } from '../../../sim/util/zod-issue.ts';

// One vocabulary for every input file: `<field.path>: <expected>, got <what>`.

const schema = z.strictObject({
  n: z.number().int().min(1).optional(),
  s: z.string().min(1).optional(),
  list: z.array(z.number()).min(2).optional(),
  mode: z.enum(['a', 'b']).optional(),
  either: z.union([z.number(), z.literal('x')], { error: 'a number or "x"' }).optional(),
  nested: z.strictObject({ flag: z.boolean() }).optional(),
});

function message(raw: unknown, at: readonly string[] = []): string {
  const r = schema.safeParse(raw, { reportInput: true });
  if (r.success) return 'ok';
  return formatIssue(pickIssue(r.error.issues), at);
}

describe('formatIssue', () => {
  it.each([
    [{ n: 0 }, 'n: a number >= 1, got 0'],
    [{ n: 1.5 }, 'n: an integer, got 1.5'],
    [{ s: '' }, 's: a non-empty string, got ""'],
    [{ list: [1] }, 'list: a list with >= 2 entries, got an array of 1'],
    [{ mode: 'c' }, 'mode: one of "a", "b", got "c"'],
    [{ either: 'y' }, 'either: a number or "x", got "y"'],
    [{ nested: { flag: 1 } }, 'nested.flag: true or false, got 1'],
    [{ nested: { flag: true }, typo: 1, n: 0 }, "(top level): only known keys, got unknown key 'typo'"],
  ])('%j', (raw, expected) => {
    expect(message(raw)).toBe(expected);
  });

  it('prefixes the path of an embedded schema', () => {
    expect(message({ n: 0 }, ['workload', 'trace'])).toBe('workload.trace.n: a number >= 1, got 0');
  });
});
