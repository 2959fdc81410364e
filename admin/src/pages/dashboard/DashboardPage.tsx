import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { DataTable } from '@settle/web-kit/data-table';
import { amountColumn, clientColumn, dateColumn, numberColumn, statusColumn } from '../../components/invoice-columns';
import { formatMoney } from '@settle/web-kit/money';
import { TitledCard } from '../../components/TitledCard';
import { useOrgInvoiceChanges } from '../invoices/use-org-invoice-changes';

const DashboardQuery = graphql(`
  query AdminDashboard {
    dashboard(overdueLimit: 20) {
      currencies {
        currency
        outstanding
        writtenOff
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
  const query = useQuery(DashboardQuery);
  // Totals and aging are sums the cache cannot follow: any invoice change re-reads them.
  useOrgInvoiceChanges(() => query.refetch());
  return (
    <>
      <PageHeader title="Dashboard" description="Receivables by age, what came in this month, and what is overdue." />
      <QueryState query={query} data={query.data?.dashboard}>
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
                    <SimpleGrid cols={{ base: 1, sm: c.writtenOff > 0 ? 3 : 2 }} spacing="xl">
                      <Stat label="Outstanding" value={formatMoney(c.outstanding, c.currency)} />
                      {c.writtenOff > 0 && (
                        <Stat label="Written off (uncollectible)" value={formatMoney(c.writtenOff, c.currency)} />
                      )}
                      <Stat
                        label="Collected this month"
                        value={formatMoney(c.collectedThisMonth, c.currency)}
                        testId={`collected-${c.currency}`}
                      />
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
                  {/* The amounts in words too: the chart shows them only on hover, which a phone has not. */}
                  <SimpleGrid
                    cols={{ base: 2, xs: 3, sm: 5 }}
                    spacing="sm"
                    mt="sm"
                    data-testid={`aging-amounts-${c.currency}`}
                  >
                    {BUCKETS.map(([key, label]) => (
                      <Stat
                        key={key}
                        label={label === 'Current' ? 'Current' : `${label} days late`}
                        value={formatMoney(c.aging[key], c.currency)}
                        testId={`aging-${c.currency}-${key}`}
                        small
                      />
                    ))}
                  </SimpleGrid>
                </Card>
              ))
            )}
            <TitledCard title="Overdue" order={4}>
              {d.overdue.length === 0 ? (
                <Text c="dimmed">Nothing is overdue.</Text>
              ) : (
                <DataTable
                  highlightOnHover
                  rows={d.overdue}
                  rowKey={(inv) => inv.id}
                  columns={[
                    numberColumn('Invoice'),
                    clientColumn(),
                    dateColumn('dueDate', 'Due'),
                    statusColumn('Status'),
                    amountColumn('balanceDue', 'Balance'),
                  ]}
                />
              )}
            </TitledCard>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

function Stat({ label, value, testId, small }: { label: string; value: string; testId?: string; small?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600} size={small ? 'sm' : 'lg'} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
