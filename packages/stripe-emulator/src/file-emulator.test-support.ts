import { afterAll, beforeAll } from 'vitest';
import type Stripe from 'stripe';
import type { StripeEmulator, StripeEmulatorOptions } from './index.js';
import { sdk, startEmulator } from './testing.js';

/**
 * Test support (not a test file): one emulator and one SDK client (`key`) for the tests of a file, started
 * before them and closed after. Read `world.emu` and `world.stripe` inside the tests.
 */
export function emulatorForFile(
  key: string,
  opts: StripeEmulatorOptions = {},
): { emu: StripeEmulator; stripe: Stripe } {
  const world = {} as { emu: StripeEmulator; stripe: Stripe };
  beforeAll(async () => {
    world.emu = await startEmulator(opts);
    world.stripe = sdk(world.emu, key);
  });
  afterAll(() => world.emu.close());
  return world;
}
