import { Alert, Card, Group, Stack, Text, Title } from '@mantine/core';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminNextInvoicePreviewQuery } from '../../gql/graphql';
import { QueryState, type QueryStatus } from '../../components/QueryState';

/**
 * The client's next automatic invoice as things stand: its billing date, lines and totals, what would stop
 * it, or that nothing is scheduled. The page owns the query so contract changes can refresh it.
 */
export function NextInvoiceCard({ query }: { query: QueryStatus & { data?: AdminNextInvoicePreviewQuery } }) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Next invoice
      </Title>
      <QueryState query={query} data={query.data?.nextInvoicePreview}>
        {(p) => {
          const money = (n: number) => formatMoney(n, p.currency);
          if (!p.billDate && p.problem)
            return (
              <Alert color="red" variant="light" role="alert" title="Nothing can be billed">
                {p.problem}
              </Alert>
            );
          if (!p.billDate)
            return (
              <Text c="dimmed" size="sm" data-testid="next-invoice-nothing">
                Nothing scheduled: no contract bills this client from now on.
              </Text>
            );
          // Time is billed at least monthly, so a client without contracts still has a billing date.
          if (p.lines.length === 0 && !p.problem)
            return (
              <Text c="dimmed" size="sm" data-testid="next-invoice-nothing">
                Nothing to bill on {formatDate(p.billDate)} as things stand: no recurring line is due and no approved
                time is waiting.
              </Text>
            );
          return (
            <Stack gap="sm" data-testid="next-invoice">
              <Text size="sm">
                Billing date <b>{formatDate(p.billDate)}</b>
              </Text>
              {p.problem && (
                <Alert color="red" variant="light" role="alert" title="This invoice cannot be generated yet">
                  {p.problem}
                </Alert>
              )}
              <DataTable
                // Two lines may read the same (a credit and a charge of one period): keyed by position.
                rows={p.lines.map((l, i) => ({ ...l, i }))}
                rowKey={(l) => String(l.i)}
                rowProps={() => ({ 'data-testid': 'preview-line' })}
                emptyRow={
                  <Text c="dimmed" size="sm">
                    No lines due on that date.
                  </Text>
                }
                columns={[
                  { key: 'description', header: 'Line', render: (l) => l.description },
                  { key: 'quantity', header: 'Qty', align: 'right', render: (l) => l.quantity },
                  { key: 'amount', header: 'Amount', align: 'right', render: (l) => money(l.amount) },
                ]}
              />
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  Subtotal
                </Text>
                <Text size="sm">{money(p.subtotal)}</Text>
              </Group>
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  Total
                </Text>
                <Text size="sm" fw={700} data-testid="next-invoice-total">
                  {money(p.total)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                As things stand now; approved time worked before the billing date is added when it runs.
              </Text>
            </Stack>
          );
        }}
      </QueryState>
    </Card>
  );
}
