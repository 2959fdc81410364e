import { graphql } from '../../gql';

export const PaymentExceptionFields = graphql(`
  fragment AdminPaymentException on PaymentException {
    id kind status amount currency source providerPaymentId resolutionNote resolvedBy resolvedAt createdAt
    invoice { id number status client { id name } }
    payment { id amount method receivedOn }
  }
`);

export const PaymentExceptionsQuery = graphql(`
  query AdminPaymentExceptions($status: [PaymentExceptionStatus!]) {
    paymentExceptions(status: $status, first: 200) { nodes { ...AdminPaymentException } }
  }
`);

export const RefundPaymentExceptionMutation = graphql(`
  mutation AdminRefundPaymentException($id: ID!, $note: String) {
    refundPaymentException(id: $id, note: $note) { ...AdminPaymentException }
  }
`);

export const DismissPaymentExceptionMutation = graphql(`
  mutation AdminDismissPaymentException($id: ID!, $reason: String!) {
    dismissPaymentException(id: $id, reason: $reason) { ...AdminPaymentException }
  }
`);

export const KeepPaymentExceptionAsCreditMutation = graphql(`
  mutation AdminKeepPaymentExceptionAsCredit($id: ID!) {
    keepPaymentExceptionAsCredit(id: $id) { ...AdminPaymentException }
  }
`);
