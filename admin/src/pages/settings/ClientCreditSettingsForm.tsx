import { Switch, Text } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { notifyOnFailure } from '../../lib/actions';
import { useViewer } from '../../lib/role';

const OrgCreditSettingsQuery = graphql(`
  query AdminOrgCreditSettings {
    clientCreditSettings { ...AdminClientCreditSettings }
  }
`);

const UpdateOrgCreditSettings = graphql(`
  mutation AdminUpdateOrgCreditSettings($on: Boolean!) {
    updateClientCreditSettings(input: { applyCreditAutomatically: $on }) { ...AdminClientCreditSettings }
  }
`);

/** The organization's default: whether a client's credit is spent on its new invoices as they are finalized. */
export function ClientCreditSettingsForm() {
  const query = useQuery(OrgCreditSettingsQuery);
  const [update, { loading }] = useMutation(UpdateOrgCreditSettings, { refetchQueries: [OrgCreditSettingsQuery] });
  const { can } = useViewer();
  const on = query.data?.clientCreditSettings.applyCreditAutomatically ?? false;
  return (
    <>
      <Switch
        label="Apply client credit to new invoices automatically"
        description="When an invoice is finalized, the client's credit in its currency lowers its balance at once. A client can have its own choice (Clients → Credit)."
        checked={on}
        disabled={!query.data || loading || !can('ADMIN')}
        onChange={(e) => void notifyOnFailure(() => update({ variables: { on: e.currentTarget.checked } }))}
      />
      {!can('ADMIN') && (
        <Text size="xs" c="dimmed" mt="xs">
          Only admins change this.
        </Text>
      )}
    </>
  );
}
