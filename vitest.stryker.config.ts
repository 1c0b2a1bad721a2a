import { defineConfig } from 'vitest/config';

// Stryker runs the model's own tests (hand-worked examples, the per-step invariants, queueing validation) against each
// mutant of model/; the simulator, trace and sweep tests do not exercise the model more and would only slow it.
export default defineConfig({
  test: {
    include: ['test/model/**/*.test.ts', 'test/properties/invariants.test.ts', 'test/validation/queueing.test.ts'],
    testTimeout: 120_000,
  },
});
