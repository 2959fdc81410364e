import { Badge, Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime } from '@settle/web-kit/dates';
import { Pager, useCursorPages } from '@settle/web-kit/pager';
import type { WebhookDeliveryStatus } from '../../gql/graphql';
import { ListTable, listOf } from '../../components/QueryState';
import { TitledCard } from '../../components/TitledCard';
import { humanize } from '../../components/StatusBadge';
import { notifyOnFailure } from '../../lib/actions';
import { ResendWebhookDelivery, WebhookDeliveriesQuery } from './webhook-endpoints-documents';

const PAGE_SIZE = 50;

const STATUS_COLORS: Record<WebhookDeliveryStatus, string> = { PENDING: 'yellow', SUCCEEDED: 'green', FAILED: 'red' };

/** The deliveries log of one endpoint, newest first, with a resend per delivery. */
export function WebhookDeliveries({ endpointId, url }: { endpointId: string; url: string }) {
  const pages = useCursorPages();
  const query = useQuery(WebhookDeliveriesQuery, {
    variables: { endpointId, first: PAGE_SIZE, after: pages.after },
  });
  const log = query.data?.webhookDeliveries;
  const [resend] = useMutation(ResendWebhookDelivery);

  async function doResend(id: string) {
    await notifyOnFailure(async () => {
      await resend({ variables: { id } });
      notifications.show({ message: 'Queued to be sent again' });
      await query.refetch();
    });
  }

  return (
    <TitledCard
      title={`Deliveries to ${url}`}
      order={2}
      size="h4"
      action={
        <Button variant="default" size="xs" onClick={() => void query.refetch()}>
          Refresh
        </Button>
      }
    >
      <ListTable
        {...listOf(query, (d) => d.webhookDeliveries.nodes)}
        empty="Nothing sent to this endpoint yet. Send a test event to try it."
        columns={['Event', 'Status', 'HTTP', 'Time', 'Attempts', 'Last attempt', 'Answer', '']}
        row={(d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Text size="sm">{d.eventType}</Text>
              <Code fz="xs">{d.eventId}</Code>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={STATUS_COLORS[d.status]}>
                {humanize(d.status)}
              </Badge>
              {d.nextRetryAt && (
                <Text size="xs" c="dimmed">
                  retry {formatDateTime(d.nextRetryAt)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{d.httpStatus ?? '—'}</Table.Td>
            <Table.Td>{d.latencyMs === null || d.latencyMs === undefined ? '—' : `${d.latencyMs} ms`}</Table.Td>
            <Table.Td>{d.attemptCount}</Table.Td>
            <Table.Td>{d.lastAttemptAt ? formatDateTime(d.lastAttemptAt) : '—'}</Table.Td>
            <Table.Td maw={260}>
              <Tooltip
                label={d.responseExcerpt ?? d.error ?? ''}
                disabled={!d.responseExcerpt && !d.error}
                multiline
                w={320}
              >
                <Text size="xs" c={d.error ? 'red' : 'dimmed'} truncate>
                  {d.error ?? d.responseExcerpt ?? ''}
                </Text>
              </Tooltip>
            </Table.Td>
            <Table.Td ta="right">
              <Group justify="flex-end">
                <Button size="xs" variant="subtle" onClick={() => void doResend(d.id)}>
                  Resend
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      {log && log.totalCount > PAGE_SIZE && (
        <Pager connection={log} pages={pages} noun="deliveries" pageSize={PAGE_SIZE} />
      )}
    </TitledCard>
  );
}
