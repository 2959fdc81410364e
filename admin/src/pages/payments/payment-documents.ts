import { graphql } from '../../gql';

/** One page of payments received (or refunded), with what a row and the CSV show of each. */
export const PaymentsQuery = graphql(`
  query AdminPayments(
    $first: Int!
    $after: String
    $clientId: ID
    $received: DateRangeInput
    $kind: PaymentKind
  ) {
    payments(first: $first, after: $after, clientId: $clientId, received: $received, kind: $kind) {
      totalCount
      pageInfo { ...AdminPageInfo }
      nodes {
        id kind source method amount currency receivedOn reference voided
        invoice { id number }
        client { id name }
      }
    }
  }
`);
