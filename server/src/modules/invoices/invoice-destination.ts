import { describedEnum } from '../../graphql/described-enum.js';

/** Where a finalized invoice goes when it is sent. */
export const InvoiceDestination = describedEnum('InvoiceDestination', 'Where an invoice goes when it is sent.', {
  EMAIL: 'Settle emails it to the client with its portal link (and pay link).',
  STRIPE: 'A Stripe invoice or Checkout link is made for it (needs Stripe connected).',
  QUICKBOOKS: 'It is pushed to QuickBooks Online (needs QuickBooks connected).',
});
export type InvoiceDestination = keyof typeof InvoiceDestination;
