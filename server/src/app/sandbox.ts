import path from 'node:path';
import type { SettleConfig } from '../platform/config.js';
import { logger } from '../platform/logger.js';
import { createStripeEmulator } from '@settle/stripe-emulator';
import { createQuickBooksEmulator } from '@settle/quickbooks-emulator';

/**
 * The offline sandbox: local emulators of Stripe and QuickBooks Online, started by `pnpm start` when no
 * real platform keys are configured. Settle still meets them only over HTTP, through the real SDKs: the
 * sandbox just sets the variables that point those SDKs at the emulators. Their state lives under the
 * data directory, so it survives a restart of Settle.
 */
export interface Sandbox {
  /** Variables to merge into Settle's environment (STRIPE_API_URL, QBO_*). */
  env: Record<string, string>;
  describe(): string[];
  stop(): Promise<void>;
}

export async function startSandbox(config: SettleConfig): Promise<Sandbox> {
  const env: Record<string, string> = {};
  const lines: string[] = [];
  const stops: Array<() => Promise<void>> = [];

  if (!config.stripe.secretKey && !config.stripe.apiUrl && config.stripe.emulator) {
    const stripe = await createStripeEmulator({
      port: config.stripeEmulatorPort,
      stateFile: path.join(config.dataDir, 'stripe-emulator.json'),
    });
    env.STRIPE_API_URL = stripe.url;
    stops.push(() => stripe.close());
    lines.push(`  Stripe sandbox ${stripe.url}   (local emulator; any sk_test_… key works)`);
  }

  if (!config.quickbooks.clientId && !config.quickbooks.apiUrl && config.quickbooks.emulator) {
    const qbo = await createQuickBooksEmulator({
      port: config.quickbooksEmulatorPort,
      stateFile: path.join(config.dataDir, 'quickbooks-emulator.json'),
      webhook: { url: `${config.publicUrl}/webhooks/quickbooks` },
    });
    Object.assign(env, {
      QBO_API_URL: qbo.url,
      INTUIT_CLIENT_ID: qbo.credentials.clientId,
      INTUIT_CLIENT_SECRET: qbo.credentials.clientSecret,
      INTUIT_WEBHOOK_VERIFIER_TOKEN: qbo.credentials.webhookVerifierToken,
    });
    stops.push(() => qbo.close());
    lines.push(`  QuickBooks sandbox ${qbo.url}   (local emulator; realm ${qbo.credentials.realmId})`);
  }

  if (lines.length) logger.info({ emulators: Object.keys(env) }, 'offline sandbox started');
  return {
    env,
    describe: () => (lines.length ? ['', ...lines] : []),
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}
