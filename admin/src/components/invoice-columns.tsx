import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import type { Column } from '@settle/web-kit/data-table';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { InvoiceStatusBadge } from './StatusBadge';

/** The columns every invoice list shares (invoices, dashboard overdue, generated drafts), written once. */

/**
 * A number, a date or an amount is read whole: on a phone "INV-00007" or "Jan 5, 2027" broken over lines
 * reads as two values. The table scrolls sideways instead (DataTable's scroll container).
 */
const WHOLE = { style: { whiteSpace: 'nowrap' } } as const;

export function numberColumn<T extends { id: string; number: string }>(header?: string): Column<T> {
  return {
    key: 'number',
    header,
    td: WHOLE,
    render: (inv) => (
      <Anchor component={Link} to={`/invoices/${inv.id}`}>
        {inv.number}
      </Anchor>
    ),
  };
}

export function clientColumn<T extends { client: { name: string } }>(): Column<T> {
  return { key: 'client', header: 'Client', render: (inv) => inv.client.name };
}

export function dateColumn<K extends string>(field: K, header: string): Column<Record<K, string | null | undefined>> {
  return { key: field, header, td: WHOLE, render: (row) => formatDate(row[field]) };
}

export function statusColumn<T extends { displayStatus: string }>(header?: string): Column<T> {
  return { key: 'status', header, render: (inv) => <InvoiceStatusBadge status={inv.displayStatus} /> };
}

/** An amount in the row's own currency, right-aligned. A void invoice has no balance due: it shows none. */
export function amountColumn<K extends string>(
  field: K,
  header?: string,
): Column<{ currency: string; displayStatus?: string } & Record<K, number>> {
  return {
    key: field,
    header,
    align: 'right',
    td: WHOLE,
    render: (row) =>
      field === 'balanceDue' && row.displayStatus === 'VOID' ? '—' : formatMoney(row[field], row.currency),
  };
}
