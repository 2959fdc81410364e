import type { CSSProperties, ReactNode } from 'react';
import { Text } from '@mantine/core';
import type { Column } from './data-table';
import { bpsToPercent, formatMoney } from './money';

export interface InvoiceLineRow {
  id: string;
  description: string;
  discount: number;
  quantity: string | number;
  unitPrice: number;
  taxRateBps: number;
  amount: number;
}

/**
 * The columns of an invoice's lines, as both the admin and the portal show them: description (with its
 * discount), quantity, unit price, tax rate and amount. `numbers` styles the numeric cells (the portal
 * lines its digits up); `description` replaces the plain description text.
 */
export function invoiceLineColumns<T extends InvoiceLineRow>(
  currency: string,
  opts: { numbers?: CSSProperties; description?: (line: T) => ReactNode } = {},
): Array<Column<T>> {
  const money = (v: number) => formatMoney(v, currency);
  const td = opts.numbers ? { style: opts.numbers } : undefined;
  return [
    {
      key: 'description',
      header: 'Description',
      render: (l) => (
        <>
          {opts.description ? opts.description(l) : l.description}
          {l.discount > 0 && (
            <Text size="xs" c="dimmed">
              Discount {money(l.discount)}
            </Text>
          )}
        </>
      ),
    },
    { key: 'quantity', header: 'Qty', align: 'right', td, render: (l) => l.quantity },
    { key: 'unitPrice', header: 'Unit price', align: 'right', td, render: (l) => money(l.unitPrice) },
    {
      key: 'tax',
      header: 'Tax',
      align: 'right',
      td,
      render: (l) => (l.taxRateBps ? `${bpsToPercent(l.taxRateBps)}%` : '—'),
    },
    { key: 'amount', header: 'Amount', align: 'right', td, render: (l) => money(l.amount) },
  ];
}
