import type { DataSource } from 'typeorm';
import { logger } from '../../platform/logger.js';
import { Service, ServicePrice } from '../catalog/service.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeCatalogLink } from './stripe-links.entity.js';
import { inScope, scopeOf } from './stripe-connection.entity.js';
import { idem, stripeAmountStep, toStripeCurrency } from './stripe-rules.js';

/**
 * Catalog → Stripe: each service is a product with one active price per currency. Prices are immutable
 * in Stripe, so a changed amount archives the old price and creates a new one; an archived service
 * archives its product (active=false).
 */
export async function syncService(
  db: DataSource,
  connections: StripeConnectionService,
  orgId: string,
  serviceId: string,
): Promise<string> {
  const conn = await connections.find(orgId);
  if (!conn) return 'stripe not connected';
  const provider = connections.provider(conn);
  const service = await db.getRepository(Service).findOneBy({ orgId, id: serviceId });
  if (!service) return 'service gone';
  const prices = await db.getRepository(ServicePrice).findBy({ orgId, serviceId });
  const repo = db.getRepository(StripeCatalogLink);
  let link = await repo.findOneBy({ orgId, serviceId });
  const metadata = { settle_org_id: orgId, settle_service_id: serviceId, settle_code: service.code };
  // A product of another account or mode is never sent to this one: product and prices are made anew.
  if (!link || !inScope(conn, link)) {
    const key = idem.product(serviceId) + (link ? `-${conn.accountId}-${conn.mode}-${link.productId}` : '');
    const product = await provider.createProduct(
      { name: service.name, description: service.description || undefined, active: service.active, metadata },
      key,
    );
    link = repo.create({ orgId, serviceId, productId: product.id, prices: {}, ...scopeOf(conn) });
    await repo.save(link);
  } else {
    await provider.updateProduct(link.productId, {
      name: service.name,
      active: service.active,
      metadata,
      ...(service.description ? { description: service.description } : {}),
    });
  }
  const next: StripeCatalogLink['prices'] = { ...link.prices };
  for (const p of prices) {
    const cur = next[p.currency];
    if (cur?.unitAmount === p.unitAmount) continue;
    if (cur) await provider.updatePrice(cur.priceId, { active: false });
    // Stripe refuses a price in a three-decimal currency not in steps of 10 minor units (every retry would
    // fail the same). Settle charges invoices, never these prices, so that one is left out of Stripe.
    if (p.unitAmount % stripeAmountStep(p.currency) !== 0) {
      delete next[p.currency];
      logger.info({ orgId, serviceId, currency: p.currency }, 'stripe catalog: price not in Stripe steps left out');
      continue;
    }
    const price = await provider.createPrice(
      { product: link.productId, currency: toStripeCurrency(p.currency), unit_amount: p.unitAmount, metadata },
      idem.price(serviceId, p.currency, p.unitAmount) + `-${cur?.priceId ?? `first-${link.productId}`}`,
    );
    next[p.currency] = { priceId: price.id, unitAmount: p.unitAmount };
  }
  for (const currency of Object.keys(next)) {
    if (!prices.some((p) => p.currency === currency)) {
      await provider.updatePrice(next[currency]!.priceId, { active: false });
      delete next[currency];
    }
  }
  await repo.update({ serviceId }, { prices: next });
  logger.info({ orgId, serviceId, product: link.productId, active: service.active }, 'stripe catalog synced');
  return `product ${link.productId} ${service.active ? 'active' : 'archived'}`;
}
