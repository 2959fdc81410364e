import { useState } from 'react';
import { Card, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { formatDate } from '@settle/web-kit/dates';
import { bindText } from '@settle/web-kit/fields';
import type { AdminBillingSettingsFragment, BillingReview, BillingSendMethod } from '../../gql/graphql';
import { AdminSaveButton } from '../../components/AdminOnly';
import { FormError } from '../../components/FormError';
import { useFormFailure } from '../../lib/actions';
import { UpdateBillingSettingsMutation } from './billing-documents';
import { BillingOptionSelect } from './BillingOptionSelect';
import { BILLING_LABELS, parseGraceHours } from './billing-options';

/** The organization's automatic billing settings; every client follows them unless it overrides one. */
export function BillingSettingsForm({
  settings,
  onSaved,
}: {
  settings: AdminBillingSettingsFragment;
  onSaved: () => void;
}) {
  const [autoBilling, setAutoBilling] = useState(settings.autoBilling);
  const [grace, setGrace] = useState(String(settings.invoiceGraceHours));
  const [review, setReview] = useState<BillingReview>(settings.review);
  const [sendMethod, setSendMethod] = useState<BillingSendMethod>(settings.sendMethod);
  const { failure, setFailure, attempt } = useFormFailure(BILLING_LABELS);
  const [update, { loading }] = useMutation(UpdateBillingSettingsMutation);

  async function save() {
    const hours = parseGraceHours(grace);
    if (!hours.ok) return setFailure({ message: hours.error, fields: { invoiceGraceHours: hours.error } });
    const ok = await attempt(async () => {
      await update({
        variables: { input: { autoBilling, invoiceGraceHours: hours.hours, review, sendMethod } },
      });
      notifications.show({ color: 'green', message: 'Billing settings saved' });
    });
    if (ok) onSaved();
  }

  const f = failure?.fields ?? {};
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Organization settings
      </Title>
      <Stack>
        <FormError failure={failure} fields={Object.keys(BILLING_LABELS)} />
        <Switch
          label={BILLING_LABELS.autoBilling}
          description={
            settings.autoBilling && settings.autoBillingSince
              ? `On since ${formatDate(settings.autoBillingSince)}: each contract cycle is invoiced without anyone asking. Earlier periods are not billed by it.`
              : 'Invoice each client at every contract cycle (and its approved time with it) without anyone asking.'
          }
          checked={autoBilling}
          onChange={(e) => setAutoBilling(e.currentTarget.checked)}
          error={f.autoBilling}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={BILLING_LABELS.invoiceGraceHours}
            description="Wait after a cycle ends, so late time can be approved"
            inputMode="numeric"
            {...bindText(grace, setGrace, f.invoiceGraceHours)}
          />
          <BillingOptionSelect field="review" value={review} onChange={setReview} errors={f} />
          <BillingOptionSelect field="sendMethod" value={sendMethod} onChange={setSendMethod} errors={f} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          A client can override any of these on its own page.
        </Text>
        <AdminSaveButton note="Only admins change billing settings." onSave={save} loading={loading} />
      </Stack>
    </Card>
  );
}
