import { defineConfig } from 'vitest/config';

/** Each emulator's own tests: the real SDK against the emulator over HTTP, no database. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
