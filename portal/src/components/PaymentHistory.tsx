import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { cardLabel, paymentMethodName } from '@settle/web-kit/payment-card';
import type { PaymentKind, PaymentMethod } from '../gql/graphql';

export interface PaymentHistoryItem {
  id: string;
  amount: number;
  currency: string;
  receivedOn: string;
  method: PaymentMethod;
  kind: PaymentKind;
  reference?: string;
  invoiceId?: string;
  /** A card payment's brand as the provider names it (visa, mastercard…) and its last 4 digits. */
  cardBrand?: string | null;
  cardLast4?: string | null;
  /** The provider's receipt page for this payment. */
  receiptUrl?: string | null;
  /** Replaces the method label (a credit note shown among the payments). */
  label?: string;
}

/**
 * How a client names a payment: the method with the card's brand and last 4 ("Visa ·· 4242"), a check's
 * number ("Check · 1042", what the client wrote on it), never a provider's internal id (a Stripe Checkout
 * session, a QuickBooks record).
 */
export function paymentMethodLabel(
  p: Pick<PaymentHistoryItem, 'method' | 'kind' | 'reference' | 'cardBrand' | 'cardLast4'>,
): string {
  const method = paymentMethodName(p.method);
  if (p.kind === 'REFUND') return `Refund to ${method.toLowerCase()}`;
  if (p.kind === 'ADJUSTMENT') return `Payment corrected (${method.toLowerCase()})`;
  if (p.method === 'CHECK' && p.reference) return `${method} · ${p.reference}`;
  return (p.method === 'CARD' ? cardLabel(p, method) : cardLabel({ cardLast4: p.cardLast4 }, method)) ?? method;
}

const num = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * Payments as a list that reads the same on a phone and a desktop: date and method on the left, amount on
 * the right; with `invoiceNumber` each payment links to its invoice.
 */
export function PaymentHistory({
  payments,
  invoiceNumber,
  testId,
}: {
  payments: PaymentHistoryItem[];
  invoiceNumber?: (invoiceId: string) => string | undefined;
  testId: string;
}) {
  return (
    <Stack gap={0} data-testid={testId} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {payments.map((p, i) => (
        <Group
          key={p.id}
          component="li"
          justify="space-between"
          align="flex-start"
          wrap="nowrap"
          gap="sm"
          py="xs"
          style={i ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
          data-testid="payment-item"
        >
          <Stack gap={2} miw={0}>
            <Text size="sm" fw={500}>
              {p.label ?? paymentMethodLabel(p)}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDate(p.receivedOn)}
              {invoiceNumber && p.invoiceId ? (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/invoices/${p.invoiceId}`} size="xs">
                    {invoiceNumber(p.invoiceId) ? `Invoice ${invoiceNumber(p.invoiceId)}` : 'View invoice'}
                  </Anchor>
                </>
              ) : null}
              {p.receiptUrl ? (
                <>
                  {' · '}
                  <Anchor
                    href={p.receiptUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                    size="xs"
                    data-testid="payment-receipt"
                  >
                    Receipt
                  </Anchor>
                </>
              ) : null}
            </Text>
          </Stack>
          <Text size="sm" fw={500} style={{ ...num, whiteSpace: 'nowrap' }}>
            {formatMoney(p.amount, p.currency)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
