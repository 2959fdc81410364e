import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { StripeEventStatus } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { apiError } from '@settle/web-kit/errors';
import { formatDateTime } from '@settle/web-kit/dates';
import { ReplayStripeWebhookEvent, StripeWebhookEventsQuery } from '../integrations/stripe-documents';
import { EVENT_COLORS } from '../integrations/RecentStripeDeliveries';

const QuickBooksEventsQuery = graphql(`
  query AdminQuickBooksWebhookEvents {
    quickBooksWebhookEvents(first: 100) { id format entityCount realmIds receivedAt processedAt error }
  }
`);

export default function WebhooksPage() {
  return (
    <>
      <PageHeader title="Webhook inspector" description="Events Stripe and QuickBooks sent to Settle, and what became of them." />
      <Card withBorder>
        <Tabs defaultValue="stripe" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="stripe">Stripe</Tabs.Tab>
            <Tabs.Tab value="quickbooks">QuickBooks</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="stripe"><StripeEvents /></Tabs.Panel>
          <Tabs.Panel value="quickbooks"><QuickBooksEvents /></Tabs.Panel>
        </Tabs>
      </Card>
    </>
  );
}

function StripeEvents() {
  const [status, setStatus] = useState<StripeEventStatus | null>(null);
  const { data, loading, error, refetch } = useQuery(StripeWebhookEventsQuery, { variables: { first: 200, status } });
  const [replay] = useMutation(ReplayStripeWebhookEvent);
  const [replaying, setReplaying] = useState<string | null>(null);

  async function doReplay(id: string) {
    setReplaying(id);
    try {
      const res = await replay({ variables: { id } });
      notifications.show({ message: `Replayed: ${res.data?.replayStripeWebhookEvent.status.toLowerCase()}` });
    } catch (err) {
      notifications.show({ color: 'red', message: apiError(err).message });
    } finally {
      setReplaying(null);
    }
  }

  return (
    <>
      <Group mb="md">
        <Select placeholder="Any status" data={['PENDING', 'PROCESSING', 'DONE', 'FAILED', 'REJECTED']} value={status} onChange={(v) => setStatus(v as StripeEventStatus | null)} clearable w={180} />
        <Button variant="default" size="xs" onClick={() => void refetch()}>Refresh</Button>
      </Group>
      <QueryState loading={loading} error={error} data={data?.stripeWebhookEvents} isEmpty={(d) => d.length === 0} empty="No Stripe events received yet." onRetry={() => void refetch()}>
        {(events) => (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>Received</Table.Th><Table.Th>Type</Table.Th><Table.Th>Event</Table.Th><Table.Th>Status</Table.Th><Table.Th>Result</Table.Th><Table.Th /></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id} data-testid="stripe-event-row">
                  <Table.Td><Text size="xs">{formatDateTime(e.receivedAt)}</Text><Text size="xs" c="dimmed">via {e.via.toLowerCase()}</Text></Table.Td>
                  <Table.Td><Text size="xs" ff="monospace">{e.type}</Text></Table.Td>
                  <Table.Td><Text size="xs" ff="monospace" c="dimmed">{e.eventId}</Text></Table.Td>
                  <Table.Td><Badge size="sm" variant="light" color={EVENT_COLORS[e.status] ?? 'gray'}>{e.status.toLowerCase()}</Badge>{e.attempts > 1 && <Text size="xs" c="dimmed">{e.attempts} attempts</Text>}</Table.Td>
                  <Table.Td><Text size="xs" c={e.error ? 'red' : undefined}>{e.error ?? e.outcome ?? '—'}</Text></Table.Td>
                  <Table.Td ta="right"><Button size="xs" variant="default" loading={replaying === e.id} disabled={e.status === 'PROCESSING'} onClick={() => void doReplay(e.id)}>Replay</Button></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}

function QuickBooksEvents() {
  const { data, loading, error, refetch } = useQuery(QuickBooksEventsQuery);
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">QuickBooks notifications are processed by the sync queue; failed syncs show up as exceptions on the integrations page, where they can be retried.</Text>
      <QueryState loading={loading} error={error} data={data?.quickBooksWebhookEvents} isEmpty={(d) => d.length === 0} empty="No QuickBooks notifications received yet." onRetry={() => void refetch()}>
        {(events) => (
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr><Table.Th>Received</Table.Th><Table.Th>Format</Table.Th><Table.Th>Entities</Table.Th><Table.Th>Status</Table.Th><Table.Th>Error</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td><Text size="xs">{formatDateTime(e.receivedAt)}</Text></Table.Td>
                  <Table.Td><Text size="xs">{e.format}</Text></Table.Td>
                  <Table.Td>{e.entityCount}</Table.Td>
                  <Table.Td><Badge size="sm" variant="light" color={e.error ? 'red' : e.processedAt ? 'green' : 'gray'}>{e.error ? 'failed' : e.processedAt ? 'processed' : 'pending'}</Badge></Table.Td>
                  <Table.Td><Text size="xs" c="red">{e.error}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
