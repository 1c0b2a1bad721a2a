import { defineConfig } from 'vitest/config';

// Stryker runs the model's own tests against each mutant of model/: the hand-worked examples and every invariant at
// once on each row of the policy table (a short random suite, 25 scenarios a row; the oracles are independent of
// the model). The simulator, trace and sweep tests do not exercise the model more and would only slow it.
// test/mutation-suite.ts loads them all as one test file (one module graph a run instead of seventeen);
// STRYKER_SCOPE=model narrows it to the hand-worked tests. With per-test coverage each mutant runs only the tests
// that reach it, and incremental mode (reports/mutation/stryker-incremental.json) reruns only what a change touched.
process.env.PRICECLASS_ALL_AT_ONCE_RUNS ??= '25';

export default defineConfig({
  test: {
    include: ['test/mutation-suite.ts'],
    setupFiles: ['test/stryker.setup.ts'],
    testTimeout: 120_000,
  },
});
