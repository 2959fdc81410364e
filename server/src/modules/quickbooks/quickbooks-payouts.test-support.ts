import { eventually } from '../../../test/harness.js';
import { StripeEventInbox } from '../stripe/stripe-event-inbox.entity.js';
import { StripePayout } from '../stripe/stripe-payout.entity.js';
import {
  connectedOrg,
  mapStripeClearing,
  paidOnHostedPage,
  qbSideOf,
  type BothWorld,
  type Org,
} from '../stripe/payment-artifacts.test-support.js';
import { qbIdOf, settled } from './quickbooks.test-support.js';

/**
 * An org on Stripe and QuickBooks, its Stripe money mapped to the clearing account (its accounts by name
 * returned), and `paid` invoices paid on their hosted page, in QuickBooks.
 */
export async function paidIntoClearing(w: BothWorld, paid = 1): Promise<{ o: Org; accounts: Record<string, string> }> {
  const o = await connectedOrg(w, { quickbooks: true });
  const accounts = await mapStripeClearing(w, o);
  for (let i = 0; i < paid; i++) await paidOnHostedPage(w, o);
  await settled(qbSideOf(w), o.org.id);
  return { o, accounts };
}

/** The payout Settle recorded for Stripe's `payoutId`, once it has. */
export const recordedPayout = (w: BothWorld, o: Org, payoutId: string, what = 'the payout to be recorded') =>
  eventually(
    () => w.settle.container.db.getRepository(StripePayout).findOneBy({ orgId: o.org.id, stripePayoutId: payoutId }),
    what,
  );

/** The payout recorded, once its Deposit is in QuickBooks (within `timeoutMs`). */
export async function depositedPayout(w: BothWorld, o: Org, payoutId: string, timeoutMs?: number) {
  const recorded = await recordedPayout(w, o, payoutId);
  await eventually(
    async () => Boolean(await qbIdOf(qbSideOf(w), o.org.id, 'PAYOUT', recorded.id)),
    'the Deposit',
    timeoutMs,
  );
  return recorded;
}

/** The org's Stripe events of `type` once all `count` of them are processed (DONE, REJECTED or FAILED). */
export function processedEvents(w: BothWorld, o: Org, type: string, count: number): Promise<StripeEventInbox[]> {
  return eventually(async () => {
    const rows = await w.settle.container.db.getRepository(StripeEventInbox).findBy({ orgId: o.org.id, type });
    return rows.length === count && rows.every((r) => ['DONE', 'REJECTED', 'FAILED'].includes(r.status)) ? rows : null;
  }, `${count} ${type} processed`);
}
