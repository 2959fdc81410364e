// Test support (not a test file): what the reminder sweep tests read and stub, on one TestSettle.
import { expect } from 'vitest';
import type { TestSettle } from '../../../test/harness.js';
import { REMINDERS_OF_INVOICE } from './reminders.test-support.js';

export const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { invoice { status balanceDue } } }`;

/** The sweep tests' helpers on `s`. */
export function sweepHelpers(s: TestSettle) {
  /** The invoices' reminder emails, oldest first, as stored. */
  async function reminderEmailIds(invoiceIds: string[]) {
    const rows = (await s.container.db.query(
      `SELECT id, related_id, status, error FROM emails WHERE kind = 'invoice-reminder' AND related_id = ANY($1::uuid[])
      ORDER BY created_at, id`,
      [invoiceIds],
    )) as Array<{ id: string; related_id: string; status: string; error: string | null }>;
    return rows.sort((a, b) => invoiceIds.indexOf(a.related_id) - invoiceIds.indexOf(b.related_id));
  }

  const recordedOf = async (invoiceId: string) =>
    (await s.container.db.query(
      `SELECT offset_days, status FROM invoice_reminders WHERE invoice_id = $1 ORDER BY offset_days`,
      [invoiceId],
    )) as Array<{ offset_days: number; status: string }>;

  /**
   * A payment provider with a payment of `invoiceId` under way (what a processing autopay debit is to
   * Stripe's), until `lift`; the real Stripe case is in reminders-in-flight.test.ts.
   */
  function holdPayments(invoiceId: string) {
    const providers = s.container.paymentProviders;
    const original = providers.paymentUnderWay.bind(providers);
    let on = true;
    providers.paymentUnderWay = async (tx, orgId, id) =>
      on && id === invoiceId ? 'A payment of the invoice is under way through Test Pay' : original(tx, orgId, id);
    return {
      lift: () => (on = false),
      restore: () => (providers.paymentUnderWay = original),
    };
  }

  async function remindersVia(token: string, id: string) {
    const r = await s.gql(REMINDERS_OF_INVOICE, { id }, token);
    expect(r.errors).toBeUndefined();
    return r.data.invoice.reminders as Array<{
      offsetDays: number;
      status: string;
      reason: string | null;
      plannedFor: string;
    }>;
  }

  return { reminderEmailIds, recordedOf, holdPayments, remindersVia };
}
