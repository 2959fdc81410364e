import { createStripeEmulator } from './index.js';

/** Standalone emulator: `pnpm emulate:stripe` (or `pnpm --filter @settle/stripe-emulator start`). */
const port = Number(process.env.STRIPE_EMULATOR_PORT ?? 12111);
const emulator = await createStripeEmulator({
  host: '127.0.0.1',
  port,
  stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
  publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL || undefined,
  rateLimitPerSecond: process.env.STRIPE_EMULATOR_RATE_LIMIT
    ? Number(process.env.STRIPE_EMULATOR_RATE_LIMIT)
    : undefined,
  logger: {
    info: (m, e) => console.log(m, e ?? ''),
    warn: (m, e) => console.warn(m, e ?? ''),
    error: (m, e) => console.error(m, e ?? ''),
  },
});

console.log(`Stripe emulator listening on ${emulator.url}
  API:       ${emulator.url}/v1  (Stripe API version 2026-10-28.endive)
  Keys:      any sk_test_… (or rk_test_…) key works; each key is its own account
  SDK:       new Stripe('sk_test_anything', { host: '127.0.0.1', port: ${emulator.port}, protocol: 'http' })
  OAuth:     ${emulator.url}/oauth/authorize?response_type=code&client_id=ca_test&redirect_uri=…
  Control:   ${emulator.url}/__emulator/health
  State:     ${process.env.STRIPE_EMULATOR_STATE_FILE ? process.env.STRIPE_EMULATOR_STATE_FILE : 'in memory'}`);

const stop = async () => {
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
