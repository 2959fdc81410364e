import { useState } from 'react';
import { Alert, Card, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { TimeItemization } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { useFormFailure } from '../../lib/actions';
import { AdminSaveButton } from '../../components/AdminOnly';
import { TIME_ITEMIZATION_OPTIONS } from './time-itemization-options';
import { TitledCard } from '../../components/TitledCard';
import { ReminderPolicyForm } from '../reminders/ReminderPolicyForm';
import { ClientCreditSettingsForm } from './ClientCreditSettingsForm';

const InvoiceSettingsQuery = graphql(`
  query AdminInvoiceSettings {
    organization { id timeItemization timeZone billingEmail }
  }
`);

const UpdateInvoiceSettings = graphql(`
  mutation AdminUpdateInvoiceSettings($input: OrganizationSettingsInput!) {
    updateOrganizationSettings(input: $input) { id timeItemization timeZone billingEmail }
  }
`);

// Every IANA zone the browser knows (UTC is not among them), searched by name as typed ("new york" finds
// America/New_York).
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => ({
  value: zone,
  label: zone.replaceAll('_', ' '),
}));

/**
 * How generated invoices read (how approved time is listed on them), the time zone their dates are in, and
 * the billing email clients' replies go to.
 */
export default function InvoiceSettingsPage() {
  const query = useQuery(InvoiceSettingsQuery);
  const [update, { loading: saving }] = useMutation(UpdateInvoiceSettings);
  // What the admin picked, else what is saved.
  const [picked, setMode] = useState<TimeItemization | null>(null);
  const mode = picked ?? query.data?.organization.timeItemization ?? null;
  const [pickedZone, setZone] = useState<string | null>(null);
  const zone = pickedZone ?? query.data?.organization.timeZone ?? null;
  const [typedEmail, setEmail] = useState<string | null>(null);
  const billingEmail = typedEmail ?? query.data?.organization.billingEmail ?? '';
  const { failure, attempt } = useFormFailure({
    timeItemization: 'Time on invoices',
    timeZone: 'Time zone',
    billingEmail: 'Billing email',
  });

  async function save() {
    if (!mode || !zone) return;
    await attempt(async () => {
      // Empty clears it (the server trims it and checks it is an address).
      await update({ variables: { input: { timeItemization: mode, timeZone: zone, billingEmail } } });
      notifications.show({ color: 'green', message: 'Invoice settings saved' });
    });
  }

  return (
    <>
      <PageHeader
        title="Invoice settings"
        description="How invoices generated from approved time read, and when clients are reminded to pay."
      />
      <Stack maw={680}>
        <QueryState query={query} data={query.data}>
          {() =>
            mode && (
              <Card withBorder>
                <Stack>
                  {failure && !Object.keys(failure.fields).length && (
                    <Alert color="red" role="alert">
                      {failure.message}
                    </Alert>
                  )}
                  <Select
                    label="Time on invoices"
                    description={
                      TIME_ITEMIZATION_OPTIONS.find((o) => o.value === mode)?.description +
                      ' Applies to invoices generated from now on; a client can have its own choice.'
                    }
                    data={TIME_ITEMIZATION_OPTIONS.map(({ value, label }) => ({ value, label }))}
                    value={mode}
                    onChange={(v) => v && setMode(v as TimeItemization)}
                    allowDeselect={false}
                    error={failure?.fields.timeItemization}
                  />
                  <Select
                    label="Time zone"
                    description="Where the business is: today's date for new invoices, payments received, due and overdue invoices, reminders and automatic billing is the date there."
                    data={TIME_ZONES}
                    value={zone}
                    onChange={(v) => v && setZone(v)}
                    searchable
                    allowDeselect={false}
                    nothingFoundMessage="No such time zone"
                    error={failure?.fields.timeZone}
                  />
                  <TextInput
                    label="Billing email"
                    description="Clients' replies to invoices, reminders and receipts go here, and emails name it as whom to contact. Leave empty for none."
                    type="email"
                    placeholder="billing@example.com"
                    value={billingEmail}
                    onChange={(e) => setEmail(e.currentTarget.value)}
                    error={failure?.fields.billingEmail}
                  />
                  <AdminSaveButton note="Only admins change invoice settings." onSave={save} loading={saving} />
                </Stack>
              </Card>
            )
          }
        </QueryState>
        <TitledCard title="Client credit" order={4}>
          <ClientCreditSettingsForm />
        </TitledCard>
        <TitledCard title="Payment reminders" order={4}>
          <ReminderPolicyForm />
        </TitledCard>
      </Stack>
    </>
  );
}
