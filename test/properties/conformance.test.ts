import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConformance, streamDivergence } from '../../properties/conformance.ts';
import type { Scenario } from '../../properties/scenario.ts';
import { FIXED_SEED } from './suite-size.ts';

// The conformance property in `npm test`: over the suite's random scenarios the fast engine's stream is the spec
// engine's (a failure stores its shrunk counterexample); and every stored counterexample scenario (the shapes where
// bugs were found) conforms too.

describe('conformance property', () => {
  it('the fast engine observes what the spec engine does on random scenarios', () => {
    const r = checkConformance({ runs: 400, seed: FIXED_SEED });
    if (r.counterexample !== undefined) {
      // The shrunk scenario, its seed and the divergence, to replay and to keep as a fixture once understood.
      mkdirSync('out/counterexamples', { recursive: true });
      writeFileSync('out/counterexamples/conformance.json', `${JSON.stringify(r.counterexample, null, 2)}\n`);
    }
    expect(r.counterexample?.divergence ?? null, 'see out/counterexamples/conformance.json').toBeNull();
  }, 300_000);

  const dir = 'fixtures/counterexamples';
  it('every stored counterexample scenario conforms, under several routing seeds', () => {
    for (const file of readdirSync(dir)) {
      const scenario = (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { scenario: Scenario }).scenario;
      for (const seed of [1, 2, 3]) expect(streamDivergence(scenario, seed), `${file} seed ${seed}`).toBeNull();
    }
  }, 120_000);
});
