// `pnpm emulate:quickbooks` (or `pnpm --filter @settle/quickbooks-emulator start`): the QBO emulator on its own.
// Env: QBO_EMULATOR_PORT (12112), QBO_EMULATOR_HOST (127.0.0.1), QBO_EMULATOR_STATE_FILE,
// QBO_EMULATOR_PUBLIC_URL, QBO_EMULATOR_WEBHOOK_URL, QBO_EMULATOR_VERIFIER_TOKEN,
// QBO_EMULATOR_WEBHOOK_FORMAT (legacy|cloudevents), QBO_EMULATOR_RATE_PER_MINUTE.
import { createQuickBooksEmulator, DEFAULT_PORT } from './index.js';

const env = process.env;
const format =
  env.QBO_EMULATOR_WEBHOOK_FORMAT === 'cloudevents'
    ? 'cloudevents'
    : env.QBO_EMULATOR_WEBHOOK_FORMAT === 'legacy'
      ? 'legacy'
      : undefined;

const emu = await createQuickBooksEmulator({
  host: env.QBO_EMULATOR_HOST ?? '127.0.0.1',
  port: env.QBO_EMULATOR_PORT ? Number(env.QBO_EMULATOR_PORT) : DEFAULT_PORT,
  stateFile: env.QBO_EMULATOR_STATE_FILE || undefined,
  publicUrl: env.QBO_EMULATOR_PUBLIC_URL || undefined,
  ratePerMinute: env.QBO_EMULATOR_RATE_PER_MINUTE ? Number(env.QBO_EMULATOR_RATE_PER_MINUTE) : undefined,
  webhook: {
    url: env.QBO_EMULATOR_WEBHOOK_URL || undefined,
    verifierToken: env.QBO_EMULATOR_VERIFIER_TOKEN || undefined,
    format,
  },
  logger: { info: (m) => console.log(m), warn: (m, e) => console.warn(m, e ?? '') },
});

const c = emu.credentials;
console.log(`
QuickBooks Online emulator running at ${emu.url}

  realmId        ${c.realmId}
  clientId       ${c.clientId}
  clientSecret   ${c.clientSecret}
  accessToken    ${c.accessToken}
  refreshToken   ${c.refreshToken}
  verifierToken  ${c.webhookVerifierToken}   (webhook intuit-signature key)

Point node-quickbooks at it (before new QuickBooks(...)):
  QuickBooks.V3_ENDPOINT_BASE_URL = '${emu.url}/v3/company/';
  QuickBooks.TOKEN_URL = '${emu.url}/oauth2/v1/tokens/bearer';
  QuickBooks.REVOKE_URL = '${emu.url}/v2/oauth2/tokens/revoke';
intuit-oauth: authorizeEndpoint '${emu.url}/connect/oauth2' (same token/revoke URLs)
Fresh credentials any time: GET ${emu.url}/__emulator/credentials
Webhooks: ${env.QBO_EMULATOR_WEBHOOK_URL ? `POST ${env.QBO_EMULATOR_WEBHOOK_URL}` : 'not configured (set QBO_EMULATOR_WEBHOOK_URL or POST /__emulator/webhooks)'}${env.QBO_EMULATOR_VERIFIER_TOKEN ? ' (verifier token from QBO_EMULATOR_VERIFIER_TOKEN)' : ''}
`);

const stop = async () => {
  await emu.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
