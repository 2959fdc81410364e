import { graphql } from '../../gql';

export const BillingSettingsFields = graphql(`
  fragment AdminBillingSettings on BillingSettings {
    clientId autoBilling autoBillingSince invoiceGraceHours review sendMethod overridden
  }
`);

export const BillingSettingsQuery = graphql(`
  query AdminBillingSettings($clientId: ID) { billingSettings(clientId: $clientId) { ...AdminBillingSettings } }
`);

export const UpdateBillingSettingsMutation = graphql(`
  mutation AdminUpdateBillingSettings($input: BillingSettingsInput!) {
    updateBillingSettings(input: $input) { ...AdminBillingSettings }
  }
`);

export const UpcomingBillingQuery = graphql(`
  query AdminUpcomingBilling($days: Int!) {
    upcomingBilling(days: $days) {
      clientId clientName billDate billAt currency recurringAmount unbilledMinutes problem
    }
  }
`);

export const BillingRunsQuery = graphql(`
  query AdminBillingRuns($first: Int!, $clientId: ID) {
    billingRuns(first: $first, clientId: $clientId) {
      nodes { id clientId billDate status total invoiceId message attempts updatedAt }
    }
  }
`);

export const RunBillingNowMutation = graphql(`
  mutation AdminRunBillingNow { runBillingNow }
`);
