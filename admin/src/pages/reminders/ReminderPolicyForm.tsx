import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryState } from '../../components/QueryState';
import { FormError } from '../../components/FormError';
import { useFormFailure } from '../../lib/actions';
import type { AdminReminderPolicyQuery } from '../../gql/graphql';
import {
  ClearClientReminderPolicyMutation,
  ReminderPolicyQuery,
  SetReminderPolicyMutation,
} from './reminder-documents';
import { formatOffsets, parseOffsets, scheduleInWords } from './reminder-offsets';

type Policy = AdminReminderPolicyQuery['reminderPolicy'];

/**
 * The payment reminder schedule of the organization (no clientId) or of one client, who either follows
 * the organization's schedule or has its own. Saved on its own, apart from any surrounding form.
 */
export function ReminderPolicyForm({ clientId }: { clientId?: string }) {
  const query = useQuery(ReminderPolicyQuery, { variables: { clientId: clientId ?? null } });
  return (
    <QueryState query={query} data={query.data?.reminderPolicy}>
      {(policy) => (
        <PolicyEditor key={`${policy.source}:${formatOffsets(policy.offsets)}`} policy={policy} clientId={clientId} />
      )}
    </QueryState>
  );
}

function PolicyEditor({ policy, clientId }: { policy: Policy; clientId?: string }) {
  const [own, setOwn] = useState(!clientId || !policy.inherited);
  const [enabled, setEnabled] = useState(policy.enabled);
  const [text, setText] = useState(formatOffsets(policy.offsets));
  const [set, setting] = useMutation(SetReminderPolicyMutation, { refetchQueries: [ReminderPolicyQuery] });
  const [clear, clearing] = useMutation(ClearClientReminderPolicyMutation, { refetchQueries: [ReminderPolicyQuery] });
  const { failure, setFailure, attempt } = useFormFailure({ clientId: 'Client' });
  const parsed = parseOffsets(text);
  const offsetsError =
    Object.entries(failure?.fields ?? {}).find(([k]) => k === 'offsets' || k.startsWith('offsets.'))?.[1] ??
    (parsed.ok ? undefined : parsed.error);

  async function save() {
    if (clientId && !own) {
      await attempt(async () => {
        await clear({ variables: { clientId } });
        notifications.show({ color: 'green', message: "The client follows the organization's reminders" });
      });
      return;
    }
    if (!parsed.ok) {
      setFailure({ message: parsed.error, fields: { offsets: parsed.error } });
      return;
    }
    await attempt(async () => {
      await set({ variables: { input: { clientId: clientId ?? null, enabled, offsets: parsed.offsets } } });
      notifications.show({ color: 'green', message: 'Payment reminders saved' });
    });
  }

  return (
    <Stack data-testid="reminder-policy">
      {/* An offsets error shows under the input ('offsets' or 'offsets.<n>'), not again on top. */}
      <FormError failure={failure} fields={Object.keys(failure?.fields ?? {}).filter((k) => k.startsWith('offsets'))} />
      {clientId && (
        <SegmentedControl
          value={own ? 'own' : 'org'}
          onChange={(v) => setOwn(v === 'own')}
          data={[
            { value: 'org', label: "Organization's schedule" },
            { value: 'own', label: 'Own schedule' },
          ]}
        />
      )}
      {own ? (
        <>
          <Switch
            label="Email payment reminders"
            description="Sent to the billing email while an invoice is open and not disputed; never after it is paid or voided."
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <TextInput
            label="Reminder days"
            description={`Days relative to the due date, comma separated (−3 = three days before). ${parsed.ok ? scheduleInWords(parsed.offsets) : ''}`}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={offsetsError}
            disabled={!enabled}
          />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {policy.enabled && policy.inherited
            ? `Follows the organization: ${scheduleInWords(policy.offsets)}`
            : 'Follows the organization (reminders off there).'}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void save()} loading={setting.loading || clearing.loading}>
          Update reminders
        </Button>
      </Group>
    </Stack>
  );
}
