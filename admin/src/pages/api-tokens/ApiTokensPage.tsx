import { useState } from 'react';
import { Alert, Badge, Button, Card, Code, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { ListTable, listOf } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import type { ApiTokenScope } from '../../gql/graphql';
import { notifyOnFailure, useFormFailure } from '../../lib/actions';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { CopyValueButton } from '../../components/CopyValueButton';

/** Least first: READ is the default, as on the server. */
const SCOPES: Array<{ value: ApiTokenScope; label: string; description: string }> = [
  { value: 'READ', label: 'Read', description: 'Reads invoices, clients, payments and reports; changes nothing.' },
  {
    value: 'BILLING',
    label: 'Billing',
    description: 'What a billing user may do: invoices, payments, clients, time approval.',
  },
  {
    value: 'ADMIN',
    label: 'Admin',
    description:
      'Also organization, payment and webhook settings. Never tokens, users, or connecting Stripe/QuickBooks.',
  },
];
const scopeLabel = (s: ApiTokenScope) => SCOPES.find((x) => x.value === s)?.label ?? s;

export const ApiTokenFields = graphql(`
  fragment AdminApiToken on ApiToken { id name prefix scope actsAs createdAt lastUsedAt revokedAt }
`);

const TokensQuery = graphql(`
  query AdminApiTokens { apiTokens { ...AdminApiToken } }
`);

const CreateToken = graphql(`
  mutation AdminCreateApiToken($name: String!, $scope: ApiTokenScope!) {
    createApiToken(name: $name, scope: $scope) { token apiToken { ...AdminApiToken } }
  }
`);

const RevokeToken = graphql(`
  mutation AdminRevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt actsAs } }
`);

export default function ApiTokensPage() {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('READ');
  const [minted, setMinted] = useState<string | null>(null);
  const { failure, attempt } = useFormFailure({ name: 'Name', scope: 'Scope' });
  const query = useQuery(TokensQuery);
  const [create, createState] = useMutation(CreateToken);
  const [revoke] = useMutation(RevokeToken);

  async function submit() {
    await attempt(async () => {
      const res = await create({ variables: { name: name.trim(), scope } });
      // The secret exists only in this response: keep it in component state, never in the cache or storage.
      setMinted(res.data?.createApiToken.token ?? null);
      setName('');
      setScope('READ');
      await query.refetch();
    });
  }

  async function doRevoke(id: string, tokenName: string) {
    if (!window.confirm(`Revoke "${tokenName}"? Integrations using it stop working at once.`)) return;
    await notifyOnFailure(async () => {
      await revoke({ variables: { id } });
      notifications.show({ message: `Revoked ${tokenName}` });
    });
  }

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for integrators calling the GraphQL API."
        actions={
          <Button
            onClick={() => {
              setCreating(true);
              setMinted(null);
            }}
          >
            Create token
          </Button>
        }
      />
      <Card withBorder>
        <ListTable
          {...listOf(query, (d) => d.apiTokens)}
          empty="No API tokens yet."
          columns={['Name', 'Token', 'Scope', 'Created', 'Last used', '']}
          row={(t) => (
            <Table.Tr key={t.id} opacity={t.revokedAt ? 0.6 : 1}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>
                <Code>{t.prefix}…</Code>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={t.scope === 'ADMIN' ? 'red' : t.scope === 'BILLING' ? 'blue' : 'gray'}>
                  {scopeLabel(t.scope)}
                </Badge>
                {/* A token acts for its creator: never past their role now, nothing once they are disabled. */}
                {!t.revokedAt && t.actsAs !== t.scope && (
                  <Text size="xs" c="orange" data-testid="token-acts-as">
                    {t.actsAs
                      ? `Acts as ${scopeLabel(t.actsAs)}: its creator's role now`
                      : 'Stopped: its creator is disabled or can no longer use tokens'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
              <Table.Td>
                {t.lastUsedAt ? (
                  formatDateTime(t.lastUsedAt)
                ) : (
                  <Text size="sm" c="dimmed">
                    never
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {t.revokedAt ? (
                  <Badge color="gray" variant="light">
                    Revoked
                  </Badge>
                ) : (
                  <Button size="xs" variant="subtle" color="red" onClick={() => void doRevoke(t.id, t.name)}>
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Card>
      <Modal
        opened={creating}
        onClose={() => {
          setCreating(false);
          setMinted(null);
        }}
        title={minted ? 'Your new token' : 'Create an API token'}
      >
        {minted ? (
          <Stack>
            <Alert color="yellow">Copy it now: this is the only time Settle shows it.</Alert>
            <Code block data-testid="minted-token">
              {minted}
            </Code>
            <Group justify="flex-end">
              <CopyValueButton value={minted} />
              <Button
                onClick={() => {
                  setCreating(false);
                  setMinted(null);
                }}
              >
                Done
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack>
            <FormError failure={failure} fields={['name']} />
            <TextInput
              label="Name"
              description="What uses it, e.g. 'PSA sync'"
              required
              {...bindText(name, setName, failure?.fields.name)}
            />
            <Select
              label="Scope"
              description={SCOPES.find((s) => s.value === scope)?.description}
              data={SCOPES.map((s) => ({ value: s.value, label: s.label }))}
              value={scope}
              allowDeselect={false}
              onChange={(v) => v && setScope(v as ApiTokenScope)}
              error={failure?.fields.scope}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreating(false)}>
                Cancel
              </Button>
              <Button loading={createState.loading} onClick={() => void submit()}>
                Create
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
