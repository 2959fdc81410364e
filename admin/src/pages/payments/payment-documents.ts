import { graphql } from '../../gql';

/**
 * One page of payments received (or refunded), newest received first as a bank statement reads (a check
 * recorded late sits at its date), with what a row and the CSV show of each; the page also asks for the
 * totals of every payment matched (summed by the server), which the CSV's pages do not need.
 */
export const PaymentsQuery = graphql(`
  query AdminPayments(
    $first: Int!
    $after: String
    $clientId: ID
    $received: DateRangeInput
    $kind: PaymentKind
    $withTotals: Boolean! = false
  ) {
    payments(
      first: $first
      after: $after
      clientId: $clientId
      received: $received
      kind: $kind
      orderBy: RECEIVED_NEWEST
    ) {
      totalCount
      totals @include(if: $withTotals) { currency amount count }
      pageInfo { ...AdminPageInfo }
      nodes {
        id kind source method amount currency receivedOn reference voided
        invoice { id number }
        client { id name }
      }
    }
  }
`);
