import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFiles } from './run-cli.ts';

// `priceclass replay FILE --html OUT.html` on every stored counterexample: a page naming the property, with the
// timeline and the per-step data, and nothing fetched from elsewhere. (test/browser opens some of them.)

const DIR = 'fixtures/counterexamples';
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('replay --html', () => {
  const { dir } = scratchFiles('priceclass-replay-html-');

  it.each(FILES)('%s', async (name) => {
    const out = join(dir, name.replace(/\.json$/, '.html'));
    const r = await runCli(['replay', join(DIR, name), '--html', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const property = JSON.parse(readFileSync(join(DIR, name), 'utf8')).property as string;
    expect(html).toContain(`<span id="property">${property}</span>`);
    expect(html).toContain('<svg id="timeline-0"');
    expect(html).toContain('id="replay-data"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    // The violation is highlighted on the timeline.
    expect(html).toContain('class="violation"');
  });
});
