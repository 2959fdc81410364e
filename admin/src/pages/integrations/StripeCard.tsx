import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import type { AdminStripeConnectionFragment } from '../../gql/graphql';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { formatDateTime } from '@settle/web-kit/dates';
import {
  DisconnectStripe,
  RegisterStripeWebhook,
  RotateStripeWebhookToken,
  SetStripeWebhookSecret,
  StripeConnectionQuery,
  TestStripeConnection,
} from './stripe-documents';
import { StripeConnectForm } from './StripeConnectForm';
import { RecentStripeDeliveries } from './RecentStripeDeliveries';
import { notifyOnFailure } from '../../lib/actions';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { DisconnectButton } from './DisconnectButton';
import { CopyValueButton } from '../../components/CopyValueButton';
import { AdminOnly } from '../../components/AdminOnly';

export function StripeCard({ connection }: { connection: AdminStripeConnectionFragment | null }) {
  return (
    <Card withBorder data-testid="stripe-card">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={4}>Stripe</Title>
          {connection ? (
            <Badge color="green" variant="light">
              connected
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              not connected
            </Badge>
          )}
          {connection && (
            <Badge color={connection.mode === 'LIVE' ? 'red' : 'grape'} variant="light">
              {connection.mode.toLowerCase()} mode
            </Badge>
          )}
        </Group>
      </Group>
      {connection ? (
        <Connected c={connection} />
      ) : (
        <AdminOnly note="Stripe is not connected. An admin of your organization connects it.">
          <StripeConnectForm />
        </AdminOnly>
      )}
    </Card>
  );
}

function Connected({ c }: { c: AdminStripeConnectionFragment }) {
  const [test, testing] = useMutation(TestStripeConnection);
  const [disconnect, disconnecting] = useMutation(DisconnectStripe, {
    refetchQueries: [StripeConnectionQuery],
    awaitRefetchQueries: true,
  });
  const [testResult, setTestResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function runTest() {
    setTestResult(null);
    try {
      await test();
      setTestResult({ ok: true, message: 'Stripe answered: the key works.' });
    } catch (err) {
      setTestResult({ ok: false, message: apiError(err).message });
    }
  }

  async function doDisconnect() {
    if (!window.confirm('Disconnect Stripe? Pay links stop working until you connect again.')) return;
    await notifyOnFailure(async () => {
      await disconnect();
      notifications.show({ message: 'Stripe disconnected' });
    });
  }

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Fact label="Account" value={c.accountId} />
        <Fact
          label="Connected via"
          value={`${c.connectedVia === 'OAUTH' ? 'Stripe Connect (OAuth)' : 'API keys'} · ${formatDateTime(c.connectedAt)}`}
        />
        {/* The API masks keys itself (prefix, "…", last four: sk_test_…1a2B); nothing is added here. */}
        <Fact label="Secret key" value={c.secretKeyPrefix} mono />
        <Fact label="Publishable key" value={c.publishableKeyPrefix ?? '—'} mono />
        <Fact label="Last verified" value={formatDateTime(c.lastVerifiedAt)} />
        <Fact label="Last event" value={formatDateTime(c.lastEventAt)} />
      </SimpleGrid>
      {testResult && (
        <Alert color={testResult.ok ? 'green' : 'red'} data-testid="stripe-test-result">
          {testResult.message}
        </Alert>
      )}
      {c.previousAccountCleanup && <PreviousAccount p={c.previousAccountCleanup} />}
      <Group gap="xs">
        <AdminOnly>
          <Button size="xs" variant="default" loading={testing.loading} onClick={() => void runTest()}>
            Test connection
          </Button>
        </AdminOnly>
        <Button size="xs" variant="default" component={Link} to="/settings/payments">
          Payment settings
        </Button>
        <AdminOnly>
          <DisconnectButton loading={disconnecting.loading} onClick={() => void doDisconnect()} />
        </AdminOnly>
      </Group>
      <WebhookSection c={c} />
    </Stack>
  );
}

function WebhookSection({ c }: { c: AdminStripeConnectionFragment }) {
  const w = c.webhook;
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [register, registering] = useMutation(RegisterStripeWebhook);
  const [setWebhookSecret, settingSecret] = useMutation(SetStripeWebhookSecret);
  const [rotate, rotating] = useMutation(RotateStripeWebhookToken);

  async function run(action: () => Promise<unknown>, done: string) {
    setFailure(null);
    try {
      await action();
      notifications.show({ color: 'green', message: done });
      return true;
    } catch (err) {
      setFailure(apiError(err));
      return false;
    }
  }

  return (
    <Stack gap="sm" data-testid="stripe-webhook">
      <Group gap="sm">
        <Title order={5}>Webhook</Title>
        <Badge color={w.configured ? 'green' : 'orange'} variant="light">
          {w.configured ? (w.autoRegistered ? 'registered automatically' : 'signing secret set') : 'not configured'}
        </Badge>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ flex: 1, overflowX: 'auto' }} data-testid="stripe-webhook-url">
          {w.url}
        </Code>
        <CopyValueButton value={w.url} size="xs" />
      </Group>
      {w.lastError && (
        <Alert color="red" title="Webhook configuration failed">
          {w.lastError}
        </Alert>
      )}
      <FormError failure={failure} fields={['secret']} />
      <Text size="sm" c="dimmed">
        Received {w.received} · processed {w.processed} · pending {w.pending} · failed {w.failed} · rejected{' '}
        {w.rejected}
        {w.secretPrefix && (
          <>
            {' '}
            · secret <Code>{w.secretPrefix}</Code>
          </>
        )}
        {w.lastEventAt && <> · last event {formatDateTime(w.lastEventAt)}</>}
      </Text>
      <AdminOnly>
        <Group gap="xs">
          <Button
            size="xs"
            loading={registering.loading}
            onClick={() => void run(() => register(), 'Webhook endpoint registered with Stripe')}
          >
            {w.configured && w.autoRegistered ? 'Retry webhook configuration' : 'Register automatically'}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            loading={rotating.loading}
            onClick={() => {
              if (window.confirm('Issue a new webhook URL? The old one stops accepting events.'))
                void run(() => rotate(), 'New webhook URL issued');
            }}
          >
            Rotate URL
          </Button>
        </Group>
        <Group align="flex-end" gap="xs">
          <TextInput
            style={{ flex: 1 }}
            size="xs"
            label="Or paste the signing secret of an endpoint you created in Stripe"
            placeholder="whsec_…"
            {...bindText(secret, setSecret, failure?.fields.secret)}
            autoComplete="off"
          />
          <Button
            size="xs"
            variant="default"
            disabled={!secret.trim()}
            loading={settingSecret.loading}
            onClick={() =>
              void run(() => setWebhookSecret({ variables: { secret: secret.trim() } }), 'Signing secret saved').then(
                (ok) => ok && setSecret(''),
              )
            }
          >
            Save secret
          </Button>
        </Group>
      </AdminOnly>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Recent deliveries
        </Text>
        <Anchor component={Link} to="/webhooks" size="xs">
          Webhook inspector
        </Anchor>
      </Group>
      <RecentStripeDeliveries />
    </Stack>
  );
}

/** After switching account or mode: what Settle cleaned up in the previous one, or what is left to do there by hand. */
function PreviousAccount({ p }: { p: NonNullable<AdminStripeConnectionFragment['previousAccountCleanup']> }) {
  const where = `${p.accountId} (${p.mode.toLowerCase()} mode)`;
  const done = `${p.endpointDeleted ? 'webhook endpoint deleted' : 'webhook endpoint not deleted'} · ${p.invoicesVoided} open invoice(s) voided · ${p.sessionsExpired} checkout session(s) expired`;
  return p.status === 'DONE' ? (
    <Alert color="gray" title={`Previous Stripe account ${where} cleaned up`} data-testid="stripe-previous-account">
      {done}
    </Alert>
  ) : (
    <Alert
      color="orange"
      title={`Clean up the previous Stripe account ${where} by hand`}
      data-testid="stripe-previous-account"
    >
      Settle could not finish: {p.error}. In that account, delete Settle's webhook endpoint and void any open invoices
      Settle sent there. ({done})
    </Alert>
  );
}

function Fact({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined}>
        {value}
      </Text>
    </div>
  );
}
