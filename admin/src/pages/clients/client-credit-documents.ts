import { graphql } from '../../gql';

export const ClientCreditQuery = graphql(`
  query AdminClientCredit($id: ID!) {
    client(id: $id) {
      id name currency
      creditBalance { currency amount }
      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }
    }
    clientCreditSettings(clientId: $id) { clientId applyCreditAutomatically overridden }
    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {
      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }
    }
  }
`);

export const ApplyClientCreditMutation = graphql(`
  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money) {
    applyClientCredit(invoiceId: $invoiceId, amount: $amount) {
      entry { id amount }
      invoice { id status displayStatus balanceDue amountCredited creditApplied }
    }
  }
`);

export const UpdateClientCreditSettingsMutation = graphql(`
  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {
    updateClientCreditSettings(input: $input) { clientId applyCreditAutomatically overridden }
  }
`);
