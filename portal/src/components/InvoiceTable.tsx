import { Anchor, Table, Text } from '@mantine/core';
import { DataTable } from '@settle/web-kit/data-table';
import { Link } from 'react-router';
import type { InvoiceSummaryFragment } from '../gql/graphql';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { StatusBadge } from './StatusBadge';

const num = { fontVariantNumeric: 'tabular-nums' } as const;

/** Invoices as rows: number (link), dates, total, balance and status badge. */
export function InvoiceTable({ invoices, compact = false }: { invoices: InvoiceSummaryFragment[]; compact?: boolean }) {
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
              <Text size="sm" c={inv.displayStatus === 'OVERDUE' ? 'red.7' : undefined}>
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
