import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, regenerate } from '../../../sim/docs/model-readme.ts';

// The knob tables in model/README.md are derived from the knob declarations: a knob added, removed or
// re-documented without `npm run docs` fails here.

describe('model/README.md', () => {
  it('its generated sections match the knob declarations (run `npm run docs` to update them)', () => {
    const text = readFileSync(README, 'utf8');
    expect(regenerate(text)).toBe(text);
  });
});
