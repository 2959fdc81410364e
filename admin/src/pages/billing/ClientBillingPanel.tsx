import { useState } from 'react';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { bindText } from '@settle/web-kit/fields';
import type { AdminBillingSettingsFragment, BillingReview, BillingSendMethod } from '../../gql/graphql';
import { AdminSaveButton } from '../../components/AdminOnly';
import { FormError } from '../../components/FormError';
import { QueryState } from '../../components/QueryState';
import { useFormFailure } from '../../lib/actions';
import { BillingSettingsQuery, UpdateBillingSettingsMutation } from './billing-documents';
import { BillingOptionSelect } from './BillingOptionSelect';
import {
  BILLING_LABELS,
  DEFAULT_CHOICE,
  REVIEW_OPTIONS,
  SEND_METHOD_OPTIONS,
  shortOf,
  parseGraceHours,
  withOrgDefault,
} from './billing-options';

/** What a select shows for "no override": the organization's value, so it is clear what the client gets. */
const DEFAULT = DEFAULT_CHOICE;
const onOff = (on: boolean) => (on ? 'On' : 'Off');

/**
 * A client's automatic billing: each setting either follows the organization ("Use organization default",
 * saved as null for this client) or is the client's own. Shows what applies now.
 */
export function ClientBillingPanel({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const client = useQuery(BillingSettingsQuery, { variables: { clientId } });
  const org = useQuery(BillingSettingsQuery, { variables: { clientId: null } });
  const ready =
    client.data && org.data ? { client: client.data.billingSettings, org: org.data.billingSettings } : undefined;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Automatic billing
      </Title>
      <QueryState query={client.error ? client : org} data={ready}>
        {(s) => (
          <OverrideForm
            key={JSON.stringify(s.client)}
            clientId={clientId}
            own={s.client}
            org={s.org}
            onSaved={() => {
              void client.refetch();
              onSaved();
            }}
          />
        )}
      </QueryState>
    </Card>
  );
}

function OverrideForm({
  clientId,
  own,
  org,
  onSaved,
}: {
  clientId: string;
  own: AdminBillingSettingsFragment;
  org: AdminBillingSettingsFragment;
  onSaved: () => void;
}) {
  const has = (key: string) => own.overridden.includes(key);
  const [autoBilling, setAutoBilling] = useState(has('autoBilling') ? onOff(own.autoBilling) : DEFAULT);
  const [grace, setGrace] = useState(has('invoiceGraceHours') ? String(own.invoiceGraceHours) : '');
  const [review, setReview] = useState(has('review') ? own.review : DEFAULT);
  const [sendMethod, setSendMethod] = useState(has('sendMethod') ? own.sendMethod : DEFAULT);
  const { failure, setFailure, attempt } = useFormFailure(BILLING_LABELS);
  const [update, { loading }] = useMutation(UpdateBillingSettingsMutation);

  async function save() {
    const hours = grace.trim() ? parseGraceHours(grace) : null;
    if (hours && !hours.ok) return setFailure({ message: hours.error, fields: { invoiceGraceHours: hours.error } });
    const ok = await attempt(async () => {
      await update({
        variables: {
          // null: this client follows the organization's value for that setting.
          input: {
            clientId,
            autoBilling: autoBilling === DEFAULT ? null : autoBilling === 'On',
            invoiceGraceHours: hours ? hours.hours : null,
            review: review === DEFAULT ? null : (review as BillingReview),
            sendMethod: sendMethod === DEFAULT ? null : (sendMethod as BillingSendMethod),
          },
        },
      });
      notifications.show({ color: 'green', message: 'Automatic billing saved for this client' });
    });
    if (ok) onSaved();
  }

  const f = failure?.fields ?? {};
  return (
    <Stack gap="sm">
      <Text size="sm" data-testid="client-billing-effective">
        Now: automatic billing <b>{onOff(own.autoBilling).toLowerCase()}</b>
        {own.autoBilling && (
          <>
            {' '}
            · {own.invoiceGraceHours} h grace · {shortOf(REVIEW_OPTIONS, own.review)} ·{' '}
            {shortOf(SEND_METHOD_OPTIONS, own.sendMethod)}
          </>
        )}
        {own.overridden.length === 0 && ' (all from the organization)'}
      </Text>
      <FormError failure={failure} fields={Object.keys(BILLING_LABELS)} />
      <ChoiceSelect
        label={BILLING_LABELS.autoBilling}
        data={withOrgDefault(onOff(org.autoBilling), [
          { value: 'On', label: 'On for this client' },
          { value: 'Off', label: 'Off for this client' },
        ])}
        value={autoBilling}
        onChange={setAutoBilling}
        error={f.autoBilling}
      />
      <TextInput
        label={BILLING_LABELS.invoiceGraceHours}
        description={`Blank = organization default (${org.invoiceGraceHours} h)`}
        inputMode="numeric"
        {...bindText(grace, setGrace, f.invoiceGraceHours)}
      />
      <BillingOptionSelect field="review" value={review} onChange={setReview} errors={f} org={org} />
      <BillingOptionSelect field="sendMethod" value={sendMethod} onChange={setSendMethod} errors={f} org={org} />
      <AdminSaveButton
        size="xs"
        note="Only admins change a client's automatic billing."
        onSave={save}
        loading={loading}
      />
    </Stack>
  );
}
