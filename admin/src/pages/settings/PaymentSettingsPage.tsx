import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { apiError, type ApiErrorInfo } from '../../lib/errors';

const OrgSettingsQuery = graphql(`
  query AdminOrgPaymentSettings {
    organization { id name allowPartialPayments emailPayLink emailPaymentConfirmation }
  }
`);

const UpdateOrgSettings = graphql(`
  mutation AdminUpdateOrgPaymentSettings($input: OrganizationSettingsInput!) {
    updateOrganizationSettings(input: $input) { id allowPartialPayments emailPayLink emailPaymentConfirmation }
  }
`);

export default function PaymentSettingsPage() {
  const { data, loading, error, refetch } = useQuery(OrgSettingsQuery);
  const [update, { loading: saving }] = useMutation(UpdateOrgSettings);
  const [form, setForm] = useState({ allowPartialPayments: false, emailPayLink: true, emailPaymentConfirmation: true });
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const org = data?.organization;
  useEffect(() => {
    if (org) setForm({ allowPartialPayments: org.allowPartialPayments, emailPayLink: org.emailPayLink, emailPaymentConfirmation: org.emailPaymentConfirmation });
  }, [org]);

  async function save() {
    setFailure(null);
    try {
      await update({ variables: { input: form } });
      notifications.show({ color: 'green', message: 'Payment settings saved' });
    } catch (err) {
      setFailure(apiError(err));
    }
  }

  return (
    <>
      <PageHeader title="Payment settings" description="How clients pay online and what they are told." />
      <QueryState loading={loading} error={error} data={org} onRetry={() => void refetch()}>
        {() => (
          <Card withBorder maw={640}>
            <Stack>
              <Title order={5}>Invoice emails and payments</Title>
              {failure && <Alert color="red" role="alert">{failure.message}</Alert>}
              <Switch label="Include pay links in invoice emails" description="Clients can override this per client." checked={form.emailPayLink} onChange={(e) => setForm({ ...form, emailPayLink: e.currentTarget.checked })} error={failure?.fields.emailPayLink} />
              <Switch label="Email a payment confirmation" description="Sent to the client when a payment is recorded." checked={form.emailPaymentConfirmation} onChange={(e) => setForm({ ...form, emailPaymentConfirmation: e.currentTarget.checked })} error={failure?.fields.emailPaymentConfirmation} />
              <Switch label="Allow partial payments" description="Clients choose how much of the balance to pay online." checked={form.allowPartialPayments} onChange={(e) => setForm({ ...form, allowPartialPayments: e.currentTarget.checked })} error={failure?.fields.allowPartialPayments} />
              <Text size="xs" c="dimmed">Pay link lifetime is set with Stripe once it is connected.</Text>
              <Group justify="flex-end"><Button onClick={() => void save()} loading={saving}>Save</Button></Group>
            </Stack>
          </Card>
        )}
      </QueryState>
    </>
  );
}
