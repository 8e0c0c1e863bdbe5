import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most end-to-end files wait on real time (runs of a few seconds under faults) more than they
    // compute: two files at a time keep a 2-core machine busy without starving either.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default'],
  },
});
