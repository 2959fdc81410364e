import type { SettleConfig } from '../../platform/config.js';

/**
 * Where Settle meets QuickBooks: Intuit itself (INTUIT_CLIENT_ID/SECRET, INTUIT_ENVIRONMENT) or the
 * local emulator (QBO_API_URL), whose app credentials can be read from its control API when unset.
 */
export interface QuickBooksSettings {
  configured: boolean;
  /** The emulator's base URL when offline. */
  apiUrl: string | null;
  clientId: string;
  clientSecret: string;
  verifierToken: string;
  environment: 'sandbox' | 'production';
  redirectUri: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  v3BaseUrl: string;
  /** Client-side throttle per realm (Intuit: 10/s sandbox, 500/min production). */
  requestsPerSecond: number;
  timeoutMs: number;
  adminUrl: string;
}

export function loadQuickBooksSettings(config: SettleConfig): QuickBooksSettings {
  const q = config.quickbooks;
  const apiUrl = q.apiUrl ?? null;
  const environment = q.environment;
  const clientId = q.clientId ?? '';
  const clientSecret = q.clientSecret ?? '';
  const intuitV3 =
    environment === 'production'
      ? 'https://quickbooks.api.intuit.com/v3/company/'
      : 'https://sandbox-quickbooks.api.intuit.com/v3/company/';
  return {
    configured: Boolean(apiUrl || (clientId && clientSecret)),
    apiUrl,
    clientId,
    clientSecret,
    verifierToken: q.webhookVerifierToken ?? '',
    environment,
    redirectUri: q.redirectUri || `${config.publicUrl}/integrations/quickbooks/callback`,
    authorizeUrl: apiUrl ? `${apiUrl}/connect/oauth2` : 'https://appcenter.intuit.com/connect/oauth2',
    tokenUrl: apiUrl
      ? `${apiUrl}/oauth2/v1/tokens/bearer`
      : 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    revokeUrl: apiUrl
      ? `${apiUrl}/v2/oauth2/tokens/revoke`
      : 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    v3BaseUrl: apiUrl ? `${apiUrl}/v3/company/` : intuitV3,
    requestsPerSecond: q.requestsPerSecond,
    timeoutMs: q.timeoutMs,
    adminUrl: `${config.publicUrl}/admin/integrations`,
  };
}

/** Offline: fill in the app credentials from the emulator when the environment did not give them. */
export async function completeFromEmulator(s: QuickBooksSettings): Promise<void> {
  if (!s.apiUrl || (s.clientId && s.clientSecret && s.verifierToken)) return;
  const res = await fetch(`${s.apiUrl}/__emulator/credentials`);
  if (!res.ok) throw new Error(`QuickBooks emulator credentials: HTTP ${res.status}`);
  const c = (await res.json()) as { clientId: string; clientSecret: string; webhookVerifierToken: string };
  s.clientId ||= c.clientId;
  s.clientSecret ||= c.clientSecret;
  s.verifierToken ||= c.webhookVerifierToken;
}
