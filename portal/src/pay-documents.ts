import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';

/**
 * The online-payment part of the API (Invoice.payable, allowPartialPayment, lastPaymentError,
 * Mutation.startInvoicePayment) is being added by the Stripe integration. Until it is in
 * schema/schema.graphql these documents are typed by hand and parsed at runtime (codegen would reject
 * them); once it lands they move to `graphql()` in documents.ts. Where the fields are missing the query
 * fails validation and the pay panel simply stays hidden.
 */
export interface PayState {
  invoice: { __typename?: 'Invoice'; id: string; payable: boolean; allowPartialPayment: boolean; lastPaymentError: string | null };
}

export const PayStateQuery: TypedDocumentNode<PayState, { id: string }> = parse(`
  query PortalInvoicePayState($id: ID!) {
    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }
  }
`);

export const StartPaymentMutation: TypedDocumentNode<{ startInvoicePayment: { url: string; expiresAt: string | null } }, { invoiceId: string; amount: number | null }> = parse(`
  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {
    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }
  }
`);
