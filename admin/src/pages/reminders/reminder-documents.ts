import { graphql } from '../../gql';

export const ReminderPolicyQuery = graphql(`
  query AdminReminderPolicy($clientId: ID) {
    reminderPolicy(clientId: $clientId) { clientId enabled offsets source inherited }
  }
`);

export const SetReminderPolicyMutation = graphql(`
  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {
    setReminderPolicy(input: $input) { clientId enabled offsets source inherited }
  }
`);

export const ClearClientReminderPolicyMutation = graphql(`
  mutation AdminClearClientReminderPolicy($clientId: ID!) {
    clearClientReminderPolicy(clientId: $clientId) { clientId enabled offsets source inherited }
  }
`);
