import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Group, Modal, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiErrorOrNull } from '@settle/web-kit/errors';
import {
  PaymentMethodsQuery,
  RemovePaymentMethodMutation,
  SetAutopayMutation,
  SetDefaultPaymentMethodMutation,
  StartSavePaymentMethodMutation,
} from '../autopay-documents';
import type { AutopayChargeTiming, PortalPaymentMethodsQuery } from '../gql/graphql';
import { Empty, ErrorState, Loading } from '../components/States';
import { usePortalTitle } from '../lib/page-title';

type Method = PortalPaymentMethodsQuery['savedPaymentMethods'][number];

/** How a saved method reads: "Visa •••• 4242, expires 12/2034" or "STRIPE TEST BANK •••• 6789". */
function describe(m: Method): string {
  if (m.type === 'US_BANK_ACCOUNT') return `${m.bankName ?? 'Bank account'} •••• ${m.last4 ?? ''}`;
  const brand = m.brand ? m.brand.charAt(0).toUpperCase() + m.brand.slice(1) : 'Card';
  const exp = m.expMonth && m.expYear ? `, expires ${String(m.expMonth).padStart(2, '0')}/${m.expYear}` : '';
  return `${brand} •••• ${m.last4 ?? ''}${exp}`;
}

/** When the org charges this client's invoices (its billing send method): said as the client gets it. */
function chargedWhen(on: AutopayChargeTiming | undefined): string {
  if (on === 'ISSUE_DATE') return ' as soon as it is issued';
  if (on === 'DUE_DATE') return ' on its due date';
  return '';
}

/**
 * The client's saved cards and bank accounts (kept at Stripe; only brand, last 4 and expiry are shown),
 * adding one on Stripe's page, choosing the default, removing one, and the autopay switch.
 */
export default function PaymentMethods() {
  usePortalTitle('Payment methods');
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(PaymentMethodsQuery, { fetchPolicy: 'cache-and-network' });
  const [startSave, save] = useMutation(StartSavePaymentMethodMutation);
  const [setDefault, def] = useMutation(SetDefaultPaymentMethodMutation);
  const [remove, rm] = useMutation(RemovePaymentMethodMutation);
  const [setAutopay, auto] = useMutation(SetAutopayMutation);
  const [confirming, setConfirming] = useState<Method | null>(null);
  const [redirecting, setRedirecting] = useState(false);
  // The switch shows the choice at once; the server's answer (refetched) takes over when it arrives.
  const [pendingAutopay, setPendingAutopay] = useState<boolean | null>(null);
  const problem = apiErrorOrNull(save.error ?? def.error ?? rm.error ?? auto.error);

  async function add() {
    const r = await startSave().catch(() => null);
    const url = r?.data?.startSavePaymentMethod.url;
    if (!url) return;
    setRedirecting(true);
    window.location.assign(url);
  }

  const methods = data?.savedPaymentMethods ?? [];
  const enabled = pendingAutopay ?? data?.autopay.enabled ?? false;
  async function toggleAutopay(on: boolean) {
    setPendingAutopay(on);
    await setAutopay({ variables: { enabled: on } })
      .then(() => refetch())
      .catch(() => null);
    setPendingAutopay(null);
  }
  const hasDefault = methods.some((m) => m.isDefault);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Payment methods
      </Title>
      {params.get('saved') === '1' ? (
        <Alert color="green" role="status">
          Your payment method was saved.
        </Alert>
      ) : params.get('saved') === '0' ? (
        <Alert color="gray" role="status">
          Nothing was saved.
        </Alert>
      ) : null}
      {problem ? (
        <Alert color="red" role="alert">
          {problem.formMessage ?? Object.values(problem.fields)[0]}
        </Alert>
      ) : null}
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Switch
            label="Pay invoices automatically"
            checked={enabled}
            disabled={!data || auto.loading}
            onChange={(e) => void toggleAutopay(e.currentTarget.checked)}
            data-testid="autopay-switch"
          />
          <Text size="sm" c="dimmed">
            When this is on, each invoice is charged to your default payment method
            {chargedWhen(data?.autopay.chargedOn)}. If a payment fails we email you a link to pay and try again after 3,
            5 and 7 days.
          </Text>
          {enabled && data && !hasDefault ? (
            <Text size="sm" c="orange.8">
              Add a payment method below: without one, invoices are not charged and you pay them by link.
            </Text>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder padding={0}>
        {error && !data ? (
          <ErrorState error={error} title="Could not load your payment methods" />
        ) : loading && !data ? (
          <Loading label="Loading payment methods…" />
        ) : methods.length === 0 ? (
          <Empty title="No saved payment methods">Add a card or a US bank account to pay invoices automatically.</Empty>
        ) : (
          <Stack gap={0}>
            {methods.map((m) => (
              <Group key={m.id} justify="space-between" p="md" data-testid="saved-method">
                <Group gap="sm">
                  <Text>{describe(m)}</Text>
                  {m.isDefault ? <Badge variant="light">Default</Badge> : null}
                </Group>
                <Group gap="xs">
                  {!m.isDefault ? (
                    <Button
                      variant="default"
                      size="xs"
                      loading={def.loading}
                      onClick={() =>
                        void setDefault({ variables: { id: m.id } }).then(
                          () => refetch(),
                          () => null,
                        )
                      }
                    >
                      Make default
                    </Button>
                  ) : null}
                  <Button variant="subtle" color="red" size="xs" onClick={() => setConfirming(m)}>
                    Remove
                  </Button>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <Group>
        <Button onClick={() => void add()} loading={save.loading || redirecting} data-testid="add-payment-method">
          Add card or bank account
        </Button>
        <Text size="xs" c="dimmed">
          You will enter the details on Stripe's secure page; we never see your full card number.
        </Text>
      </Group>
      <Modal opened={!!confirming} onClose={() => setConfirming(null)} title="Remove this payment method?">
        <Stack>
          <Text size="sm">
            {confirming ? describe(confirming) : ''} will be removed.
            {confirming?.isDefault && enabled ? ' Autopay will use another saved method, if there is one.' : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={rm.loading}
              onClick={() => {
                const id = confirming!.id;
                void remove({ variables: { id } })
                  .then(
                    () => refetch(),
                    () => null,
                  )
                  .finally(() => setConfirming(null));
              }}
            >
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
