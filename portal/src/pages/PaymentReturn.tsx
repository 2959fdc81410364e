import { useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Anchor, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorState, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { InvoiceDetailQuery, InvoiceUpdatedSubscription } from '../documents';
import { isNotFound } from '@settle/web-kit/errors';
import { formatMoney } from '@settle/web-kit/money';
import { checkoutPayment, forgetPendingPayment, pendingPayment } from '../lib/pending-payment';
import { usePortalTitle } from '../lib/page-title';

/** After this long without news we say so plainly (the page keeps listening). */
const SLOW_MS = 30_000;
/** Until then, while waiting, the invoice is also re-read this often (see below). */
const RECHECK_MS = 3_000;

/**
 * Stripe's success_url. The payment is confirmed by Stripe's webhook, which may land a moment after the
 * browser: show "processing" until the invoiceUpdated subscription (or the first load) shows the money,
 * then the amount paid and what remains, without a reload. A push sent after the first load but before
 * the subscription was registered on the server is never sent again, so while the page waits it also
 * re-reads the invoice every few seconds until the payment shows (or it calls the wait slow).
 */
export default function PaymentReturn() {
  const { id = '' } = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const sessionId = search.get('session_id');
  const [pending] = useState(() => pendingPayment(id));
  const [pushed, setPushed] = useState(false);
  const [slow, setSlow] = useState(false);
  const { data, loading, error, startPolling, stopPolling } = useQuery(InvoiceDetailQuery, { variables: { id } });
  useSubscription(InvoiceUpdatedSubscription, { variables: { invoiceId: id }, onData: () => setPushed(true) });

  const inv = data?.invoice;
  // The payment of the Checkout session Stripe sent the payer back from, once it is recorded.
  const justPaid = inv ? checkoutPayment(inv.payments, sessionId) : null;
  // The payer may change the amount on Stripe's page (partial payments), so "landed" means the session's
  // payment is recorded, or the amount paid grew since we left, not that it grew by exactly what was chosen.
  const landed =
    !!inv &&
    (inv.status === 'PAID' ||
      !!justPaid ||
      (pending ? inv.amountPaid > pending.amountPaidBefore : pushed && inv.amountPaid > 0));
  usePortalTitle(landed ? 'Payment received' : 'Processing your payment');
  useEffect(() => {
    if (landed) forgetPendingPayment(id);
  }, [landed, id]);
  useEffect(() => {
    const t = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(t);
  }, []);
  // The race is only at the start: by the time we call it slow the subscription is long registered.
  useEffect(() => {
    if (landed || slow) return;
    startPolling(RECHECK_MS);
    return () => stopPolling();
  }, [landed, slow, startPolling, stopPolling]);

  if (isNotFound(error)) return <ErrorState error={error} title="Invoice not found" />;
  if (error && !data) return <ErrorState error={error} title="Could not load this invoice" />;
  if (loading && !inv) return <Loading />;
  if (!inv) return null;
  const paidNow =
    justPaid?.amount ??
    (pending
      ? inv.amountPaid - pending.amountPaidBefore
      : // Without the session's payment: payments come newest received first, the first card payment is likely it.
        (inv.payments.find((p) => p.source === 'STRIPE' && p.kind === 'PAYMENT')?.amount ?? inv.amountPaid));

  return (
    <Stack gap="lg" maw={560} mx="auto" data-testid="payment-return" data-state={landed ? 'done' : 'processing'}>
      {landed ? (
        <Card withBorder padding="xl" data-testid="payment-done">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={1} size="h2">
                Thank you, payment received
              </Title>
              <StatusBadge status={inv.displayStatus} />
            </Group>
            <Text>
              We received <b data-testid="paid-amount">{formatMoney(paidNow, inv.currency)}</b> for invoice {inv.number}
              .
            </Text>
            <Text data-testid="remaining-balance">
              {inv.balanceDue > 0 ? (
                <>
                  Remaining balance: <b>{formatMoney(inv.balanceDue, inv.currency)}</b>
                </>
              ) : (
                'This invoice is now paid in full.'
              )}
            </Text>
            <Anchor component={Link} to={`/invoices/${inv.id}`}>
              View the invoice
            </Anchor>
          </Stack>
        </Card>
      ) : (
        <Card withBorder padding="xl" data-testid="payment-processing">
          <Stack gap="sm" align="flex-start">
            <Group gap="sm">
              <Loader size="sm" />
              <Title order={1} size="h2">
                Processing your payment…
              </Title>
            </Group>
            <Text c="dimmed">
              Stripe has your payment for invoice {inv.number}. We are waiting for the confirmation; this page updates
              by itself.
            </Text>
            {slow ? (
              <Alert color="yellow" variant="light">
                This is taking longer than usual. You can leave this page: the invoice will show the payment once it is
                confirmed.
              </Alert>
            ) : null}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
