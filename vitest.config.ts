import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // One real database for the run; each file has its own database in it, so files run in parallel safely.
    pool: 'forks',
  },
});
