import type { SettleConfig } from '../platform/config.js';

/**
 * The offline sandbox: local emulators of Stripe and QuickBooks Online, started when no real keys are
 * configured. Settle talks to them only over HTTP, exactly as it would to the real services.
 * (The Stripe and QuickBooks integrations register their emulators here.)
 */
export interface Sandbox {
  describe(): string[];
  stop(): Promise<void>;
}

export async function startSandbox(_config: SettleConfig): Promise<Sandbox> {
  return { describe: () => [], stop: async () => undefined };
}
