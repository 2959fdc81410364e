import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import { apiError } from '@settle/web-kit/errors';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminAutopayAttemptsQuery, AutopayAttemptOutcome, AutopayHoldReason } from '../../gql/graphql';
import { TitledCard } from '../../components/TitledCard';
import { LookBadge, type BadgeLook } from '../../components/StatusBadge';
import { useViewer } from '../../lib/role';
import { AutopayAttemptsQuery } from './autopay-documents';

type Attempt = AdminAutopayAttemptsQuery['autopayAttempts'][number];

const OUTCOMES: Record<AutopayAttemptOutcome, BadgeLook> = {
  SUCCEEDED: { label: 'Succeeded', color: 'green' },
  PROCESSING: { label: 'Processing', color: 'blue' },
  DECLINED: { label: 'Declined', color: 'red' },
  AUTHENTICATION_REQUIRED: { label: 'Authentication required', color: 'orange' },
  PAY_LINK: { label: 'Fell back to pay link', color: 'gray' },
  BELOW_MINIMUM: { label: "Below Stripe's minimum", color: 'gray' },
};

const methodOf = (a: Attempt) =>
  a.methodLast4 ? `${a.methodBrand ?? 'Bank account'} •••• ${a.methodLast4}` : 'Method not recorded';

/** What Stripe said, and what happens next (a retry, or the pay link the client was emailed). */
function Detail({ a }: { a: Attempt }) {
  const why = a.declineCode ? `${a.declineCode}${a.message ? `: ${a.message}` : ''}` : null;
  const next =
    a.nextRetryAt != null
      ? `Retry ${formatDateTime(a.nextRetryAt)}`
      : a.outcome === 'PAY_LINK' || a.outcome === 'AUTHENTICATION_REQUIRED'
        ? 'No retry; the client was emailed a pay link'
        : a.outcome === 'BELOW_MINIMUM'
          ? 'No retry: Stripe takes no charge this small; collect it another way (check, credit memo)'
          : null;
  if (!why && !next) return null;
  return (
    <Text size="xs" c="dimmed">
      {[why, next].filter(Boolean).join(' · ')}
    </Text>
  );
}

function Outcome({ a }: { a: Attempt }) {
  return <LookBadge status={a.outcome} looks={OUTCOMES} />;
}

/** One client's or one invoice's attempts, and whether charges are paused; asked of billing staff only. */
function useAttempts(variables: { clientId?: string; invoiceId?: string }) {
  const billing = useViewer().can('BILLING');
  const q = useQuery(AutopayAttemptsQuery, { variables, skip: !billing, fetchPolicy: 'cache-and-network' });
  const paused = q.data?.quickBooksConnection?.status === 'ERROR';
  return { billing, attempts: q.data?.autopayAttempts, error: q.error, paused };
}

/**
 * While QuickBooks refuses Settle, its Pay Now payments cannot be seen, so no charge is made (the client
 * may have paid there): said where the charges are listed, or staff would wonder why none come.
 */
function PausedNotice() {
  return (
    <Alert color="orange" data-testid="autopay-paused" p="xs">
      <Text size="sm">
        Automatic charges are paused: QuickBooks needs reconnecting, and Settle must first check the client did not pay
        there.{' '}
        <Anchor component={Link} to="/integrations" size="sm">
          Reconnect QuickBooks
        </Anchor>
      </Text>
    </Alert>
  );
}

/**
 * Both pages' card, for billing staff only (the server refuses technicians): its title, the paused
 * notice, then the attempts (undefined while loading) or the API's error.
 */
function AttemptsCard(p: {
  of: { clientId?: string; invoiceId?: string };
  order: 3 | 5;
  children: (attempts: Attempt[] | undefined) => ReactNode;
}) {
  const { billing, attempts, error, paused } = useAttempts(p.of);
  if (!billing) return null;
  return (
    <TitledCard title="Automatic payments" order={p.order}>
      {paused ? <PausedNotice /> : null}
      {error ? (
        <Text c="red" size="sm">
          {apiError(error).message}
        </Text>
      ) : (
        p.children(attempts)
      )}
    </TitledCard>
  );
}

/** The client page's section: every automatic charge of the client's invoices, newest first. */
export function ClientAutopayAttempts({ clientId }: { clientId: string }) {
  return (
    <AttemptsCard of={{ clientId }} order={3}>
      {(attempts) => (
        <div data-testid="client-autopay-attempts">
          <DataTable
            rows={attempts ?? []}
            rowKey={(a) => a.id}
            rowProps={(a) => ({ 'data-testid': `autopay-attempt-${a.invoiceNumber}-${a.attemptNo}` })}
            emptyRow={
              <Text c="dimmed" size="sm">
                {attempts
                  ? 'No automatic charges yet. With autopay on and a saved method, due invoices are charged here.'
                  : 'Loading…'}
              </Text>
            }
            columns={[
              { key: 'when', header: 'When', render: (a) => formatDateTime(a.attemptedAt) },
              {
                key: 'invoice',
                header: 'Invoice',
                td: { style: { whiteSpace: 'nowrap' } },
                render: (a) => (
                  <Anchor component={Link} to={`/invoices/${a.invoiceId}`} size="sm">
                    {a.invoiceNumber}
                  </Anchor>
                ),
              },
              { key: 'amount', header: 'Amount', align: 'right', render: (a) => formatMoney(a.amount, a.currency) },
              { key: 'method', header: 'Method', td: { style: { whiteSpace: 'nowrap' } }, render: (a) => methodOf(a) },
              {
                key: 'outcome',
                header: 'Outcome',
                render: (a) => (
                  <Stack gap={2}>
                    <Outcome a={a} />
                    <Detail a={a} />
                  </Stack>
                ),
              },
            ]}
          />
        </div>
      )}
    </AttemptsCard>
  );
}

/** Why autopay did not charge a due invoice, finishing "Autopay did not charge this invoice: …". */
const HOLD_REASONS: Record<AutopayHoldReason, string> = {
  NO_DEFAULT_METHOD: 'the client has no default card or bank account on file',
  AUTOPAY_OFF: "the client's autopay is off",
  NOT_DUE: 'it is not due yet',
  NOT_OPEN: 'it is no longer open for payment',
  DISPUTED: 'a payment of it is disputed',
  REFUNDED: 'money on it was refunded or charged back; collect the rest yourself',
  PAYMENT_CORRECTED: 'a payment of it was voided or lowered after it was recorded; the client may have paid already',
  STRIPE_EVENT_PENDING: 'a payment Stripe reported is still being recorded',
  LAST_ATTEMPT_SUCCEEDED: 'the last charge took the money and is being recorded',
  LAST_ATTEMPT_PROCESSING: 'a bank debit of it is still on its way',
  RETRY_NOT_DUE: 'the last charge was declined; it is tried again on the retry date',
  RETRIES_ENDED: 'the card or bank declined every retry; the client was emailed a pay link',
  PAID_ELSEWHERE: 'the client seems to have paid in QuickBooks, not yet recorded here',
  HOSTED_INVOICE_PAID: "the client paid on Stripe's invoice page; the payment is on its way",
  HOSTED_DEBIT_PROCESSING: "the client's bank debit on Stripe's invoice page is still processing",
  PAYMENT_IN_FLIGHT: 'Stripe holds a payment of it that is not recorded yet',
};

export type AutopayHold = { reason: AutopayHoldReason; since: string; checkedAt: string };

/** The invoice page's card: why autopay is not charging it (when it is not), then its automatic charges, one line each. */
export function InvoiceAutopayCard({ invoiceId, hold }: { invoiceId: string; hold?: AutopayHold | null }) {
  return (
    <AttemptsCard of={{ invoiceId }} order={5}>
      {(attempts) => (
        <Stack gap="xs" data-testid="invoice-autopay-attempts">
          {hold ? (
            <Alert color="orange" p="xs" data-testid="autopay-hold">
              <Text size="sm" title={`Last checked ${formatDateTime(hold.checkedAt)}`}>
                Autopay did not charge this invoice: {HOLD_REASONS[hold.reason]} (since {formatDate(hold.since)}).
              </Text>
            </Alert>
          ) : null}
          {attempts && attempts.length === 0 ? (
            <Text c="dimmed" size="sm">
              Not charged automatically. It is when the client has autopay on with a saved method and the invoice is
              due.
            </Text>
          ) : (
            (attempts ?? []).map((a) => (
              <div key={a.id}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {formatMoney(a.amount, a.currency)} · {methodOf(a)}
                  </Text>
                  <Outcome a={a} />
                </Group>
                <Text size="xs" c="dimmed">
                  Attempt {a.attemptNo} · {formatDateTime(a.attemptedAt)}
                </Text>
                <Detail a={a} />
              </div>
            ))
          )}
        </Stack>
      )}
    </AttemptsCard>
  );
}
