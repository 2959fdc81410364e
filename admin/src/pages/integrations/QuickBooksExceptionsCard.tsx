import { useState } from 'react';
import { Badge, Button, Card, Group, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryTable, listOf } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import { ActOnQuickBooksException, QuickBooksExceptionsQuery } from './quickbooks-documents';
import { notifyOnFailure } from '../../lib/actions';
import { bindChecked } from '@settle/web-kit/fields';

export function QuickBooksExceptionsCard() {
  const [includeResolved, setIncludeResolved] = useState(false);
  const query = useQuery(QuickBooksExceptionsQuery, { variables: { includeResolved } });
  const [actOn] = useMutation(ActOnQuickBooksException);

  async function act(kind: 'resolve' | 'retry', id: string) {
    await notifyOnFailure(async () => {
      await actOn({ variables: { id, retry: kind === 'retry' } });
      notifications.show({ message: kind === 'retry' ? 'Queued again' : 'Marked resolved' });
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
        {...listOf(query, (d) => d.quickBooksExceptions)}
        empty="No sync exceptions. Everything reached QuickBooks."
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
                  {x.operationId && (
                    <Button size="xs" variant="default" onClick={() => void act('retry', x.id)}>
                      Retry
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
