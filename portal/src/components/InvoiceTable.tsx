import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InvoiceSummaryFragment } from '../gql/graphql';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { StatusBadge } from './StatusBadge';

/** Invoices as rows: number (link), dates, total, balance and status badge. */
export function InvoiceTable({ invoices, compact = false }: { invoices: InvoiceSummaryFragment[]; compact?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={compact ? 420 : 640}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="invoice-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Invoice</Table.Th>
            {compact ? null : <Table.Th>Issued</Table.Th>}
            <Table.Th>Due</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th ta="right">Balance due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((inv) => (
            <Table.Tr key={inv.id} data-testid="invoice-row" data-invoice-id={inv.id}>
              <Table.Td>
                <Anchor component={Link} to={`/invoices/${inv.id}`} fw={500}>{inv.number}</Anchor>
              </Table.Td>
              {compact ? null : <Table.Td>{formatDate(inv.issueDate)}</Table.Td>}
              <Table.Td>
                <Text size="sm" c={inv.displayStatus === 'OVERDUE' ? 'red.7' : undefined}>{formatDate(inv.dueDate)}</Text>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(inv.total, inv.currency)}</Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(inv.balanceDue, inv.currency)}</Table.Td>
              <Table.Td><StatusBadge status={inv.displayStatus} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
