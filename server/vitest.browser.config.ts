import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `pnpm test:browser`: end-to-end flows in Debian's Chromium (playwright-core, no browser download)
 * against a real Settle on a fresh database. The SPAs are built first when their dist is missing or
 * older than their sources (test/browser/build-web.ts). One file at a time: each drives a browser and
 * a server, and screenshots land in test-results/screenshots/.
 */
export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql/index.js') }],
  },
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    globalSetup: ['./test/global-setup.ts', './test/browser/build-web.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
