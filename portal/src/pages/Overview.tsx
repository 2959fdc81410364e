import { useQuery, useSubscription } from '@apollo/client/react';
import { Anchor, Box, Card, Center, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { InvoiceTable } from '../components/InvoiceTable';
import { PaymentHistory } from '../components/PaymentHistory';
import { Empty, ErrorState, Loading } from '../components/States';
import { InvoiceUpdatedSubscription, OverviewQuery } from '../documents';
import { formatMoney } from '@settle/web-kit/money';
import { useSession } from '../session';
import { usePortalTitle } from '../lib/page-title';

function Figure({
  label,
  amounts,
  fallbackCurrency,
  tone,
  testId,
}: {
  label: string;
  amounts: Array<[string, number]>;
  fallbackCurrency: string;
  tone?: string;
  testId: string;
}) {
  const shown = amounts.length ? amounts : [[fallbackCurrency, 0] as [string, number]];
  return (
    <Card withBorder padding="lg" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {shown.map(([currency, amount]) => (
        <Text
          key={currency}
          fz={28}
          fw={600}
          c={amount > 0 ? tone : undefined}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {formatMoney(amount, currency)}
        </Text>
      ))}
    </Card>
  );
}

/** Balance due, overdue amount, recent invoices and payments; refreshed when an invoice changes. */
export default function Overview() {
  const { clientId, userName } = useSession();
  usePortalTitle('Billing overview');
  const { data, loading, error, refetch } = useQuery(OverviewQuery, { variables: { clientId } });
  useSubscription(InvoiceUpdatedSubscription, { variables: { clientId }, onData: () => void refetch() });

  if (error && !data) return <ErrorState error={error} title="Could not load your billing overview" />;
  if (loading && !data) return <Loading label="Loading your billing overview…" />;
  if (!data) return null;

  // Summed by the server over every open invoice, per currency (a client's currency may have changed).
  const balances = data.client.openBalance;
  const recent = data.recent.edges.map((e) => e.node);
  const numberOf = new Map(recent.map((i) => [i.id, i.number]));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Billing overview
        </Title>
        <Text c="dimmed">
          {data.client.name} · signed in as {userName}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure
          testId="balance-due"
          label="Balance due"
          amounts={balances.map((b) => [b.currency, b.balanceDue])}
          fallbackCurrency={data.client.currency}
        />
        <Figure
          testId="overdue-amount"
          label="Overdue"
          amounts={balances.map((b) => [b.currency, b.overdue])}
          fallbackCurrency={data.client.currency}
          tone="red.9"
        />
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            Open invoices
          </Text>
          <Text fz={28} fw={600}>
            {balances.reduce((n, b) => n + b.openInvoices, 0)}
          </Text>
        </Card>
      </SimpleGrid>
      <Card withBorder padding={0}>
        <Group justify="space-between" p="md" pb={0}>
          <Title order={2} size="h4">
            Recent invoices
          </Title>
          <Anchor component={Link} to="/invoices" size="sm">
            All invoices
          </Anchor>
        </Group>
        {recent.length ? (
          <InvoiceTable invoices={recent} compact />
        ) : (
          <Empty title="No invoices yet">Invoices appear here as soon as they are sent to you.</Empty>
        )}
      </Card>
      <Card withBorder padding={0}>
        <Title order={2} size="h4" p="md" pb={0}>
          Recent payments
        </Title>
        {data.payments.nodes.length ? (
          <Box px="md" pb="xs">
            <PaymentHistory
              payments={data.payments.nodes}
              invoiceNumber={(id) => numberOf.get(id)}
              testId="payments-table"
            />
          </Box>
        ) : (
          <Center>
            <Empty title="No payments yet" />
          </Center>
        )}
      </Card>
    </Stack>
  );
}
