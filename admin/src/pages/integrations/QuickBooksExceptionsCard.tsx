import { useState } from 'react';
import { Badge, Button, Card, Group, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryTable, listOf } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import { ActOnQuickBooksException, QuickBooksExceptionsQuery, SettleQuickBooksEdit } from './quickbooks-documents';
import { notifyOnFailure } from '../../lib/actions';
import { bindChecked } from '@settle/web-kit/fields';
import { Link } from 'react-router';
import { formatDate } from '@settle/web-kit/dates';
import { LatestReconciliationQuery } from '../reconciliation/reconciliation-documents';

/**
 * What the card says when no sync job failed: a failed job is not the only way the books drift, so the
 * claim that QuickBooks has everything comes from the latest reconciliation run, not from the empty list.
 */
function booksClaim(run: { periodFrom: string; periodTo: string; openWithQuickBooks: number } | undefined) {
  if (!run)
    return (
      <>
        No sync exceptions. No reconciliation has compared QuickBooks with Settle yet:{' '}
        <Link to="/reconciliation">run one</Link>.
      </>
    );
  const period = `${formatDate(run.periodFrom)} – ${formatDate(run.periodTo)}`;
  if (run.openWithQuickBooks === 0)
    return `No sync exceptions, and the latest reconciliation (${period}) found everything in QuickBooks.`;
  return (
    <>
      No sync exceptions, but the latest reconciliation ({period}) found {run.openWithQuickBooks} difference
      {run.openWithQuickBooks === 1 ? '' : 's'} with QuickBooks: <Link to="/reconciliation">review them</Link>.
    </>
  );
}

const DONE = {
  resolve: 'Marked resolved',
  retry: 'Queued again',
  keepSettle: 'Settle’s version will be pushed to QuickBooks',
  acceptQuickBooks: 'The client now has QuickBooks’ name and email',
};

export function QuickBooksExceptionsCard() {
  const [includeResolved, setIncludeResolved] = useState(false);
  const query = useQuery(QuickBooksExceptionsQuery, { variables: { includeResolved } });
  const [actOn] = useMutation(ActOnQuickBooksException);
  const [settleEdit] = useMutation(SettleQuickBooksEdit);
  const latest = useQuery(LatestReconciliationQuery, { fetchPolicy: 'cache-and-network' });

  async function act(kind: 'resolve' | 'retry' | 'keepSettle' | 'acceptQuickBooks', id: string) {
    await notifyOnFailure(async () => {
      if (kind === 'keepSettle' || kind === 'acceptQuickBooks')
        await settleEdit({ variables: { id, acceptQuickBooks: kind === 'acceptQuickBooks' } });
      else await actOn({ variables: { id, retry: kind === 'retry' } });
      notifications.show({ message: DONE[kind] });
      await query.refetch();
    });
  }

  return (
    <Card withBorder data-testid="quickbooks-exceptions">
      <Group justify="space-between" mb="sm">
        <Title order={4}>QuickBooks sync exceptions</Title>
        <Switch size="xs" label="Show resolved" {...bindChecked(includeResolved, setIncludeResolved)} />
      </Group>
      <QueryTable
        {...listOf(query, (d) => d.quickBooksExceptions.nodes)}
        empty={<span data-testid="quickbooks-books-claim">{booksClaim(latest.data?.reconciliationRuns.nodes[0])}</span>}
        withHeader={false}
        highlightOnHover={false}
        columns={[
          {
            key: 'at',
            td: { w: 170 },
            render: (x) => (
              <Text size="xs" c="dimmed">
                {formatDateTime(x.createdAt)}
              </Text>
            ),
          },
          {
            key: 'kind',
            td: { w: 140 },
            render: (x) => (
              <Badge variant="light" color={x.resolvedAt ? 'gray' : 'orange'}>
                {x.kind}
              </Badge>
            ),
          },
          {
            key: 'message',
            render: (x) => (
              <>
                <Text size="sm">{x.message}</Text>
                {x.differences.map((d) => (
                  <Text size="xs" key={d.field} data-testid="quickbooks-difference">
                    <b>{d.field}</b>: Settle “{d.settle}” · QuickBooks “{d.quickBooks}”
                  </Text>
                ))}
                {x.resolvedAt && (
                  <Text size="xs" c="dimmed">
                    Resolved by {x.resolvedBy} · {formatDateTime(x.resolvedAt)}
                  </Text>
                )}
              </>
            ),
          },
          {
            key: 'actions',
            align: 'right',
            render: (x) =>
              !x.resolvedAt && (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {x.canKeepSettle ? (
                    <Button size="xs" variant="default" onClick={() => void act('keepSettle', x.id)}>
                      Keep Settle’s version
                    </Button>
                  ) : (
                    x.canRetry && (
                      <Button size="xs" variant="default" onClick={() => void act('retry', x.id)}>
                        Retry
                      </Button>
                    )
                  )}
                  {x.canAcceptQuickBooks && (
                    <Button size="xs" variant="default" onClick={() => void act('acceptQuickBooks', x.id)}>
                      Accept QuickBooks’
                    </Button>
                  )}
                  <Button size="xs" variant="subtle" onClick={() => void act('resolve', x.id)}>
                    Resolve
                  </Button>
                </Group>
              ),
          },
        ]}
      />
    </Card>
  );
}
