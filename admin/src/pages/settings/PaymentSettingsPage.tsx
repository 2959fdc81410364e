import { useState } from 'react';
import {
  Alert,
  Anchor,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import type { AdminPaymentSettingsFragment, StripeSendVia } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { useFormFailure } from '../../lib/actions';
import { bindChecked } from '@settle/web-kit/fields';
import { AdminSaveButton } from '../../components/AdminOnly';

/** The settings as the form edits them; saving returns them the same way. */
export const PaymentSettingsFragment = graphql(`
  fragment AdminPaymentSettings on PaymentSettings {
    sendVia linkLifetimeHours emailPayLink emailPaymentConfirmation allowPartialPayments
  }
`);

const PaymentSettingsQuery = graphql(`
  query AdminPaymentSettings {
    paymentSettings { ...AdminPaymentSettings }
    stripeConnection { accountId mode }
  }
`);

const UpdatePaymentSettings = graphql(`
  mutation AdminUpdatePaymentSettings($input: PaymentSettingsInput!) {
    updatePaymentSettings(input: $input) { ...AdminPaymentSettings }
  }
`);

const PRESETS = [24, 48, 72, 168, 336, 720];
const presetLabel = (h: number) => (h % 24 === 0 ? `${h / 24} day${h === 24 ? '' : 's'}` : `${h} hours`);

type Form = AdminPaymentSettingsFragment;

type SwitchSetting = 'emailPayLink' | 'allowPartialPayments' | 'emailPaymentConfirmation';

/** The on/off settings of online payment, with what each means. */
const PAYMENT_SWITCHES: Array<[SwitchSetting, string, string]> = [
  ['emailPayLink', 'Include pay links in invoice emails', 'Clients can override this per client.'],
  ['allowPartialPayments', 'Allow partial payments', 'Clients choose how much of the balance to pay online.'],
];

export default function PaymentSettingsPage() {
  const [params, setParams] = useSearchParams();
  const query = useQuery(PaymentSettingsQuery);
  const [update, { loading: saving }] = useMutation(UpdatePaymentSettings);
  const [form, setForm] = useState<Form | null>(null);
  const [custom, setCustom] = useState(false);
  const { failure, attempt } = useFormFailure({ linkLifetimeHours: 'Link lifetime' });
  const settings = query.data?.paymentSettings;
  // The form follows the settings as each read (or save) brings them: set while rendering, as React
  // advises for state that follows a value, rather than one render late from an effect.
  const [formOf, setFormOf] = useState<typeof settings>(undefined);
  if (settings && settings !== formOf) {
    setFormOf(settings);
    const { sendVia, linkLifetimeHours, emailPayLink, emailPaymentConfirmation, allowPartialPayments } = settings;
    setForm({ sendVia, linkLifetimeHours, emailPayLink, emailPaymentConfirmation, allowPartialPayments });
    setCustom(!PRESETS.includes(settings.linkLifetimeHours));
  }

  /** A switch bound to one of the form's on/off settings, with the API's message for it. */
  const toggle = (current: Form, key: SwitchSetting) =>
    bindChecked(current[key], (on) => setForm({ ...current, [key]: on }), failure?.fields[key]);

  async function save() {
    if (!form) return;
    await attempt(async () => {
      await update({ variables: { input: form } });
      notifications.show({ color: 'green', message: 'Payment settings saved' });
    });
  }

  // Stripe Connect OAuth lands here: /admin/settings/payments?stripe=connected&account=… (or =denied).
  const stripeReturn = params.get('stripe');
  return (
    <>
      <PageHeader title="Payment settings" description="How clients pay online and what they are told." />
      <Stack maw={680}>
        {stripeReturn === 'connected' && (
          <Alert color="green" withCloseButton onClose={() => setParams({}, { replace: true })}>
            Stripe account {params.get('account')} connected.{' '}
            <Anchor component={Link} to="/integrations">
              Set up its webhook
            </Anchor>
            .
          </Alert>
        )}
        {stripeReturn === 'denied' && (
          <Alert color="yellow" withCloseButton onClose={() => setParams({}, { replace: true })}>
            Stripe connection was cancelled.
          </Alert>
        )}
        <QueryState query={query} data={query.data}>
          {(d) =>
            form && (
              <Card withBorder>
                <Stack>
                  {!d.stripeConnection && (
                    <Alert color="gray">
                      Stripe is not connected: invoices go out without pay links.{' '}
                      <Anchor component={Link} to="/integrations">
                        Connect Stripe
                      </Anchor>
                      .
                    </Alert>
                  )}
                  {failure && !Object.keys(failure.fields).length && (
                    <Alert color="red" role="alert">
                      {failure.message}
                    </Alert>
                  )}
                  <Title order={5}>Pay links</Title>
                  <div>
                    <Text size="sm" fw={500}>
                      Clients pay on
                    </Text>
                    <SegmentedControl
                      value={form.sendVia}
                      onChange={(v) => setForm({ ...form, sendVia: v as StripeSendVia })}
                      data={[
                        { value: 'CHECKOUT', label: 'Stripe Checkout' },
                        { value: 'HOSTED_INVOICE', label: 'Stripe hosted invoice' },
                      ]}
                    />
                  </div>
                  <Group align="flex-end">
                    <Select
                      label="Link lifetime"
                      description="How long a pay link keeps working after the invoice is sent."
                      data={[
                        ...PRESETS.map((h) => ({ value: String(h), label: presetLabel(h) })),
                        { value: 'custom', label: 'Custom…' },
                      ]}
                      value={custom ? 'custom' : String(form.linkLifetimeHours)}
                      onChange={(v) => {
                        if (v === 'custom') setCustom(true);
                        else if (v) {
                          setCustom(false);
                          setForm({ ...form, linkLifetimeHours: Number(v) });
                        }
                      }}
                      allowDeselect={false}
                      error={!custom ? failure?.fields.linkLifetimeHours : undefined}
                    />
                    {custom && (
                      <NumberInput
                        label="Hours"
                        min={1}
                        max={720}
                        w={120}
                        value={form.linkLifetimeHours}
                        onChange={(v) =>
                          setForm({ ...form, linkLifetimeHours: typeof v === 'number' ? v : Number(v) || 0 })
                        }
                        error={failure?.fields.linkLifetimeHours}
                      />
                    )}
                  </Group>
                  {PAYMENT_SWITCHES.map(([key, label, description]) => (
                    <Switch key={key} label={label} description={description} {...toggle(form, key)} />
                  ))}
                  <Title order={5} mt="sm">
                    Confirmations
                  </Title>
                  <Switch
                    label="Email a payment confirmation"
                    description="Sent to the client whenever a payment lands, from any source."
                    {...toggle(form, 'emailPaymentConfirmation')}
                  />
                  <AdminSaveButton note="Only admins change payment settings." onSave={save} loading={saving} />
                </Stack>
              </Card>
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
