import { Badge, Button, Grid, Stack } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { graphql } from '../../gql';
import type { AdminClientFieldsFragment } from '../../gql/graphql';
import { useAdminTitle } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { DetailHeader } from '../../components/DetailHeader';
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
      <DetailHeader
        back={{ to: '/clients', label: 'Clients' }}
        title={client.name}
        badges={
          client.archivedAt && (
            <Badge color="gray" variant="light">
              Archived
            </Badge>
          )
        }
        subtitle={`${client.billingEmail || 'No billing email'} · ${client.currency}`}
      >
        <Button variant="default" onClick={() => editor.edit(client)}>
          Edit client
        </Button>
      </DetailHeader>
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
