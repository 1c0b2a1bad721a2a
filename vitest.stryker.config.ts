import { defineConfig } from 'vitest/config';

// Stryker runs the model's own tests against each mutant of model/: the hand-worked examples and the per-step
// invariants (a short random suite: 25 scenarios a property, the oracles being independent of the model). The
// simulator, trace and sweep tests do not exercise the model more and would only slow it. STRYKER_SCOPE=model
// narrows it to the hand-worked tests. With per-test coverage each mutant runs only the tests that reach it, and
// incremental mode (reports/mutation/stryker-incremental.json) reruns only what a change touched.
process.env.PRICECLASS_RUNS ??= '25';

export default defineConfig({
  test: {
    include:
      process.env.STRYKER_SCOPE === 'model'
        ? ['test/model/**/*.test.ts']
        : ['test/model/**/*.test.ts', 'test/properties/invariants.test.ts'],
    testTimeout: 120_000,
  },
});
