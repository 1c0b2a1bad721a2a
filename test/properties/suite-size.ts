import { DEFAULT_RUNS, DEFAULT_SEED } from '../../properties/runner.ts';

// Runs per property in the test suite: small by default so `npm test` stays within a few minutes on 2 cores.
// PRICECLASS_RUNS raises it for a soak (e.g. PRICECLASS_RUNS=3000 npx vitest run test/properties); the CLI's
// default (`priceclass check`) is the same number.
export const RUNS = DEFAULT_RUNS;
/** Cells of the policy table and mutants are checked with a fixed seed: their outcomes are deterministic. */
export const FIXED_RUNS = Math.min(DEFAULT_RUNS, 100);
export const FIXED_SEED = DEFAULT_SEED;
