import { graphql } from '../../gql';

/** The policy in effect for the org or one client; saving and clearing return it as the form reads it. */
export const ReminderPolicyFragment = graphql(`
  fragment AdminReminderPolicy on EffectiveReminderPolicy { clientId enabled offsets source inherited }
`);

export const ReminderPolicyQuery = graphql(`
  query AdminReminderPolicy($clientId: ID) {
    reminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }
  }
`);

export const SetReminderPolicyMutation = graphql(`
  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {
    setReminderPolicy(input: $input) { ...AdminReminderPolicy }
  }
`);

export const ClearClientReminderPolicyMutation = graphql(`
  mutation AdminClearClientReminderPolicy($clientId: ID!) {
    clearClientReminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }
  }
`);
