import { Anchor, Badge, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { graphql } from '../../gql';
import type { AdminClientFieldsFragment } from '../../gql/graphql';
import { useAdminTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { useEditor } from '../../lib/actions';
import { ClientFormModal } from './ClientFormModal';
import { ContractsSection } from '../contracts/ContractsSection';
import { NextInvoiceCard } from '../contracts/NextInvoiceCard';
import { NextInvoicePreviewQuery } from '../contracts/contract-documents';
import { ClientBillingPanel } from '../billing/ClientBillingPanel';
import { ClientAutopayAttempts } from '../autopay/AutopayAttempts';

const ClientQuery = graphql(`
  query AdminClient($id: ID!) { client(id: $id) { ...AdminClientFields } }
`);

/** One client: its contracts and what they bill next, its automatic payments, and its own billing settings. */
export default function ClientDetailPage() {
  const { id = '' } = useParams();
  const query = useQuery(ClientQuery, { variables: { id } });
  useAdminTitle(query.data?.client.name ?? 'Client');
  return (
    <QueryState query={query} data={query.data?.client}>
      {(client) => <ClientView client={client} onEdited={() => void query.refetch()} />}
    </QueryState>
  );
}

function ClientView({ client, onEdited }: { client: AdminClientFieldsFragment; onEdited: () => void }) {
  const editor = useEditor<AdminClientFieldsFragment>(onEdited);
  // Contracts and settings change what the next invoice carries (and when): each change refreshes it.
  const preview = useQuery(NextInvoicePreviewQuery, {
    variables: { clientId: client.id },
    fetchPolicy: 'cache-and-network',
  });
  const refreshPreview = () => void preview.refetch();
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/clients" size="sm">
            ← Clients
          </Anchor>
          <Group gap="sm" mt={4}>
            <Title order={1} size="h2">
              {client.name}
            </Title>
            {client.archivedAt && (
              <Badge color="gray" variant="light">
                Archived
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {client.billingEmail || 'No billing email'} · {client.currency}
          </Text>
        </div>
        <Button variant="default" onClick={() => editor.edit(client)}>
          Edit client
        </Button>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <ContractsSection client={client} onChanged={refreshPreview} />
            <ClientAutopayAttempts clientId={client.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <NextInvoiceCard query={preview} />
            <ClientBillingPanel clientId={client.id} onSaved={refreshPreview} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editor.isOpen && <ClientFormModal client={editor.record} onClose={editor.close} />}
    </Stack>
  );
}
