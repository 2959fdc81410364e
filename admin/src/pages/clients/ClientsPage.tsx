import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { AdminClientFieldsFragment } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable, listOf } from '../../components/QueryState';
import { bpsToPercent, formatMoney } from '@settle/web-kit/money';
import { ClientFormModal } from './ClientFormModal';
import { SyncClientButton } from './SyncClientButton';
import { useIntegrationAvailability } from '../invoices/IntegrationActions';
import { useEditor } from '../../lib/actions';
import { bindChecked, bindText } from '@settle/web-kit/fields';

export const ClientFields = graphql(`
  fragment AdminClientFields on Client {
    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt
    timeItemization
    billingAddress { line1 line2 city region postalCode country }
    rates { id serviceId unitAmount }
  }
`);

const ClientsQuery = graphql(`
  query AdminClients($includeArchived: Boolean!, $search: String) {
    clients(includeArchived: $includeArchived, search: $search, first: 200) {nodes{ ...AdminClientFields creditBalance { currency amount } }}
  }
`);

/** A client's own setting, or a dimmed "org default" where it has none. */
function orgDefaultOr<V>(value: V | null | undefined, show: (value: V) => string) {
  return value == null ? (
    <Text c="dimmed" size="sm">
      org default
    </Text>
  ) : (
    show(value)
  );
}

export default function ClientsPage() {
  const [search, setSearch] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [debounced] = useDebouncedValue(search, 300);
  const query = useQuery(ClientsQuery, {
    variables: { includeArchived, search: debounced.trim() || undefined },
  });
  const editor = useEditor<AdminClientFieldsFragment>(() => void query.refetch());
  const quickBooks = useIntegrationAvailability().QUICKBOOKS;

  const newClient = <Button onClick={() => editor.edit('new')}>New client</Button>;
  return (
    <>
      <PageHeader
        title="Clients"
        description="Who you bill, in which currency, and their negotiated rates. Open a client for its contracts and automatic billing."
        actions={newClient}
      />
      <Card withBorder>
        <Group mb="md">
          <TextInput placeholder="Search clients" {...bindText(search, setSearch)} w={260} />
          <Switch label="Show archived" {...bindChecked(includeArchived, setIncludeArchived)} />
        </Group>
        <QueryTable
          {...listOf(query, (d) => d.clients.nodes)}
          empty="No clients yet. Add your first client."
          columns={[
            {
              key: 'name',
              header: 'Name',
              render: (c) => (
                <Group gap="xs">
                  <Anchor component={Link} to={`/clients/${c.id}`} size="sm" fw={500}>
                    {c.name}
                  </Anchor>
                  {c.archivedAt && (
                    <Badge color="gray" variant="light">
                      Archived
                    </Badge>
                  )}
                </Group>
              ),
            },
            { key: 'email', header: 'Billing email', render: (c) => c.billingEmail },
            { key: 'currency', header: 'Currency', render: (c) => c.currency },
            {
              key: 'tax',
              header: 'Tax',
              render: (c) => orgDefaultOr(c.taxRateBps, (bps) => `${bpsToPercent(bps)}%`),
            },
            {
              key: 'terms',
              header: 'Terms',
              render: (c) => orgDefaultOr(c.daysUntilDue, (days) => `Net ${days}`),
            },
            {
              key: 'rates',
              header: 'Rates',
              render: (c) =>
                c.rates.length ? (
                  `${c.rates.length} negotiated`
                ) : (
                  <Text c="dimmed" size="sm">
                    catalog
                  </Text>
                ),
            },
            {
              key: 'credit',
              header: 'Credit',
              render: (c) => (
                <Anchor component={Link} to={`/clients/${c.id}/credit`} size="sm">
                  {c.creditBalance.length
                    ? c.creditBalance.map((b) => formatMoney(b.amount, b.currency)).join(' · ')
                    : 'None'}
                </Anchor>
              ),
            },
            {
              key: 'edit',
              align: 'right',
              render: (c) => (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {quickBooks && !c.archivedAt && <SyncClientButton clientId={c.id} name={c.name} />}
                  <Button size="xs" variant="default" onClick={() => editor.edit(c)}>
                    Edit
                  </Button>
                </Group>
              ),
            },
          ]}
        />
      </Card>
      {editor.isOpen && <ClientFormModal client={editor.record} onClose={editor.close} />}
    </>
  );
}
