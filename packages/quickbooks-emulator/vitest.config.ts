// One test setup for both emulators (run from this folder: `pnpm test`).
export { default } from '../emulator-kit/vitest.emulator.js';
