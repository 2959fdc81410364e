import { registerDescribedEnum } from '../../graphql/described-enum.js';

/**
 * What an email is about. Stored as the value (lower case, as the outbox has always kept it); the API
 * shows the name.
 */
export enum EmailKind {
  INVOICE = 'invoice',
  INVOICE_REMINDER = 'invoice-reminder',
  PAYMENT_CONFIRMATION = 'payment_confirmation',
  PAYMENT_FAILED = 'payment_failed',
  AUTOPAY_FAILED = 'autopay_failed',
  PAYMENT_EXCEPTION = 'payment_exception',
  REFUND_FAILED = 'refund_failed',
  PAYMENT_STALLED = 'payment_stalled',
  PORTAL_INVITE = 'portal_invite',
  MAGIC_LINK = 'magic_link',
  PASSWORD_RESET = 'password_reset',
  RECONCILIATION = 'reconciliation',
  WEBHOOK_ENDPOINT_DISABLED = 'webhook_endpoint_disabled',
  PAYOUT_FAILED = 'payout_failed',
}
/** Any stored kind, written as its value (`'invoice'`): what modules pass when they queue an email. */
export type EmailKindValue = `${EmailKind}`;

registerDescribedEnum(EmailKind, 'EmailKind', 'What an email is about.', {
  INVOICE: 'An invoice sent to the client, with its portal and pay links.',
  INVOICE_REMINDER: 'A payment reminder before or after the due date.',
  PAYMENT_CONFIRMATION: 'A receipt for a payment received.',
  PAYMENT_FAILED: 'An online payment attempt failed.',
  AUTOPAY_FAILED: 'An automatic charge of the saved payment method failed.',
  PAYMENT_EXCEPTION: 'Staff notice: money arrived where it should not.',
  REFUND_FAILED: 'Staff notice: a refund the provider had accepted failed later; the money was not given back.',
  PAYMENT_STALLED:
    'Staff notice: a bank debit is still processing at the provider long past when it should have settled.',
  PORTAL_INVITE: 'An invitation to the client portal.',
  MAGIC_LINK: 'A sign-in link to the client portal.',
  PASSWORD_RESET: 'A link for a staff user to choose a new admin app password (single use, 30 minutes).',
  RECONCILIATION: 'Staff notice: the reconciliation run found discrepancies.',
  WEBHOOK_ENDPOINT_DISABLED: 'Admin notice: a webhook endpoint failed for 3 days and was disabled.',
  PAYOUT_FAILED: 'Staff notice: the bank returned a Stripe payout; the money is back in the Stripe balance.',
});
