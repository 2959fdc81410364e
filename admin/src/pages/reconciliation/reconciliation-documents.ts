import { graphql } from '../../gql';

/** A run as the list of runs shows it; the full run includes it. */
export const ReconciliationRunSummaryFields = graphql(`
  fragment AdminReconciliationRunSummary on ReconciliationRun { id periodFrom periodTo trigger createdAt discrepancyCount }
`);

export const ReconciliationRunFields = graphql(`
  fragment AdminReconciliationRun on ReconciliationRun {
    ...AdminReconciliationRunSummary
    invoiceCount moneyCount systems
    stripeCalls quickBooksCalls durationMs csvUrl
    discrepancies {
      id type label systems invoiceId invoiceNumber subject currency
      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt
    }
  }
`);

export const ReconciliationRunsQuery = graphql(`
  query AdminReconciliationRuns {
    reconciliationRuns(first: 10) { nodes { ...AdminReconciliationRunSummary } }
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
      nodes {
        ...AdminReconciliationRunSummary
        openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)
      }
    }
  }
`);
