import { expect } from 'vitest';
import { portalSession } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { connectedOrg, type ConnectedOrg, postForm, type StripeWorld } from '../stripe/stripe-test-kit.js';
import { AutopayAttempt } from './autopay.entities.js';
import { autopayOf } from './autopay.integration.js';

/** Test support (not a test file): a client with a saved method and autopay on, and its attempts. */

/** What the client types on Stripe's setup page: a card number, or a US bank account. */
export type SavedMethodFields =
  { card_number: string } | { payment_method_type: 'us_bank_account'; bank_account_number: string };

/** A connected org (or `org`) whose client saved `fields` on Stripe's setup page from the portal and turned autopay on. */
export async function autopayOrg(w: StripeWorld, fields: SavedMethodFields, org?: ConnectedOrg) {
  const o = org ?? (await connectedOrg(w));
  const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
  const r = await w.settle.gql(`mutation { startSavePaymentMethod { url } }`, {}, portal);
  expect((await postForm(r.data.startSavePaymentMethod.url, fields)).status).toBe(303);
  await w.settle.gql(`mutation { setAutopay(enabled: true) { enabled } }`, {}, portal);
  return { o, portal };
}

/** autopayOrg with a sent invoice of `minutes` and the container's clock at its due date. */
export async function autopayDueInvoice(w: StripeWorld, fields: SavedMethodFields, org?: ConnectedOrg, minutes = 60) {
  const { o, portal } = await autopayOrg(w, fields, org);
  const inv = await o.fx.sentInvoice(minutes);
  const clock = new ManualClock(`${inv.dueDate}T12:00:00Z`);
  w.settle.container.clock = clock;
  return { o, portal, inv, clock };
}

/** The invoice's attempts, first to last. */
export const attemptsOf = (w: StripeWorld, invoiceId: string) =>
  w.settle.container.db.getRepository(AutopayAttempt).find({ where: { invoiceId }, order: { attemptNo: 'ASC' } });

export const chargerOf = (w: StripeWorld) => autopayOf(w.settle.container).charger;
