import type { DataSource } from 'typeorm';
import { secretPrefix } from '../../platform/crypto.js';
import { notFound } from '../../platform/errors.js';
import { Organization } from '../organizations/organization.entity.js';
import { StripePaymentSettings, type StripeConnection } from './stripe-connection.entity.js';
import { StripeMode, StripeSendVia, type PaymentSettings, type StripeConnectionView } from './stripe.types.js';

/** An org's payment settings: Stripe-side ones and the email/partial toggles on the organization. */
export async function paymentSettingsOf(db: DataSource, orgId: string): Promise<PaymentSettings> {
  const org = await db.getRepository(Organization).findOneBy({ id: orgId });
  if (!org) throw notFound('Organization');
  const s = await db.getRepository(StripePaymentSettings).findOneBy({ orgId });
  return {
    sendVia: (s?.sendVia ?? 'CHECKOUT') as StripeSendVia,
    linkLifetimeHours: s?.linkLifetimeHours ?? 72,
    emailPayLink: org.emailPayLink,
    emailPaymentConfirmation: org.emailPaymentConfirmation,
    allowPartialPayments: org.allowPartialPayments,
  };
}

/** A connection as the admin sees it: keys by prefix only, the webhook endpoint and its inbox counts. */
export async function connectionViewOf(
  db: DataSource,
  conn: StripeConnection,
  webhookUrl: string,
): Promise<StripeConnectionView> {
  const [counts] = (await db.query(
    `SELECT count(*)::int AS received, count(*) FILTER (WHERE status = 'DONE')::int AS processed,
            count(*) FILTER (WHERE status IN ('PENDING','PROCESSING'))::int AS pending,
            count(*) FILTER (WHERE status = 'FAILED' OR (status = 'PENDING' AND error IS NOT NULL))::int AS failed,
            count(*) FILTER (WHERE status = 'REJECTED')::int AS rejected,
            max(received_at) FILTER (WHERE via = 'WEBHOOK') AS last
       FROM stripe_event_inbox WHERE org_id = $1`,
    [conn.orgId],
  )) as Array<{
    received: number;
    processed: number;
    pending: number;
    failed: number;
    rejected: number;
    last: Date | null;
  }>;
  return {
    mode: conn.mode === 'live' ? StripeMode.LIVE : StripeMode.TEST,
    accountId: conn.accountId,
    connectedVia: conn.connectedVia,
    secretKeyPrefix: conn.secretKeyPrefix,
    publishableKeyPrefix: conn.publishableKey ? secretPrefix(conn.publishableKey) : null,
    webhookUrl,
    lastEventAt: counts!.last,
    connectedAt: conn.createdAt,
    lastVerifiedAt: conn.lastVerifiedAt,
    settings: await paymentSettingsOf(db, conn.orgId),
    previousAccountCleanup: conn.previousAccountCleanup
      ? {
          ...conn.previousAccountCleanup,
          mode: conn.previousAccountCleanup.livemode ? StripeMode.LIVE : StripeMode.TEST,
          at: new Date(conn.previousAccountCleanup.at),
        }
      : null,
    webhook: {
      url: webhookUrl,
      configured: !!conn.webhookSecretSealed,
      autoRegistered: !!conn.webhookEndpointId,
      endpointId: conn.webhookEndpointId,
      secretPrefix: conn.webhookSecretPrefix,
      lastError: conn.webhookError,
      lastEventAt: counts!.last,
      received: counts!.received,
      processed: counts!.processed,
      pending: counts!.pending,
      failed: counts!.failed,
      rejected: counts!.rejected,
    },
  };
}
