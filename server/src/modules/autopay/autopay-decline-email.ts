import { formatMoney } from '../../platform/money.js';
import { todayIn } from '../../platform/time-zone.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { orgContact } from '../organizations/org-contact.js';

/**
 * The email telling a client an automatic payment did not go through: why (a refusal's own message is for
 * staff, never the client), when it is tried again, and links to pay now and to update the saved method.
 * An archived client's autopay still charges what it already owes (it agreed to it), but its people cannot
 * sign in to the portal page where saved methods change (`updateUrl` null): they are told whom to ask instead.
 */
export function declineEmail(
  invoice: Invoice,
  to: string,
  decline: { code: string; message: string },
  next: Date | null,
  refusal: boolean,
  links: { payUrl: string; updateUrl: string | null },
  /** Its name and billing email (whom to ask), and its time zone: the retry's date as the client's calendar says it. */
  org: { name: string; billingEmail?: string | null; timeZone: string },
) {
  const amount = formatMoney(invoice.balanceDue, invoice.currency);
  const retry = next
    ? `We will try again on ${todayIn(org.timeZone, next)}.`
    : 'We will not try this payment method again for this invoice.';
  const reason =
    decline.code === 'authentication_required'
      ? 'your bank asked for authentication'
      : refusal
        ? 'your saved payment method could not be charged'
        : decline.message;
  const text = [
    `The automatic payment of ${amount} for invoice ${invoice.number} did not go through: ${reason}.`,
    retry,
    `Pay now: ${links.payUrl}`,
    links.updateUrl
      ? `Update your payment method: ${links.updateUrl}`
      : `To change the payment method on file, please contact ${orgContact(org)}.`,
  ].join('\n\n');
  return {
    kind: 'autopay_failed' as const,
    to,
    subject: `Automatic payment failed for invoice ${invoice.number}`,
    text,
    html: text
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p).replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')}</p>`)
      .join(''),
    relatedId: invoice.id,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
