import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration tests spawn real processes and time them out on purpose; two workers match
    // the CI machines' two cores without starving those processes.
    maxWorkers: 2,
    reporters: ['default'],
    // An unhandled rejection or uncaught exception anywhere in a test run is a bug: the run
    // fails even when every test passed (Vitest's default, kept explicit).
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
