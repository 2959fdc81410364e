import { Group, Stack, Table, Text } from '@mantine/core';
import type { PortalInvoiceQuery } from '../gql/graphql';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { DataTable } from '@settle/web-kit/data-table';
import { invoiceLineColumns } from '@settle/web-kit/invoice-lines';

type Inv = PortalInvoiceQuery['invoice'];

const num = { fontVariantNumeric: 'tabular-nums' } as const;

function Row({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 600 : 400}>
        {label}
      </Text>
      <Text size={strong ? 'lg' : 'sm'} fw={strong ? 700 : 400} style={num} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

/** Lines, then subtotal / tax / total / paid / credited / balance. */
export function InvoiceLines({ invoice }: { invoice: Inv }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <DataTable
        verticalSpacing="sm"
        data-testid="invoice-lines"
        rows={invoice.lines}
        rowKey={(l) => l.id}
        columns={invoiceLineColumns(invoice.currency, { numbers: num })}
      />
    </Table.ScrollContainer>
  );
}

export function InvoiceTotals({ invoice }: { invoice: Inv }) {
  const m = (v: number) => formatMoney(v, invoice.currency);
  return (
    <Stack gap={6} maw={360} ml="auto" w="100%">
      <Row label="Subtotal" value={m(invoice.subtotal)} />
      <Row label="Tax" value={m(invoice.taxTotal)} />
      <Row label="Total" value={m(invoice.total)} testId="invoice-total" />
      {invoice.amountPaid ? (
        <Row label="Paid" value={`− ${m(invoice.amountPaid)}`} testId="invoice-amount-paid" />
      ) : null}
      {invoice.amountCredited ? <Row label="Credited" value={`− ${m(invoice.amountCredited)}`} /> : null}
      <Row label="Balance due" value={m(invoice.balanceDue)} strong testId="invoice-balance" />
    </Stack>
  );
}

export function InvoicePayments({ invoice }: { invoice: Inv }) {
  if (!invoice.payments.length && !invoice.creditMemos.length)
    return (
      <Text size="sm" c="dimmed">
        No payments yet.
      </Text>
    );
  return (
    <Table verticalSpacing="xs" data-testid="invoice-payments">
      <Table.Tbody>
        {invoice.payments.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Td>{formatDate(p.receivedOn)}</Table.Td>
            <Table.Td>
              {p.kind === 'REFUND'
                ? 'Refund'
                : p.kind === 'ADJUSTMENT'
                  ? 'Payment corrected'
                  : `Payment · ${p.method.replace('_', ' ').toLowerCase()}`}
              {p.reference ? ` · ${p.reference}` : ''}
            </Table.Td>
            <Table.Td ta="right" style={num}>
              {formatMoney(p.amount, p.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
        {invoice.creditMemos.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{formatDate(c.createdAt)}</Table.Td>
            <Table.Td>Credit · {c.reason}</Table.Td>
            <Table.Td ta="right" style={num}>
              {formatMoney(c.amount, c.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
