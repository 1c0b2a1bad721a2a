// Runs per property in the test suite: small by default so `npm test` stays within a few minutes on 2 cores;
// PRICECLASS_RUNS raises it for a longer soak (e.g. PRICECLASS_RUNS=3000 npx vitest run test/properties).
export const RUNS = Number(process.env.PRICECLASS_RUNS ?? 100);
/** Runs for cells and mutants that are checked with a fixed seed (deterministic outcomes). */
export const FIXED_RUNS = 100;
export const FIXED_SEED = 42;
