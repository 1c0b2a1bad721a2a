import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Both cores of the project's machine: vitest's default leaves one idle.
    maxWorkers: 2,
  },
});
