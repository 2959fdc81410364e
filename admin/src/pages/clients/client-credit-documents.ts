import { graphql } from '../../gql';

/** Whether a client's credit is applied to its invoices on its own; the query and the update select the same. */
export const ClientCreditSettingsFragment = graphql(`
  fragment AdminClientCreditSettings on ClientCreditSettings { clientId applyCreditAutomatically overridden }
`);

export const ClientCreditQuery = graphql(`
  query AdminClientCredit($id: ID!) {
    client(id: $id) {
      id name currency
      creditBalance { currency amount }
      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }
    }
    clientCreditSettings(clientId: $id) { ...AdminClientCreditSettings }
    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {
      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }
    }
  }
`);

export const ApplyClientCreditMutation = graphql(`
  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money, $idempotencyKey: String) {
    applyClientCredit(invoiceId: $invoiceId, amount: $amount, idempotencyKey: $idempotencyKey) {
      entry { id amount }
      invoice { id status displayStatus balanceDue amountCredited creditApplied }
    }
  }
`);

export const UpdateClientCreditSettingsMutation = graphql(`
  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {
    updateClientCreditSettings(input: $input) { ...AdminClientCreditSettings }
  }
`);
