import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { StripeEventStatus } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable, listOf } from '../../components/QueryState';
import { apiError } from '@settle/web-kit/errors';
import { formatDateTime } from '@settle/web-kit/dates';
import { ReplayStripeWebhookEvent, StripeWebhookEventsQuery } from '../integrations/stripe-documents';
import { EVENT_COLORS } from '../integrations/RecentStripeDeliveries';
import { codeColumn } from '../../components/columns';
import { AdminOnly } from '../../components/AdminOnly';

const QuickBooksEventsQuery = graphql(`
  query AdminQuickBooksWebhookEvents {
    quickBooksWebhookEvents(first: 100) {nodes{ id format entityCount realmIds receivedAt processedAt error }}
  }
`);

export default function WebhooksPage() {
  return (
    <>
      <PageHeader
        title="Webhook inspector"
        description="Events Stripe and QuickBooks sent to Settle, and what became of them."
      />
      <Card withBorder>
        <Tabs defaultValue="stripe" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="stripe">Stripe</Tabs.Tab>
            <Tabs.Tab value="quickbooks">QuickBooks</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="stripe">
            <StripeEvents />
          </Tabs.Panel>
          <Tabs.Panel value="quickbooks">
            <QuickBooksEvents />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </>
  );
}

function StripeEvents() {
  const [status, setStatus] = useState<StripeEventStatus | null>(null);
  const query = useQuery(StripeWebhookEventsQuery, { variables: { first: 200, status } });
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
        <Select
          placeholder="Any status"
          data={['PENDING', 'PROCESSING', 'DONE', 'FAILED', 'REJECTED']}
          value={status}
          onChange={(v) => setStatus(v as StripeEventStatus | null)}
          clearable
          w={180}
        />
        <Button variant="default" size="xs" onClick={() => void query.refetch()}>
          Refresh
        </Button>
      </Group>
      <QueryTable
        {...listOf(query, (d) => d.stripeWebhookEvents.nodes)}
        empty="No Stripe events received yet."
        rowProps={() => ({ 'data-testid': 'stripe-event-row' })}
        columns={[
          {
            key: 'received',
            header: 'Received',
            render: (e) => (
              <>
                <Text size="xs">{formatDateTime(e.receivedAt)}</Text>
                <Text size="xs" c="dimmed">
                  via {e.via.toLowerCase()}
                </Text>
              </>
            ),
          },
          codeColumn('type', 'Type', 'type'),
          codeColumn('event', 'Event', 'eventId', { size: 'xs', c: 'dimmed' }),
          {
            key: 'status',
            header: 'Status',
            render: (e) => (
              <>
                <Badge size="sm" variant="light" color={EVENT_COLORS[e.status] ?? 'gray'}>
                  {e.status.toLowerCase()}
                </Badge>
                {e.attempts > 1 && (
                  <Text size="xs" c="dimmed">
                    {e.attempts} attempts
                  </Text>
                )}
              </>
            ),
          },
          {
            key: 'result',
            header: 'Result',
            render: (e) => (
              <Text size="xs" c={e.error ? 'red' : undefined}>
                {e.error ?? e.outcome ?? '—'}
              </Text>
            ),
          },
          {
            key: 'replay',
            align: 'right',
            render: (e) => (
              <AdminOnly>
                <Button
                  size="xs"
                  variant="default"
                  loading={replaying === e.id}
                  disabled={e.status === 'PROCESSING'}
                  onClick={() => void doReplay(e.id)}
                >
                  Replay
                </Button>
              </AdminOnly>
            ),
          },
        ]}
      />
    </>
  );
}

function QuickBooksEvents() {
  const query = useQuery(QuickBooksEventsQuery);
  return (
    <>
      <Text size="sm" c="dimmed" mb="md">
        QuickBooks notifications are processed by the sync queue; failed syncs show up as exceptions on the integrations
        page, where they can be retried.
      </Text>
      <QueryTable
        {...listOf(query, (d) => d.quickBooksWebhookEvents.nodes)}
        empty="No QuickBooks notifications received yet."
        columns={[
          { key: 'received', header: 'Received', render: (e) => <Text size="xs">{formatDateTime(e.receivedAt)}</Text> },
          { key: 'format', header: 'Format', render: (e) => <Text size="xs">{e.format}</Text> },
          { key: 'entities', header: 'Entities', render: (e) => e.entityCount },
          {
            key: 'status',
            header: 'Status',
            render: (e) => (
              <Badge size="sm" variant="light" color={e.error ? 'red' : e.processedAt ? 'green' : 'gray'}>
                {e.error ? 'failed' : e.processedAt ? 'processed' : 'pending'}
              </Badge>
            ),
          },
          {
            key: 'error',
            header: 'Error',
            render: (e) => (
              <Text size="xs" c="red">
                {e.error}
              </Text>
            ),
          },
        ]}
      />
    </>
  );
}
