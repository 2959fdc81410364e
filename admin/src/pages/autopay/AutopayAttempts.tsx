import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDateTime } from '@settle/web-kit/dates';
import { apiError } from '@settle/web-kit/errors';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminAutopayAttemptsQuery, AutopayAttemptOutcome } from '../../gql/graphql';
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

/** The invoice page's card: this invoice's automatic charges, one line each. */
export function InvoiceAutopayCard({ invoiceId }: { invoiceId: string }) {
  return (
    <AttemptsCard of={{ invoiceId }} order={5}>
      {(attempts) => (
        <Stack gap="xs" data-testid="invoice-autopay-attempts">
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
