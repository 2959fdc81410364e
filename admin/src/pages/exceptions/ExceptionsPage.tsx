import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Text } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { AdminPaymentExceptionFragment, PaymentExceptionStatus } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { PaymentExceptionsQuery } from './exception-documents';
import { DismissModal, KeepAsCreditModal, RefundModal } from './ExceptionActionModals';
import { kindInWords, providerInWords } from './exception-words';

type Exc = AdminPaymentExceptionFragment;
const STATUS_COLORS: Record<string, string> = {
  OPEN: 'red',
  REFUNDED: 'green',
  DISMISSED: 'gray',
  KEPT_AS_CREDIT: 'blue',
};
const STATUS_WORDS: Record<string, string> = {
  OPEN: 'Open',
  REFUNDED: 'Refunded',
  DISMISSED: 'Dismissed',
  KEPT_AS_CREDIT: 'Kept as credit',
};

export default function ExceptionsPage() {
  const [filter, setFilter] = useState<'OPEN' | 'ALL'>('OPEN');
  const status: PaymentExceptionStatus[] | null = filter === 'OPEN' ? ['OPEN'] : null;
  const query = useQuery(PaymentExceptionsQuery, {
    variables: { status },
    fetchPolicy: 'cache-and-network',
  });
  const [action, setAction] = useState<{ kind: 'refund' | 'dismiss' | 'credit'; exception: Exc } | null>(null);
  return (
    <>
      <PageHeader
        title="Payment exceptions"
        description="Money that arrived where it should not: for a void invoice, or more than the balance due. It is recorded; refund it, keep it as the client's credit, or dismiss it with a reason."
        actions={
          <SegmentedControl
            value={filter}
            onChange={(v) => setFilter(v as 'OPEN' | 'ALL')}
            data={[
              { value: 'OPEN', label: 'Open' },
              { value: 'ALL', label: 'All' },
            ]}
          />
        }
      />
      <Card withBorder>
        {/* On a phone the table scrolls sideways rather than hiding its Refund and Dismiss buttons. */}
        <QueryTable
          query={query}
          data={query.data?.paymentExceptions.nodes}
          empty="No payment exceptions"
          miw={860}
          rowProps={() => ({ 'data-testid': 'payment-exception' })}
          columns={[
            { key: 'raised', header: 'Raised', render: (e) => formatDateTime(e.createdAt) },
            { key: 'invoice', header: 'Invoice', render: (e) => <InvoiceCell exception={e} /> },
            {
              key: 'what',
              header: 'What happened',
              render: (e) => (
                <>
                  <Text size="sm">{kindInWords(e.kind)}</Text>
                  <Text size="xs" c="dimmed">
                    Payment of {formatMoney(e.payment.amount, e.currency)}
                  </Text>
                </>
              ),
            },
            { key: 'amount', header: 'Not owed', align: 'right', render: (e) => formatMoney(e.amount, e.currency) },
            {
              key: 'provider',
              header: 'Provider',
              render: (e) => (
                <>
                  <Text size="sm">{providerInWords(e.source)}</Text>
                  {e.providerPaymentId && (
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.providerPaymentId}
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'status', header: 'Status', render: (e) => <StatusCell exception={e} /> },
            {
              key: 'actions',
              render: (e) =>
                e.status === 'OPEN' && (
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setAction({ kind: 'refund', exception: e })}
                    >
                      Refund…
                    </Button>
                    <Button size="xs" variant="light" onClick={() => setAction({ kind: 'credit', exception: e })}>
                      Keep as client credit…
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setAction({ kind: 'dismiss', exception: e })}>
                      Dismiss…
                    </Button>
                  </Group>
                ),
            },
          ]}
        />
      </Card>
      {action?.kind === 'refund' && <RefundModal exception={action.exception} opened onClose={() => setAction(null)} />}
      {action?.kind === 'credit' && (
        <KeepAsCreditModal exception={action.exception} opened onClose={() => setAction(null)} />
      )}
      {action?.kind === 'dismiss' && (
        <DismissModal exception={action.exception} opened onClose={() => setAction(null)} />
      )}
    </>
  );
}

function InvoiceCell({ exception: e }: { exception: Exc }) {
  return (
    <>
      <Anchor component={Link} to={`/invoices/${e.invoice.id}`}>
        {e.invoice.number}
      </Anchor>
      <Text size="xs" c="dimmed">
        {e.invoice.client.name}
      </Text>
    </>
  );
}

function StatusCell({ exception: e }: { exception: Exc }) {
  return (
    <>
      <Badge
        color={STATUS_COLORS[e.status] ?? 'gray'}
        variant="light"
        styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
      >
        {STATUS_WORDS[e.status] ?? e.status}
      </Badge>
      {e.resolvedBy && (
        <Text size="xs" c="dimmed">
          {e.resolvedBy}
          {e.resolvedAt ? ` · ${formatDateTime(e.resolvedAt)}` : ''}
        </Text>
      )}
      {e.resolutionNote && <Text size="xs">{e.resolutionNote}</Text>}
    </>
  );
}
