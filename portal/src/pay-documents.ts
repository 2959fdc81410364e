import { graphql } from './gql';

/**
 * Online payment (Stripe): whether the invoice can be paid now, whether part of the balance may be
 * paid, why the last attempt failed, and the Checkout redirect.
 */
export const PayStateQuery = graphql(`
  query PortalInvoicePayState($id: ID!) {
    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }
  }
`);

export const StartPaymentMutation = graphql(`
  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {
    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }
  }
`);
