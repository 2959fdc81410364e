import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { ListState } from '../../components/QueryState';
import { formatDateTime } from '@settle/web-kit/dates';
import { StripeWebhookEventsQuery } from './stripe-documents';

export const EVENT_COLORS: Record<string, string> = {
  DONE: 'green',
  PENDING: 'gray',
  PROCESSING: 'blue',
  FAILED: 'red',
  REJECTED: 'orange',
};

export function RecentStripeDeliveries() {
  const query = useQuery(StripeWebhookEventsQuery, { variables: { first: 5 } });
  return (
    <ListState query={query} data={query.data?.stripeWebhookEvents.nodes} empty="No events received yet.">
      {(events) => (
        <Table fz="sm">
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.receivedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {e.type}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={EVENT_COLORS[e.status] ?? 'gray'}>
                    {e.status.toLowerCase()}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c={e.error ? 'red' : 'dimmed'}>
                    {e.error ?? e.outcome}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ListState>
  );
}
