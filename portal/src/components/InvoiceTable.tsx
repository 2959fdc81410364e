import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { DataTable } from '@settle/web-kit/data-table';
import { Link } from 'react-router';
import type { InvoiceSummaryFragment } from '../gql/graphql';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { StatusBadge } from './StatusBadge';
import { usePhone } from '../lib/use-phone';

const num = { fontVariantNumeric: 'tabular-nums' } as const;

/** On a phone: one card per invoice (number and status, due date, balance) instead of a wide table. */
function InvoiceCards({ invoices }: { invoices: InvoiceSummaryFragment[] }) {
  return (
    <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="invoice-table">
      {invoices.map((inv, i) => (
        <Stack
          key={inv.id}
          component="li"
          gap={4}
          px="md"
          py="sm"
          style={i ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
          data-testid="invoice-row"
          data-invoice-id={inv.id}
        >
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Anchor component={Link} to={`/invoices/${inv.id}`} fw={600}>
              Invoice {inv.number}
            </Anchor>
            <StatusBadge status={inv.displayStatus} />
          </Group>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm" c={inv.displayStatus === 'OVERDUE' ? 'red.9' : 'dimmed'}>
              Due {formatDate(inv.dueDate)}
            </Text>
            <Text size="sm" style={num}>
              {inv.balanceDue > 0 && inv.balanceDue !== inv.total
                ? `${formatMoney(inv.balanceDue, inv.currency)} of ${formatMoney(inv.total, inv.currency)} due`
                : formatMoney(inv.total, inv.currency)}
            </Text>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}

/** Invoices as rows: number (link), dates, total, balance and status badge; cards on a phone. */
export function InvoiceTable({ invoices, compact = false }: { invoices: InvoiceSummaryFragment[]; compact?: boolean }) {
  const phone = usePhone();
  if (phone) return <InvoiceCards invoices={invoices} />;
  return (
    <Table.ScrollContainer minWidth={compact ? 420 : 640}>
      <DataTable
        verticalSpacing="sm"
        highlightOnHover
        data-testid="invoice-table"
        rows={invoices}
        rowKey={(inv) => inv.id}
        rowProps={(inv) => ({ 'data-testid': 'invoice-row', 'data-invoice-id': inv.id })}
        columns={[
          {
            key: 'number',
            header: 'Invoice',
            render: (inv) => (
              <Anchor component={Link} to={`/invoices/${inv.id}`} fw={500}>
                {inv.number}
              </Anchor>
            ),
          },
          !compact && { key: 'issued', header: 'Issued', render: (inv) => formatDate(inv.issueDate) },
          {
            key: 'due',
            header: 'Due',
            render: (inv) => (
              <Text size="sm" c={inv.displayStatus === 'OVERDUE' ? 'red.9' : undefined}>
                {formatDate(inv.dueDate)}
              </Text>
            ),
          },
          {
            key: 'total',
            header: 'Total',
            align: 'right',
            td: { style: num },
            render: (inv) => formatMoney(inv.total, inv.currency),
          },
          {
            key: 'balance',
            header: 'Balance due',
            align: 'right',
            td: { style: num },
            render: (inv) => formatMoney(inv.balanceDue, inv.currency),
          },
          { key: 'status', header: 'Status', render: (inv) => <StatusBadge status={inv.displayStatus} /> },
        ]}
      />
    </Table.ScrollContainer>
  );
}
