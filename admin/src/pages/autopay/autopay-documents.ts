import { graphql } from '../../gql';

export const AutopayAttemptsQuery = graphql(`
  query AdminAutopayAttempts($clientId: ID, $invoiceId: ID) {
    quickBooksConnection { status }
    autopayAttempts(clientId: $clientId, invoiceId: $invoiceId) {
      id invoiceId invoiceNumber attemptNo attemptedAt amount currency methodBrand methodLast4
      outcome declineCode message nextRetryAt
    }
  }
`);
