import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { InvoiceStatusBadge } from '../../components/StatusBadge';
import { formatMoney } from '@settle/web-kit/money';
import { formatDate } from '@settle/web-kit/dates';

const DashboardQuery = graphql(`
  query AdminDashboard {
    dashboard(overdueLimit: 20) {
      currencies {
        currency
        outstanding
        collectedThisMonth
        aging { current days1to30 days31to60 days61to90 days90plus }
      }
      overdue {
        id number currency balanceDue dueDate displayStatus
        client { id name }
      }
    }
  }
`);

const BUCKETS = [
  ['current', 'Current'],
  ['days1to30', '1–30'],
  ['days31to60', '31–60'],
  ['days61to90', '61–90'],
  ['days90plus', '90+'],
] as const;

export default function DashboardPage() {
  const { data, loading, error, refetch } = useQuery(DashboardQuery);
  return (
    <>
      <PageHeader title="Dashboard" description="Receivables by age, what came in this month, and what is overdue." />
      <QueryState loading={loading} error={error} data={data?.dashboard} onRetry={() => void refetch()}>
        {(d) => (
          <Stack gap="lg">
            {d.currencies.length === 0 ? (
              <Card withBorder data-testid="empty">
                <Text c="dimmed">No receivables yet. Send an invoice and it will show up here.</Text>
              </Card>
            ) : (
              d.currencies.map((c) => (
                <Card withBorder key={c.currency} data-testid={`aging-${c.currency}`}>
                  <Group justify="space-between" align="flex-start" mb="md">
                    <Title order={4}>{c.currency}</Title>
                    <SimpleGrid cols={2} spacing="xl">
                      <Stat label="Outstanding" value={formatMoney(c.outstanding, c.currency)} />
                      <Stat label="Collected this month" value={formatMoney(c.collectedThisMonth, c.currency)} testId={`collected-${c.currency}`} />
                    </SimpleGrid>
                  </Group>
                  <BarChart
                    h={220}
                    data={BUCKETS.map(([key, label]) => ({ bucket: label, amount: c.aging[key] }))}
                    dataKey="bucket"
                    series={[{ name: 'amount', label: 'Open balance', color: 'teal.6' }]}
                    valueFormatter={(v) => formatMoney(v, c.currency)}
                    withYAxis={false}
                    gridAxis="none"
                    barProps={{ radius: 4 }}
                  />
                </Card>
              ))
            )}
            <Card withBorder>
              <Title order={4} mb="sm">
                Overdue
              </Title>
              {d.overdue.length === 0 ? (
                <Text c="dimmed">Nothing is overdue.</Text>
              ) : (
                <Table highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Invoice</Table.Th>
                      <Table.Th>Client</Table.Th>
                      <Table.Th>Due</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th ta="right">Balance</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.overdue.map((inv) => (
                      <Table.Tr key={inv.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/invoices/${inv.id}`}>
                            {inv.number}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{inv.client.name}</Table.Td>
                        <Table.Td>{formatDate(inv.dueDate)}</Table.Td>
                        <Table.Td>
                          <InvoiceStatusBadge status={inv.displayStatus} />
                        </Table.Td>
                        <Table.Td ta="right">{formatMoney(inv.balanceDue, inv.currency)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size="lg" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
