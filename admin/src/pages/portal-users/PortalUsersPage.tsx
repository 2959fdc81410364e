import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { ListTable, listOf } from '../../components/QueryState';
import { ClientSelect, useClientOptions } from '../../components/ClientSelect';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { formatDateTime } from '@settle/web-kit/dates';
import { FormError } from '../../components/FormError';
import { notifyOnFailure } from '../../lib/actions';

export const PortalUserFields = graphql(`
  fragment AdminPortalUser on PortalUser { id name email clientId invitedAt acceptedAt disabled }
`);

const PortalUsersQuery = graphql(`
  query AdminPortalUsers($clientId: ID) { portalUsers(clientId: $clientId) { ...AdminPortalUser } }
`);

const InviteMutation = graphql(`
  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {
    invitePortalUser(input: $input) { ...AdminPortalUser }
  }
`);

/** Enables the user when `enabled`, otherwise disables them: the row's one Enable/Disable button, one document. */
const SetPortalUserEnabled = graphql(`
  mutation AdminSetPortalUserEnabled($id: ID!, $enabled: Boolean!) {
    enablePortalUser(id: $id) @include(if: $enabled) { ...AdminPortalUser }
    disablePortalUser(id: $id) @skip(if: $enabled) { ...AdminPortalUser }
  }
`);

export default function PortalUsersPage() {
  const [clientId, setClientId] = useState<string | null>(null);
  const [inviting, setInviting] = useState<{ clientId: string | null; name: string; email: string } | null>(null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const { clients } = useClientOptions();
  const query = useQuery(PortalUsersQuery, { variables: { clientId } });
  const [invite, inviteState] = useMutation(InviteMutation);
  const [setEnabled, setEnabledState] = useMutation(SetPortalUserEnabled);
  const clientName = (id: string) => clients.find((c) => c.id === id)?.name ?? '…';

  async function sendInvite(input: { clientId: string | null; name: string; email: string }, resend = false) {
    setFailure(null);
    try {
      await invite({
        variables: { input: { clientId: input.clientId ?? '', name: input.name.trim(), email: input.email.trim() } },
      });
      notifications.show({
        color: 'green',
        message: `${resend ? 'Invitation sent again to' : 'Invited'} ${input.email}`,
      });
      setInviting(null);
      await query.refetch();
    } catch (err) {
      if (resend) notifications.show({ color: 'red', message: apiError(err).message });
      else setFailure(apiError(err));
    }
  }

  /** Cuts a person off (sessions end at once) or lets them back in, after the admin confirms. */
  async function setAccess(u: { id: string; name: string; email: string; disabled: boolean }) {
    const question = u.disabled
      ? `Enable ${u.name} (${u.email})? They can sign in to the portal again.`
      : `Disable ${u.name} (${u.email})? They are signed out of the portal at once and cannot sign in until enabled.`;
    if (!window.confirm(question)) return;
    await notifyOnFailure(async () => {
      await setEnabled({ variables: { id: u.id, enabled: u.disabled } });
      notifications.show({ message: `${u.disabled ? 'Enabled' : 'Disabled'} ${u.email}` });
    });
  }

  const f = failure?.fields ?? {};
  return (
    <>
      <PageHeader
        title="Portal users"
        description="Client contacts who can see and pay their invoices."
        actions={<Button onClick={() => setInviting({ clientId, name: '', email: '' })}>Invite</Button>}
      />
      <Card withBorder>
        <Group mb="md">
          <div style={{ width: 280 }}>
            <ClientSelect value={clientId} onChange={setClientId} />
          </div>
        </Group>
        <ListTable
          {...listOf(query, (d) => d.portalUsers)}
          empty="No portal users yet. Invite a client contact."
          columns={['Name', 'Email', 'Client', 'Status', '']}
          row={(u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.name}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>{clientName(u.clientId)}</Table.Td>
              <Table.Td>
                {u.disabled ? (
                  <Badge color="red" variant="light">
                    Disabled
                  </Badge>
                ) : u.acceptedAt ? (
                  <Badge color="green" variant="light">
                    Active
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light" title={`Invited ${formatDateTime(u.invitedAt)}`}>
                    Invited
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {!u.acceptedAt && !u.disabled && (
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={inviteState.loading}
                      onClick={() => void sendInvite({ clientId: u.clientId, name: u.name, email: u.email }, true)}
                    >
                      Resend
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="subtle"
                    color={u.disabled ? undefined : 'red'}
                    loading={setEnabledState.loading}
                    aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}
                    onClick={() => void setAccess(u)}
                  >
                    {u.disabled ? 'Enable' : 'Disable'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Card>
      {inviting && (
        <Modal opened onClose={() => setInviting(null)} title="Invite a portal user">
          <Stack>
            <FormError failure={failure} fields={['clientId', 'email', 'name']} />
            <ClientSelect
              label="Client"
              placeholder="Pick a client"
              required
              clearable={false}
              value={inviting.clientId}
              onChange={(v) => setInviting({ ...inviting, clientId: v })}
              error={f.clientId}
            />
            <TextInput
              label="Name"
              required
              value={inviting.name}
              onChange={(e) => setInviting({ ...inviting, name: e.currentTarget.value })}
              error={f.name}
            />
            <TextInput
              label="Email"
              type="email"
              required
              value={inviting.email}
              onChange={(e) => setInviting({ ...inviting, email: e.currentTarget.value })}
              error={f.email}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setInviting(null)}>
                Cancel
              </Button>
              <Button loading={inviteState.loading} onClick={() => void sendInvite(inviting)}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
