import { useState } from 'react';
import { Badge, Button, Card, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { apiError } from '@settle/web-kit/errors';
import type { AdminTeamUserFragment, Role } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ListState, listOf } from '../../components/QueryState';
import { useViewer } from '../../lib/role';
import { AddUserModal } from './AddUserModal';
import { SetUserEnabledMutation, TeamQuery, UpdateUserMutation } from './team-documents';
import { ROLES, roleLabel, rolesGivenBy } from './team-roles';

/**
 * The org's staff: who they are, what they may do, whether they can sign in. Owners and admins add
 * people, change roles and cut access (a disable ends the person's sessions at once). Each person is a
 * row that wraps on a phone rather than a table wider than the screen.
 */
export default function TeamPage() {
  const viewer = useViewer();
  const query = useQuery(TeamQuery);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<AdminTeamUserFragment | null>(null);
  const people = listOf(query, (d) => d.users);
  return (
    <>
      <PageHeader
        title="Team"
        description="The people who sign in to this admin app, and what each may do."
        actions={<Button onClick={() => setAdding(true)}>Add user</Button>}
      />
      <Card withBorder>
        <ListState {...people} empty="Nobody here yet.">
          {(users) => (
            <Stack gap="sm">
              {users.length === 1 && (
                <Text size="sm" c="dimmed" data-testid="team-alone">
                  Only you so far. Add the people who work with you: each signs in with their own email and password, so
                  you can see who did what and cut one person off without changing anyone else's password.
                </Text>
              )}
              {users.map((u) => (
                <TeamRow key={u.id} user={u} viewer={viewer} onAccess={() => setConfirming(u)} />
              ))}
            </Stack>
          )}
        </ListState>
        <Text size="xs" c="dimmed" mt="md">
          {ROLES.map((r) => `${r.label}: ${r.description}`).join(' ')}
        </Text>
      </Card>
      <AddUserModal opened={adding} onClose={() => setAdding(false)} />
      {confirming && (
        <ConfirmModal
          opened
          onClose={() => setConfirming(null)}
          title={confirming.disabled ? `Enable ${confirming.name}?` : `Disable ${confirming.name}?`}
          mutation={SetUserEnabledMutation}
          variables={{ id: confirming.id, enabled: confirming.disabled }}
          done={{ message: `${confirming.disabled ? 'Enabled' : 'Disabled'} ${confirming.email}` }}
          action={confirming.disabled ? 'Enable' : 'Disable'}
          color={confirming.disabled ? undefined : 'red'}
        >
          {confirming.disabled
            ? `${confirming.name} (${confirming.email}) can sign in again with their password, and the API tokens they made work again.`
            : `This ends their sessions at once: ${confirming.name} (${confirming.email}) is signed out on every device, their open pages stop updating, and the API tokens they made stop working. They cannot sign in until you enable them.`}
        </ConfirmModal>
      )}
    </>
  );
}

function TeamRow({
  user: u,
  viewer,
  onAccess,
}: {
  user: AdminTeamUserFragment;
  viewer: ReturnType<typeof useViewer>;
  onAccess: () => void;
}) {
  const [update, { loading }] = useMutation(UpdateUserMutation);
  const [error, setError] = useState<string | null>(null);
  const self = u.id === viewer.userId;
  // What the server would refuse is not offered: an owner's row to an admin, one's own role or access.
  const manageable = !self && (viewer.role === 'OWNER' || u.role !== 'OWNER');
  const choices = rolesGivenBy(viewer.role);
  const options = (
    choices.some((r) => r.value === u.role) ? choices : [...ROLES.filter((r) => r.value === u.role)]
  ).map((r) => ({ value: r.value, label: r.label }));

  async function setRole(role: Role) {
    if (role === u.role) return;
    setError(null);
    try {
      await update({ variables: { id: u.id, input: { role } } });
      notifications.show({ message: `${u.name} is now ${roleLabel(role)}` });
    } catch (err) {
      setError(apiError(err).message);
    }
  }

  return (
    <Paper withBorder p="sm" data-testid="team-member" data-email={u.email}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 12rem' }}>
          <Group gap="xs">
            <Text fw={600}>{u.name}</Text>
            {self && (
              <Badge variant="outline" size="sm">
                You
              </Badge>
            )}
            <Badge color={u.disabled ? 'red' : 'green'} variant="light" size="sm" data-testid="team-status">
              {u.disabled ? 'Disabled' : 'Active'}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {u.email}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label={`Role of ${u.name}`}
            w={140}
            size="xs"
            data={options}
            value={u.role}
            allowDeselect={false}
            disabled={!manageable || loading}
            onChange={(v) => v && void setRole(v as Role)}
            error={error}
          />
          {manageable && (
            <Button
              size="xs"
              variant="subtle"
              color={u.disabled ? undefined : 'red'}
              aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}
              onClick={onAccess}
            >
              {u.disabled ? 'Enable' : 'Disable'}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
