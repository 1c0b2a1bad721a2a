import fc from 'fast-check';

// Setup for Stryker's runs only (vitest.stryker.config.ts): a property that fails on a mutant fails at its first
// counterexample. Shrinking it would only make the report nicer and costs seconds a mutant; the verdict is the same.
fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
