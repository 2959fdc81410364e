import { useState } from 'react';
import { Alert, Badge, Button, Card, Code, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import type { AdminWebhookEndpointFragment } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { ListTable, listOf } from '../../components/QueryState';
import { CopyValueButton } from '../../components/CopyValueButton';
import { notifyOnFailure, useEditor } from '../../lib/actions';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookEndpointFormModal } from './WebhookEndpointFormModal';
import {
  DeleteWebhookEndpoint,
  EVENT_TYPE_OPTIONS,
  RotateWebhookSecret,
  SendTestWebhookEvent,
  SetWebhookEndpointEnabled,
  WebhookEndpointsQuery,
} from './webhook-endpoints-documents';

const wireName = (t: string) => EVENT_TYPE_OPTIONS.find((o) => o.value === t)?.label ?? t;

/** Outbound webhooks: the org's endpoints, their signing secrets (shown once) and deliveries. */
export default function WebhookEndpointsPage() {
  const query = useQuery(WebhookEndpointsQuery);
  const editor = useEditor<AdminWebhookEndpointFragment>(() => void query.refetch());
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<AdminWebhookEndpointFragment | null>(null);
  const [setEnabled] = useMutation(SetWebhookEndpointEnabled);
  const [remove] = useMutation(DeleteWebhookEndpoint);
  const [rotate] = useMutation(RotateWebhookSecret);
  const [sendTest] = useMutation(SendTestWebhookEvent);

  const act = (action: () => Promise<unknown>, message: string) =>
    notifyOnFailure(async () => {
      await action();
      notifications.show({ message });
      await query.refetch();
    });

  async function doRotate(e: AdminWebhookEndpointFragment) {
    if (!window.confirm(`Rotate the secret of ${e.url}? The old one stops signing at once.`)) return;
    await notifyOnFailure(async () => {
      // The secret exists only in this response: kept in component state, never in the cache or storage.
      const res = await rotate({ variables: { id: e.id } });
      setSecret(res.data?.rotateWebhookSecret.secret ?? null);
    });
  }

  async function doDelete(e: AdminWebhookEndpointFragment) {
    if (!window.confirm(`Delete the endpoint ${e.url} and its deliveries log?`)) return;
    if (selected?.id === e.id) setSelected(null);
    await act(() => remove({ variables: { id: e.id } }), 'Endpoint deleted');
  }

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Settle POSTs signed events (invoices, payments, clients) to these URLs as they happen."
        actions={<Button onClick={() => editor.edit('new')}>Add endpoint</Button>}
      />
      <Stack>
        <Card withBorder>
          <ListTable
            {...listOf(query, (d) => d.webhookEndpoints)}
            empty="No webhook endpoints yet. Add one to have Settle send invoice, payment and client events to your systems."
            columns={['Endpoint', 'Events', 'Status', 'Secret', '']}
            row={(e) => (
              <Table.Tr key={e.id} bg={selected?.id === e.id ? 'teal.0' : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {e.url}
                  </Text>
                  {e.description && (
                    <Text size="xs" c="dimmed">
                      {e.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{e.events.map(wireName).join(', ')}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={e.enabled ? 'green' : 'gray'}>
                    {e.enabled ? 'Enabled' : 'Disabled'}
                  </Badge>
                  {e.disabledReason && (
                    <Text size="xs" c="red">
                      {e.disabledReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code>{e.secretPrefix}</Code>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setSelected(e)}>
                      Deliveries
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      disabled={!e.enabled}
                      onClick={() => void act(() => sendTest({ variables: { endpointId: e.id } }), 'Test event queued')}
                    >
                      Send test
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => editor.edit(e)}>
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() =>
                        void act(
                          () => setEnabled({ variables: { id: e.id, enabled: !e.enabled } }),
                          e.enabled ? 'Endpoint disabled' : 'Endpoint enabled',
                        )
                      }
                    >
                      {e.enabled ? 'Disable' : 'Enable'}
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => void doRotate(e)}>
                      Rotate secret
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void doDelete(e)}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            )}
          />
        </Card>
        {selected && <WebhookDeliveries key={selected.id} endpointId={selected.id} url={selected.url} />}
      </Stack>
      {editor.isOpen && (
        <WebhookEndpointFormModal endpoint={editor.record} onClose={editor.close} onSecret={setSecret} />
      )}
      <Modal opened={secret !== null} onClose={() => setSecret(null)} title="Signing secret">
        {secret && (
          <Stack>
            <Alert color="yellow">
              Copy it now: this is the only time Settle shows it. Verify each delivery's Settle-Signature header with
              it.
            </Alert>
            <Code block data-testid="webhook-secret">
              {secret}
            </Code>
            <Group justify="flex-end">
              <CopyValueButton value={secret} />
              <Button onClick={() => setSecret(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
