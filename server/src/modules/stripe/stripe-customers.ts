import type { DataSource } from 'typeorm';
import { Client } from '../clients/client.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { inScope, scopeOf, type StripeConnection } from './stripe-connection.entity.js';
import { StripeClientLink } from './stripe-links.entity.js';
import { idem } from './stripe-rules.js';

/**
 * The client's Stripe customer in the connection's account + mode: linked by id or created once
 * (idempotently), never found by email. A customer of another account or mode is never sent to this
 * one: a new customer is created here and replaces the link.
 */
export async function ensureStripeCustomer(
  db: DataSource,
  connections: StripeConnectionService,
  orgId: string,
  conn: StripeConnection,
  clientId: string,
): Promise<string> {
  const repo = db.getRepository(StripeClientLink);
  const link = await repo.findOneBy({ orgId, clientId });
  if (link?.customerId && inScope(conn, link)) return link.customerId;
  const client = await db.getRepository(Client).findOneByOrFail({ orgId, id: clientId });
  // A re-creation gets its own key: the first creation's key may still answer in this account (A → B → A).
  const key =
    idem.customer(clientId, client.name, client.billingEmail) +
    (link?.customerId ? `-${conn.accountId}-${conn.mode}-${link.customerId}` : '');
  const customer = await connections.provider(conn).createCustomer(
    {
      name: client.name,
      email: client.billingEmail,
      metadata: { settle_org_id: orgId, settle_client_id: clientId },
    },
    key,
  );
  await repo.upsert({ orgId, clientId, customerId: customer.id, sendVia: link?.sendVia ?? null, ...scopeOf(conn) }, [
    'clientId',
  ]);
  return customer.id;
}
