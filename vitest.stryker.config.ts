import { defineConfig } from 'vitest/config';

// Stryker runs the model's own tests (hand-worked examples, the per-step invariants, queueing validation) against each
// mutant of model/; the simulator, trace and sweep tests do not exercise the model more and would only slow it.
// STRYKER_SCOPE=model narrows it to the hand-worked tests (about 30 min on 2 cores instead of hours).
export default defineConfig({
  test: {
    include:
      process.env.STRYKER_SCOPE === 'model'
        ? ['test/model/**/*.test.ts']
        : ['test/model/**/*.test.ts', 'test/properties/invariants.test.ts', 'test/validation/queueing.test.ts'],
    testTimeout: 120_000,
  },
});
