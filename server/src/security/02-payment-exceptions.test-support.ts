// Test support (not a test file): the payment-exception queries and the exception rows as the security
// suite's point-2 tests (02-payment-exception*.test.ts) read them.
import type { StripeWorld } from '../modules/stripe/stripe-test-kit.js';

export const EXCEPTIONS = `query($status:[PaymentExceptionStatus!]){paymentExceptions(status:$status){nodes{
  id kind status amount currency source providerPaymentId resolutionNote refundPaymentId resolvedBy resolvedAt
  invoice{id number status} payment{id amount externalId}}}}`;
export const REFUND = `mutation($id:ID!,$note:String){refundPaymentException(id:$id,note:$note){id status refundPaymentId resolvedBy resolutionNote}}`;
export const DISMISS = `mutation($id:ID!,$reason:String!){dismissPaymentException(id:$id,reason:$reason){id status resolutionNote resolvedBy}}`;

/** The payment_exceptions rows of an invoice, read from `w`'s database. */
export const exceptionRowsIn = (w: StripeWorld) => (orgId: string, invoiceId: string) =>
  w.settle.container.db.query(
    `SELECT id, kind, status, amount::int AS amount, payment_id FROM payment_exceptions WHERE org_id = $1 AND invoice_id = $2`,
    [orgId, invoiceId],
  );
