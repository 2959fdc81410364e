import { sameAddress } from '../clients/postal-address.js';
import type { EntityManager } from 'typeorm';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { PaymentSource } from '../payments/payment.entity.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import {
  OpKind,
  clientCustomerLinks,
  enqueueNewVersion,
  enqueueOperation,
  findLink,
  hasPending,
} from './quickbooks-ledger.js';
import { APPLY_PAYMENT_TASK } from './quickbooks.jobs.js';

async function isConnected(tx: EntityManager, orgId: string): Promise<boolean> {
  return (await connectedOrgs(tx, [orgId])).has(orgId);
}

/**
 * Orgs whose books follow Settle: connected, or waiting to be reconnected (ERROR: Intuit refused the refresh
 * token; what happens meanwhile waits as PENDING operations, run when QuickBooks is connected again).
 */
const FOLLOWING = `status IN ('CONNECTED', 'ERROR')`;

async function connectedOrgs(tx: EntityManager, orgIds: string[]): Promise<Set<string>> {
  const rows = (await tx.query(`SELECT org_id FROM qbo_connections WHERE org_id = ANY($1::uuid[]) AND ${FOLLOWING}`, [
    orgIds,
  ])) as Array<{ org_id: string }>;
  return new Set(rows.map((r) => r.org_id));
}

/** The invoice is (or is about to be) in QuickBooks, so its later changes follow it there. */
async function tracked(tx: EntityManager, orgId: string, invoiceId: string): Promise<boolean> {
  return (
    Boolean(await findLink(tx, orgId, 'INVOICE', invoiceId)) || hasPending(tx, orgId, OpKind.PUSH_INVOICE, invoiceId)
  );
}

/** Queues an update of a tracked invoice (a newer version replaces a pending one). */
async function updateTracked(tx: EntityManager, orgId: string, invoiceId: string): Promise<void> {
  if (!(await isConnected(tx, orgId)) || !(await tracked(tx, orgId, invoiceId))) return;
  await enqueueNewVersion(tx, orgId, OpKind.UPDATE_INVOICE, invoiceId);
}

/**
 * QuickBooks Payments refused on an invoice while it was a draft in Settle (paid in QuickBooks before it
 * was sent): read again once it is, after this commits.
 */
async function reapplyRefusedPayments(tx: EntityManager, orgId: string, invoiceId: string): Promise<void> {
  const refused = (await tx.query(
    `SELECT DISTINCT detail->>'qbPaymentId' AS qb_payment_id FROM qbo_exceptions
      WHERE org_id = $1 AND kind = 'INBOUND_PAYMENT' AND resolved_at IS NULL AND detail->>'invoiceId' = $2`,
    [orgId, invoiceId],
  )) as Array<{ qb_payment_id: string }>;
  for (const r of refused)
    await enqueue(tx, APPLY_PAYMENT_TASK, { orgId, qbPaymentId: r.qb_payment_id }, { maxAttempts: 10 });
}

/**
 * Invoice changes → queued QuickBooks operations, inside the transaction of the change (only enqueue
 * here; the calls run in the worker). Payments that came from QuickBooks are not sent back.
 */
export function followInvoiceChanges(events: DomainEventBus): void {
  // At generation, when the generation asks for QuickBooks, or does not say and the org has it on.
  events.on('invoice.generated', async ({ orgId, invoices, destinations }, tx) => {
    const [conn] = (await tx.query(`SELECT push_on_generate FROM qbo_connections WHERE org_id = $1 AND ${FOLLOWING}`, [
      orgId,
    ])) as Array<{ push_on_generate: boolean }>;
    if (!conn || !(destinations ? destinations.includes('QUICKBOOKS') : conn.push_on_generate)) return;
    for (const invoice of invoices) await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, invoice.id);
  });

  events.on('invoice.finalized', async ({ orgId, invoices, destinations }, tx) => {
    if (!(await isConnected(tx, orgId))) return;
    for (const invoice of invoices) {
      // A draft already in QuickBooks (pushed at generation or by hand) follows as an update: now payable.
      if (await tracked(tx, orgId, invoice.id)) await updateTracked(tx, orgId, invoice.id);
      else if (destinations.includes('QUICKBOOKS')) await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, invoice.id);
      await reapplyRefusedPayments(tx, orgId, invoice.id);
    }
  });

  // A client's name, billing email or address follows to its QuickBooks customer (once it has one).
  events.on('client.updated', async ({ orgId, client, before }, tx) => {
    const same = client.name === before.name && client.billingEmail === before.billingEmail;
    if (same && sameAddress(client.billingAddress, before.billingAddress)) return;
    if (!(await isConnected(tx, orgId)) || !(await clientCustomerLinks(tx, orgId, client.id)).length) return;
    await enqueueNewVersion(tx, orgId, OpKind.UPDATE_CUSTOMER, client.id);
  });

  events.on('invoice.draft-updated', ({ orgId, invoice }, tx) => updateTracked(tx, orgId, invoice.id));

  events.on('invoice.voided', async ({ orgId, invoice }, tx) => {
    if (!(await isConnected(tx, orgId)) || !(await tracked(tx, orgId, invoice.id))) return;
    // Client credit spent on it was given back (client-credits reacts first): its Payment of 0 goes first.
    const reversed = (await tx.query(
      `SELECT a.credit_memo_id FROM client_credits a JOIN client_credits r ON r.reverses_id = a.id
        WHERE a.org_id = $1 AND a.invoice_id = $2 AND a.source = 'APPLIED' ORDER BY a.created_at`,
      [orgId, invoice.id],
    )) as Array<{ credit_memo_id: string }>;
    for (const r of reversed) await enqueueOperation(tx, orgId, OpKind.VOID_CREDIT_APPLICATION, r.credit_memo_id);
    await enqueueOperation(tx, orgId, OpKind.VOID_INVOICE, invoice.id);
  });

  // Uncollectible: the receivable stays in the books, but its Pay Now link is turned off.
  events.on('invoice.marked-uncollectible', ({ orgId, invoice }, tx) => updateTracked(tx, orgId, invoice.id));

  // Payments become QuickBooks Payments, refunds (negative amounts) RefundReceipts.
  events.on('payment.recorded', async (recorded, tx) => {
    const toPush = recorded.filter(
      ({ payment }) => payment.source !== PaymentSource.QUICKBOOKS && payment.amount !== 0,
    );
    if (!toPush.length) return;
    // Most batches are of orgs without QuickBooks: one statement answers for all of them.
    const connected = await connectedOrgs(tx, [...new Set(toPush.map((c) => c.orgId))]);
    for (const { orgId, invoice, payment } of toPush) {
      if (connected.has(orgId) && (await tracked(tx, orgId, invoice.id)))
        await enqueueOperation(tx, orgId, payment.amount > 0 ? OpKind.PUSH_PAYMENT : OpKind.PUSH_REFUND, payment.id);
    }
  });

  // A payment recorded by hand by mistake, voided by staff: its QuickBooks Payment is voided as well (after
  // its push, if that still waits). Money recorded from QuickBooks is voided there, never here, and a void
  // that came from QuickBooks (its adjustment's source) is there already.
  events.on('payment.voided', async ({ orgId, invoice, payment, adjustment }, tx) => {
    const fromBooks = payment.source === PaymentSource.QUICKBOOKS || adjustment.source === PaymentSource.QUICKBOOKS;
    if (fromBooks || !(await isConnected(tx, orgId))) return;
    if (await tracked(tx, orgId, invoice.id)) await enqueueOperation(tx, orgId, OpKind.VOID_PAYMENT, payment.id);
  });

  // A refund that failed at its provider after it was booked: its refund receipt goes (money taken in
  // QuickBooks is refunded there, and never came through here).
  events.on('payment.refund-reversed', async ({ orgId, invoice, refund }, tx) => {
    if (refund.source === PaymentSource.QUICKBOOKS || !(await isConnected(tx, orgId))) return;
    if (await tracked(tx, orgId, invoice.id)) await enqueueOperation(tx, orgId, OpKind.DELETE_REFUND, refund.id);
  });

  // A Stripe payout reached the bank: a Deposit of its net from the clearing account (mapping permitting).
  events.on('stripe.payout-paid', async ({ orgId, payout }, tx) => {
    if (!(await isConnected(tx, orgId))) return;
    const { stripePayoutId, amount, currency, arrivalDate, lines } = payout;
    await enqueueOperation(tx, orgId, OpKind.PUSH_DEPOSIT, payout.id, {
      payload: { stripePayoutId, amount, currency, arrivalDate, lines },
    });
  });

  // The bank returned a payout Settle had recorded paid: its Deposit goes (the money is back in the Stripe
  // balance, so in the clearing account or Undeposited Funds, where it never left in the books).
  events.on('stripe.payout-failed', async ({ orgId, payout }, tx) => {
    if (!payout.wasPaid || !(await isConnected(tx, orgId))) return;
    await enqueueOperation(tx, orgId, OpKind.DELETE_DEPOSIT, payout.id, {
      payload: { stripePayoutId: payout.stripePayoutId },
    });
  });

  // Stripe's dispute fee (version 1), and its return when the dispute is won (version 2): once each.
  events.on('stripe.dispute-fee', async ({ orgId, dispute }, tx) => {
    if (!(await isConnected(tx, orgId))) return;
    const { id, charge, currency, charged, returned, chargedAt, returnedAt } = dispute;
    await enqueueOperation(tx, orgId, OpKind.STRIPE_DISPUTE_FEE, id, {
      payload: { charge, currency, fee: charged, at: chargedAt ?? null },
    });
    if (returned > 0)
      await enqueueOperation(tx, orgId, OpKind.STRIPE_DISPUTE_FEE, id, {
        version: 2,
        payload: { charge, currency, fee: returned, at: returnedAt ?? null },
      });
  });

  events.on('credit-memo.issued', async ({ orgId, invoice, creditMemo, purpose }, tx) => {
    if (!(await isConnected(tx, orgId)) || !(await tracked(tx, orgId, invoice.id))) return;
    // Client credit spent on this invoice is not a new credit in the books: the credit it spends is
    // already there (a CreditMemo). It is booked as a Payment of 0 applying that credit to the invoice.
    // A discount on an open invoice is applied to it there too, so its Pay Now asks for Settle's balance
    // (a memo that goes with a refund is not: QuickBooks' invoice never saw the money go back).
    const applyToInvoice = purpose === CreditMemoPurpose.CREDIT && !creditMemo.returnsPaid;
    await enqueueOperation(
      tx,
      orgId,
      purpose === CreditMemoPurpose.CLIENT_CREDIT_APPLIED ? OpKind.APPLY_CLIENT_CREDIT : OpKind.PUSH_CREDIT_MEMO,
      creditMemo.id,
      applyToInvoice ? { payload: { applyToInvoice } } : {},
    );
    // A credit that settled an open invoice: QuickBooks does not apply the credit memo to the invoice, so
    // its Pay Now link would still ask for the old balance; it is turned off.
    if (invoice.status === InvoiceStatus.PAID && invoice.amountPaid < invoice.total) {
      await enqueueNewVersion(tx, orgId, OpKind.UPDATE_INVOICE, invoice.id);
    }
  });
}
