import { graphql } from '../../gql';

export const ReconciliationRunFields = graphql(`
  fragment AdminReconciliationRun on ReconciliationRun {
    id periodFrom periodTo trigger createdAt discrepancyCount invoiceCount moneyCount systems
    stripeCalls quickBooksCalls durationMs csvUrl
    discrepancies {
      id type label systems invoiceId invoiceNumber subject currency
      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt
    }
  }
`);

export const ReconciliationRunsQuery = graphql(`
  query AdminReconciliationRuns {
    reconciliationRuns(first: 10) { id periodFrom periodTo createdAt discrepancyCount trigger }
  }
`);

export const ReconciliationRunQuery = graphql(`
  query AdminReconciliationRun($id: ID!) {
    reconciliationRun(id: $id) { ...AdminReconciliationRun }
  }
`);

export const RunReconciliationMutation = graphql(`
  mutation AdminRunReconciliation($period: PeriodInput!) {
    runReconciliation(period: $period) { ...AdminReconciliationRun }
  }
`);

export const FixDiscrepancyMutation = graphql(`
  mutation AdminFixReconciliationDiscrepancy($id: ID!) {
    fixReconciliationDiscrepancy(id: $id) { id status fixResult fixedAt }
  }
`);

/** The latest run, for the integrations page's "QuickBooks agrees" line. */
export const LatestReconciliationQuery = graphql(`
  query AdminLatestReconciliation {
    reconciliationRuns(first: 1) {
      id periodFrom periodTo createdAt
      openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)
    }
  }
`);
