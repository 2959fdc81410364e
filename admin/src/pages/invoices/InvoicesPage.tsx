import { useState } from 'react';
import { Anchor, Button, Card, Group, MultiSelect, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { InvoiceDisplayStatus, InvoiceFilterInput } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { InvoiceStatusBadge, humanize } from '../../components/StatusBadge';
import { ClientSelect } from '../../components/ClientSelect';
import { formatMoney } from '@settle/web-kit/money';
import { formatDate } from '@settle/web-kit/dates';

const InvoicesQuery = graphql(`
  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {
    invoices(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id number currency total balanceDue issueDate dueDate displayStatus
          client { id name }
        }
      }
    }
  }
`);

const STATUSES: InvoiceDisplayStatus[] = ['DRAFT', 'SENT', 'PARTIALLY_PAID', 'OVERDUE', 'PAID', 'VOID', 'UNCOLLECTIBLE'];
const PAGE_SIZE = 25;

export default function InvoicesPage() {
  const [status, setStatus] = useState<string[]>([]);
  const [clientId, setClientId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [issuedFrom, setIssuedFrom] = useState('');
  const [issuedTo, setIssuedTo] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  // Cursor pagination: a stack of the `after` cursors of the pages before this one.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);

  const filter: InvoiceFilterInput = {
    ...(status.length ? { status: status as InvoiceDisplayStatus[] } : {}),
    ...(clientId ? { clientId } : {}),
    ...(debouncedSearch.trim() ? { search: debouncedSearch.trim() } : {}),
    ...(issuedFrom ? { issuedFrom } : {}),
    ...(issuedTo ? { issuedTo } : {}),
  };
  const after = cursors[cursors.length - 1] ?? null;
  const { data, loading, error, refetch } = useQuery(InvoicesQuery, { variables: { first: PAGE_SIZE, after, filter } });
  const resetPages = () => setCursors([null]);
  const page = cursors.length;
  const conn = data?.invoices;

  return (
    <>
      <PageHeader
        title="Invoices"
        actions={
          <Button component={Link} to="/invoices/generate">
            Generate invoices
          </Button>
        }
      />
      <Card withBorder>
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput label="Search" placeholder="Number or memo" value={search} onChange={(e) => { setSearch(e.currentTarget.value); resetPages(); }} w={200} />
          <MultiSelect label="Status" placeholder="Any status" data={STATUSES.map((s) => ({ value: s, label: humanize(s) }))} value={status} onChange={(v) => { setStatus(v); resetPages(); }} clearable w={260} />
          <div style={{ width: 240 }}>
            <ClientSelect label="Client" value={clientId} onChange={(v) => { setClientId(v); resetPages(); }} />
          </div>
          <TextInput label="Issued from" type="date" value={issuedFrom} onChange={(e) => { setIssuedFrom(e.currentTarget.value); resetPages(); }} />
          <TextInput label="Issued to" type="date" value={issuedTo} onChange={(e) => { setIssuedTo(e.currentTarget.value); resetPages(); }} />
        </Group>
        <QueryState loading={loading} error={error} data={conn} isEmpty={(c) => c.edges.length === 0} empty="No invoices match these filters." onRetry={() => void refetch()}>
          {(c) => (
            <>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Number</Table.Th>
                    <Table.Th>Client</Table.Th>
                    <Table.Th>Issued</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                    <Table.Th ta="right">Balance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.edges.map(({ node: inv }) => (
                    <Table.Tr key={inv.id} data-testid="invoice-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/invoices/${inv.id}`}>
                          {inv.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{inv.client.name}</Table.Td>
                      <Table.Td>{formatDate(inv.issueDate)}</Table.Td>
                      <Table.Td>{formatDate(inv.dueDate)}</Table.Td>
                      <Table.Td>
                        <InvoiceStatusBadge status={inv.displayStatus} />
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(inv.total, inv.currency)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(inv.balanceDue, inv.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group justify="space-between" mt="md">
                <Text size="sm" c="dimmed">
                  {c.totalCount} invoices · page {page} of {Math.max(1, Math.ceil(c.totalCount / PAGE_SIZE))}
                </Text>
                <Group gap="xs">
                  <Button variant="default" size="xs" disabled={page === 1} onClick={() => setCursors((s) => s.slice(0, -1))}>
                    Previous
                  </Button>
                  <Button variant="default" size="xs" disabled={!c.pageInfo.hasNextPage} onClick={() => setCursors((s) => [...s, c.pageInfo.endCursor ?? null])}>
                    Next
                  </Button>
                </Group>
              </Group>
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
