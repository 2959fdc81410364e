import { useState } from 'react';
import { Badge, Button, Card, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminClientFieldsFragment } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { bpsToPercent } from '@settle/web-kit/money';
import { ClientFormModal } from './ClientFormModal';

export const ClientFields = graphql(`
  fragment AdminClientFields on Client {
    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt
    rates { id serviceId unitAmount }
  }
`);

const ClientsQuery = graphql(`
  query AdminClients($includeArchived: Boolean!, $search: String) {
    clients(includeArchived: $includeArchived, search: $search) { ...AdminClientFields }
  }
`);

export default function ClientsPage() {
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [debounced] = useDebouncedValue(search, 300);
  const [editing, setEditing] = useState<AdminClientFieldsFragment | 'new' | null>(null);
  const { data, loading, error, refetch } = useQuery(ClientsQuery, { variables: { includeArchived, search: debounced.trim() || undefined } });

  return (
    <>
      <PageHeader title="Clients" description="Who you bill, in which currency, and their negotiated rates." actions={<Button onClick={() => setEditing('new')}>New client</Button>} />
      <Card withBorder>
        <Group mb="md">
          <TextInput placeholder="Search clients" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} />
          <Switch label="Show archived" checked={includeArchived} onChange={(e) => setIncludeArchived(e.currentTarget.checked)} />
        </Group>
        <QueryState loading={loading} error={error} data={data?.clients} isEmpty={(d) => d.length === 0} empty="No clients yet. Add your first client." onRetry={() => void refetch()}>
          {(clients) => (
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Billing email</Table.Th>
                  <Table.Th>Currency</Table.Th>
                  <Table.Th>Tax</Table.Th>
                  <Table.Th>Terms</Table.Th>
                  <Table.Th>Rates</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" fw={500}>{c.name}</Text>
                        {c.archivedAt && <Badge color="gray" variant="light">Archived</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{c.billingEmail}</Table.Td>
                    <Table.Td>{c.currency}</Table.Td>
                    <Table.Td>{c.taxRateBps == null ? <Text c="dimmed" size="sm">org default</Text> : `${bpsToPercent(c.taxRateBps)}%`}</Table.Td>
                    <Table.Td>{c.daysUntilDue == null ? <Text c="dimmed" size="sm">org default</Text> : `Net ${c.daysUntilDue}`}</Table.Td>
                    <Table.Td>{c.rates.length ? `${c.rates.length} negotiated` : <Text c="dimmed" size="sm">catalog</Text>}</Table.Td>
                    <Table.Td ta="right">
                      <Button size="xs" variant="default" onClick={() => setEditing(c)}>Edit</Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Card>
      {editing && <ClientFormModal client={editing === 'new' ? null : editing} onClose={() => { setEditing(null); void refetch(); }} />}
    </>
  );
}
