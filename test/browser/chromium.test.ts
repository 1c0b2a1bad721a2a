import { afterEach, describe, expect, it } from 'vitest';
import { chromiumPath } from './browser.ts';

// Without Chromium the page tests must fail loudly, saying how to get it, rather than skip.

describe('finding Chromium', () => {
  const saved = { path: process.env.PATH, chromium: process.env.PRICECLASS_CHROMIUM };
  afterEach(() => {
    process.env.PATH = saved.path;
    if (saved.chromium === undefined) delete process.env.PRICECLASS_CHROMIUM;
    else process.env.PRICECLASS_CHROMIUM = saved.chromium;
  });

  it('says how to install it when there is none', () => {
    process.env.PATH = '/nonexistent';
    delete process.env.PRICECLASS_CHROMIUM;
    expect(() => chromiumPath()).toThrow(/apt-get install -y chromium/);
  });

  it('takes PRICECLASS_CHROMIUM first', () => {
    process.env.PRICECLASS_CHROMIUM = '/opt/chromium/chrome';
    expect(chromiumPath()).toBe('/opt/chromium/chrome');
  });
});
