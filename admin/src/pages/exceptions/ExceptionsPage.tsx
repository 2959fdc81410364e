import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { AdminPaymentExceptionFragment, PaymentExceptionStatus } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { ListState } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { PaymentExceptionsQuery } from './exception-documents';
import { DismissModal, RefundModal } from './ExceptionActionModals';
import { kindInWords, providerInWords } from './exception-words';

type Exc = AdminPaymentExceptionFragment;
const STATUS_COLORS: Record<string, string> = { OPEN: 'red', REFUNDED: 'green', DISMISSED: 'gray' };

export default function ExceptionsPage() {
  const [filter, setFilter] = useState<'OPEN' | 'ALL'>('OPEN');
  const status: PaymentExceptionStatus[] | null = filter === 'OPEN' ? ['OPEN'] : null;
  const query = useQuery(PaymentExceptionsQuery, {
    variables: { status },
    fetchPolicy: 'cache-and-network',
  });
  const [action, setAction] = useState<{ kind: 'refund' | 'dismiss'; exception: Exc } | null>(null);
  return (
    <>
      <PageHeader
        title="Payment exceptions"
        description="Money that arrived where it should not: for a void invoice, or more than the balance due. It is recorded; refund it or dismiss it with a reason."
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
        <ListState query={query} data={query.data?.paymentExceptions} empty="No payment exceptions">
          {(rows) => (
            // On a phone the table scrolls sideways rather than hiding its Refund and Dismiss buttons.
            <Table.ScrollContainer minWidth={860}>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Raised</Table.Th>
                    <Table.Th>Invoice</Table.Th>
                    <Table.Th>What happened</Table.Th>
                    <Table.Th ta="right">Not owed</Table.Th>
                    <Table.Th>Provider</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((e) => (
                    <Table.Tr key={e.id} data-testid="payment-exception">
                      <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/invoices/${e.invoice.id}`}>
                          {e.invoice.number}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {e.invoice.client.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{kindInWords(e.kind)}</Text>
                        <Text size="xs" c="dimmed">
                          Payment of {formatMoney(e.payment.amount, e.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(e.amount, e.currency)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{providerInWords(e.source)}</Text>
                        {e.providerPaymentId && (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {e.providerPaymentId}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          color={STATUS_COLORS[e.status] ?? 'gray'}
                          variant="light"
                          styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
                        >
                          {e.status === 'OPEN' ? 'Open' : e.status === 'REFUNDED' ? 'Refunded' : 'Dismissed'}
                        </Badge>
                        {e.resolvedBy && (
                          <Text size="xs" c="dimmed">
                            {e.resolvedBy}
                            {e.resolvedAt ? ` · ${formatDateTime(e.resolvedAt)}` : ''}
                          </Text>
                        )}
                        {e.resolutionNote && <Text size="xs">{e.resolutionNote}</Text>}
                      </Table.Td>
                      <Table.Td>
                        {e.status === 'OPEN' && (
                          <Group gap="xs" justify="flex-end" wrap="nowrap">
                            <Button
                              size="xs"
                              color="red"
                              variant="light"
                              onClick={() => setAction({ kind: 'refund', exception: e })}
                            >
                              Refund…
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setAction({ kind: 'dismiss', exception: e })}
                            >
                              Dismiss…
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </ListState>
      </Card>
      {action?.kind === 'refund' && <RefundModal exception={action.exception} opened onClose={() => setAction(null)} />}
      {action?.kind === 'dismiss' && (
        <DismissModal exception={action.exception} opened onClose={() => setAction(null)} />
      )}
    </>
  );
}
