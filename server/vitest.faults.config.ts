import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `pnpm test:faults`: the long fault scenarios of issue #18 (kill -9 and restart of a Settle process,
 * a 15 s PostgreSQL outage, a connection-kill storm), one file at a time. Each prints its figures; the
 * fast fault tests (src/faults/*.test.ts) run in `pnpm test`.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    include: ['src/faults/long/*.long.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
