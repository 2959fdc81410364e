import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PayStateQuery, StartPaymentMutation } from '../pay-documents';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import { formatMoney, parseMoney, minorToDecimal } from '@settle/web-kit/money';
import { rememberPendingPayment } from '../lib/pending-payment';
import { bindText } from '@settle/web-kit/fields';

interface Props {
  invoiceId: string;
  currency: string;
  balanceDue: number;
  amountPaid: number;
}

/**
 * The Pay button, shown only when the API says the invoice is payable online. With partial payments
 * allowed the client picks "full balance" or an amount. Pay asks the API for a Stripe Checkout URL and
 * sends the browser there; Stripe returns to /invoices/:id/paid (or back here on cancel).
 */
export function PayPanel({ invoiceId, currency, balanceDue, amountPaid }: Props) {
  const { data } = useQuery(PayStateQuery, { variables: { id: invoiceId }, fetchPolicy: 'cache-and-network' });
  const [start, { loading, error }] = useMutation(StartPaymentMutation);
  const [choice, setChoice] = useState<'full' | 'other'>('full');
  const [amountText, setAmountText] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  const state = data?.invoice;
  if (!state?.payable || balanceDue <= 0) return null;

  const problem = apiErrorOrNull(error);
  async function pay(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    let amount = balanceDue;
    if (state?.allowPartialPayment && choice === 'other') {
      const parsed = parseMoney(amountText, currency, { decimalComma: true });
      // The parser says what is wrong with what was typed (an ambiguous comma, too many decimals…).
      if (!parsed.ok) return setLocalError(parsed.error);
      if (parsed.minor <= 0)
        return setLocalError(`Enter an amount like ${minorToDecimal(Math.min(balanceDue, 10 ** 4), currency)}`);
      if (parsed.minor > balanceDue)
        return setLocalError(`At most the balance due, ${formatMoney(balanceDue, currency)}`);
      amount = parsed.minor;
    }
    const r = await start({ variables: { invoiceId, amount: amount === balanceDue ? null : amount } }).catch(
      () => null,
    );
    const url = r?.data?.startInvoicePayment.url;
    if (!url) return;
    rememberPendingPayment({ invoiceId, amountPaidBefore: amountPaid, amount, currency, startedAt: Date.now() });
    setRedirecting(true);
    window.location.assign(url);
  }

  return (
    <Card withBorder padding="lg" data-testid="pay-panel">
      <form onSubmit={pay} noValidate>
        <Stack gap="sm">
          <Text fw={600}>Pay online</Text>
          {state.allowPartialPayment ? (
            <Radio.Group value={choice} onChange={(v) => setChoice(v as 'full' | 'other')} name="pay-amount-choice">
              <Stack gap={6}>
                <Radio value="full" label={`Full balance, ${formatMoney(balanceDue, currency)}`} />
                <Radio value="other" label="Another amount" data-testid="pay-other-amount" />
              </Stack>
            </Radio.Group>
          ) : null}
          {state.allowPartialPayment && choice === 'other' ? (
            <TextInput
              label={`Amount (${currency})`}
              inputMode="decimal"
              name="amount"
              placeholder={minorToDecimal(balanceDue, currency)}
              {...bindText(amountText, setAmountText, localError ?? problem?.fields.amount)}
            />
          ) : null}
          {problem && !problem.fields.amount ? (
            <Alert color="red" role="alert">
              {problem.formMessage ?? Object.values(problem.fields)[0]}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" size="md" loading={loading || redirecting} data-testid="pay-button">
              {choice === 'full' || !state.allowPartialPayment
                ? `Pay ${formatMoney(balanceDue, currency)}`
                : 'Pay this amount'}
            </Button>
            <Text size="xs" c="dimmed">
              You will enter your card on Stripe's secure page.
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
