import { useState } from 'react';
import { Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { AdminWebhookEndpointFragment, WebhookEventType } from '../../gql/graphql';
import { useCreateOrUpdate, useFormFailure } from '../../lib/actions';
import { ModalActions } from '../../components/ModalActions';
import { bindFields } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { CreateWebhookEndpoint, EVENT_TYPE_OPTIONS, UpdateWebhookEndpoint } from './webhook-endpoints-documents';

/** Creates an endpoint (then `onSecret` gets its signing secret, shown once) or edits one. */
export function WebhookEndpointFormModal({
  endpoint,
  onClose,
  onSecret,
}: {
  endpoint: AdminWebhookEndpointFragment | null;
  onClose: () => void;
  onSecret: (secret: string) => void;
}) {
  const [form, setForm] = useState({ url: endpoint?.url ?? '', description: endpoint?.description ?? '' });
  const [events, setEvents] = useState<WebhookEventType[]>(endpoint?.events ?? []);
  const { failure, attempt } = useFormFailure({ url: 'URL', description: 'Description', events: 'Events' });
  const { save, saving } = useCreateOrUpdate({ create: CreateWebhookEndpoint, update: UpdateWebhookEndpoint });

  async function submit() {
    const input = { url: form.url.trim(), description: form.description.trim(), events };
    await attempt(async () => {
      const res = await save(endpoint ? { id: endpoint.id, input } : { input });
      const created = (res.data as { createWebhookEndpoint?: { secret: string } } | undefined)?.createWebhookEndpoint;
      notifications.show({ color: 'green', message: endpoint ? 'Endpoint saved' : 'Endpoint created' });
      onClose();
      if (created) onSecret(created.secret);
    });
  }
  const f = failure?.fields ?? {};
  const field = bindFields(form, setForm, f);
  return (
    <Modal opened onClose={onClose} title={endpoint ? 'Edit endpoint' : 'New webhook endpoint'}>
      <Stack>
        <FormError failure={failure} fields={['url', 'events']} />
        <TextInput
          label="URL"
          description="Where Settle POSTs events (https). Private network addresses are refused unless your organization allows them."
          placeholder="https://example.com/settle-webhooks"
          required
          {...field('url')}
        />
        <TextInput label="Description" description="What receives these events" {...field('description')} />
        <MultiSelect
          label="Events"
          description="What to send it"
          required
          searchable
          data={EVENT_TYPE_OPTIONS}
          value={events}
          onChange={(v) => setEvents(v as WebhookEventType[])}
          error={f.events}
        />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={saving}>
          {endpoint ? 'Save' : 'Create endpoint'}
        </ModalActions>
      </Stack>
    </Modal>
  );
}
