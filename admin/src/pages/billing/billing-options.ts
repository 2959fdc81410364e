import type { BillingReview, BillingSendMethod } from '../../gql/graphql';

/** The billing settings' choices in words (the API's enum descriptions, shortened for a select). */
/** A billing setting's choice: its label on forms, its short name in the client panel, what it does. */
export interface BillingOption<V extends string> {
  value: V;
  label: string;
  short: string;
  description: string;
}

export const REVIEW_OPTIONS: BillingOption<BillingReview>[] = [
  {
    value: 'DRAFT',
    short: 'drafts',
    label: 'Keep as drafts for review',
    description: 'Generated invoices wait as drafts for someone to review and send them.',
  },
  {
    value: 'AUTO_SEND',
    short: 'send at once',
    label: 'Finalize and send at once',
    description: 'Generated invoices are finalized and sent without review.',
  },
];

export const SEND_METHOD_OPTIONS: BillingOption<BillingSendMethod>[] = [
  {
    value: 'EMAIL',
    short: 'email',
    label: 'Email',
    description: "Settle emails the invoice with its PDF, and your pay link unless the client's emails go without one.",
  },
  {
    value: 'CHECKOUT_LINK',
    short: 'Checkout link',
    label: 'Email with Checkout link',
    description: 'Settle emails the invoice with a Stripe Checkout link to pay it, whatever the pay-link settings say.',
  },
  {
    value: 'AUTO_CHARGE',
    short: 'charge',
    label: 'Charge saved payment method',
    description: "Charged to the client's saved payment method when autopay is on; emailed with a pay link otherwise.",
  },
  {
    value: 'STRIPE_HOSTED_INVOICE',
    short: 'Stripe hosted',
    label: 'Stripe hosted invoice',
    description: 'Also opens the Stripe hosted invoice, and Settle emails its link.',
  },
  {
    value: 'QUICKBOOKS_EMAIL',
    short: 'QuickBooks',
    label: 'QuickBooks and email',
    description: 'The invoice goes to QuickBooks and Settle emails it.',
  },
];

export const BILLING_LABELS = {
  autoBilling: 'Automatic billing',
  invoiceGraceHours: 'Grace period (hours)',
  review: 'Review',
  sendMethod: 'Send method',
};

/** A choice's short name, for the narrow client panel ("drafts", "email"). */
export const shortOf = <V extends string>(options: Array<{ value: V; short: string }>, value: V) =>
  options.find((o) => o.value === value)?.short ?? value;

/** Grace hours as typed: a whole number from 0 to 720 (30 days), or the reason it is not. */
export function parseGraceHours(text: string): { ok: true; hours: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) > 720)
    return { ok: false, error: 'Grace period must be whole hours from 0 to 720, e.g. 24' };
  return { ok: true, hours: Number(t) };
}

/** A client's setting that follows the organization's: the value its select holds for "use the default". */
export const DEFAULT_CHOICE = 'default';

/** A client's choices with the organization's own first (`orgValue`, in words), as "Use organization default". */
export const withOrgDefault = (orgValue: string, options: Array<{ value: string; label: string }>) => [
  { value: DEFAULT_CHOICE, label: `Use organization default (${orgValue})` },
  ...options,
];
