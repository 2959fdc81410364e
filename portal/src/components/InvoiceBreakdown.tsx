import { Group, Stack, Table, Text } from '@mantine/core';
import type { PortalInvoiceQuery } from '../gql/graphql';
import { bpsToPercent, formatMoney } from '@settle/web-kit/money';
import { usePhone } from '../lib/use-phone';
import { PaymentHistory } from './PaymentHistory';
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
  const phone = usePhone();
  if (phone) return <LineCards invoice={invoice} />;
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

/** On a phone each line is a block: description, then quantity × unit price (and tax), then its amount. */
function LineCards({ invoice }: { invoice: Inv }) {
  const m = (v: number) => formatMoney(v, invoice.currency);
  return (
    <Stack gap={0} data-testid="invoice-lines" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {invoice.lines.map((l, i) => (
        <Stack
          key={l.id}
          component="li"
          gap={2}
          py="xs"
          style={i ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
        >
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {l.description}
          </Text>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="xs" c="dimmed" style={num}>
              {l.quantity} × {m(l.unitPrice)}
              {l.taxRateBps ? ` · tax ${bpsToPercent(l.taxRateBps)}%` : ''}
              {l.discount > 0 ? ` · discount ${m(l.discount)}` : ''}
            </Text>
            <Text size="sm" style={{ ...num, whiteSpace: 'nowrap' }}>
              {m(l.amount)}
            </Text>
          </Group>
        </Stack>
      ))}
    </Stack>
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
      {invoice.amountKeptAsCredit ? (
        <Row label="Moved to your credit balance" value={`+ ${m(invoice.amountKeptAsCredit)}`} testId="invoice-kept" />
      ) : null}
      {invoice.amountCredited - invoice.creditApplied ? (
        <Row label="Credited" value={`− ${m(invoice.amountCredited - invoice.creditApplied)}`} />
      ) : null}
      {invoice.creditApplied ? (
        <Row label="Credit from your account" value={`− ${m(invoice.creditApplied)}`} testId="invoice-credit-applied" />
      ) : null}
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
  const credits = invoice.creditMemos.map((c) => ({
    id: c.id,
    amount: c.amount,
    currency: c.currency,
    // The day it was issued on the organization's wall (as the server dates payments), not the UTC day.
    receivedOn: c.issuedOn,
    method: 'OTHER' as const,
    kind: 'PAYMENT' as const,
    label: `Credit · ${c.reason}`,
  }));
  // Payments come newest received first (as the admin Payments list): credit notes join them by date, after a
  // day's payments (the sort is stable).
  const day = (p: { receivedOn: string }) => p.receivedOn.slice(0, 10);
  const newestFirst = [...invoice.payments, ...credits].sort((a, b) => day(b).localeCompare(day(a)));
  return <PaymentHistory payments={newestFirst} testId="invoice-payments" />;
}
