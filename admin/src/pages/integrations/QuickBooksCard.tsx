import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { Link } from 'react-router';
import type { AdminQuickBooksConnectionFragment, QuickBooksMappingInput } from '../../gql/graphql';
import { apiError } from '@settle/web-kit/errors';
import { formatDateTime } from '@settle/web-kit/dates';
import { DisconnectQuickBooks, QuickBooksAuthorizeUrl, UpdateQuickBooksMapping } from './quickbooks-documents';
import { notifyOnFailure } from '../../lib/actions';
import { DisconnectButton } from './DisconnectButton';
import { AdminOnly } from '../../components/AdminOnly';

const STATUS_COLOR: Record<string, string> = { CONNECTED: 'green', DISCONNECTED: 'gray', ERROR: 'red' };

/** QuickBooks Payments on pushed invoices: Pay Now, and under it the ways to pay it offers. */
const PAY_OPTIONS = [
  { key: 'payNowEnabled', label: 'QuickBooks Pay Now on pushed invoices', underPayNow: false },
  { key: 'cardEnabled', label: 'Accept cards', underPayNow: true },
  { key: 'achEnabled', label: 'Accept bank transfers (ACH)', underPayNow: true },
] as const;

export function QuickBooksCard({ connection: qb }: { connection: AdminQuickBooksConnectionFragment }) {
  // A fresh single-use consent URL each time: never from the cache.
  const [authorize, authorizing] = useLazyQuery(QuickBooksAuthorizeUrl, { fetchPolicy: 'network-only' });
  const [disconnect, disconnecting] = useMutation(DisconnectQuickBooks);
  const [update] = useMutation(UpdateQuickBooksMapping);
  const [saving, setSaving] = useState<string | null>(null);
  const connected = qb.status === 'CONNECTED';
  const m = qb.mapping;

  async function connect() {
    await notifyOnFailure(async () => {
      const res = await authorize();
      if (res.error) throw res.error;
      // Intuit's consent page (or the sandbox's) sends the browser back to /admin/integrations?quickbooks=….
      if (res.data) window.location.assign(res.data.quickBooksAuthorizeUrl);
    });
  }

  async function doDisconnect() {
    if (!window.confirm('Disconnect QuickBooks? Invoices and payments stop syncing.')) return;
    await notifyOnFailure(async () => {
      await disconnect();
      notifications.show({ message: 'QuickBooks disconnected' });
    });
  }

  async function toggle(field: keyof QuickBooksMappingInput, value: boolean) {
    setSaving(field);
    try {
      await update({ variables: { input: { [field]: value } } });
    } catch (err) {
      notifications.show({ color: 'red', message: apiError(err).message });
    } finally {
      setSaving(null);
    }
  }

  return (
    <Card withBorder data-testid="quickbooks-card">
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Title order={4}>QuickBooks Online</Title>
          <Badge color={STATUS_COLOR[qb.status] ?? 'gray'} variant="light">
            {qb.status.toLowerCase()}
          </Badge>
          {qb.sandbox && (
            <Badge color="grape" variant="light">
              sandbox
            </Badge>
          )}
        </Group>
        <AdminOnly>
          {connected ? (
            <Group gap="xs">
              <Button size="xs" variant="default" component={Link} to="/integrations/quickbooks/mapping">
                Mapping
              </Button>
              <DisconnectButton loading={disconnecting.loading} onClick={() => void doDisconnect()} />
            </Group>
          ) : (
            <Button size="xs" loading={authorizing.loading} disabled={!qb.configured} onClick={() => void connect()}>
              Connect QuickBooks
            </Button>
          )}
        </AdminOnly>
      </Group>
      {!qb.configured && (
        <Alert color="gray">
          QuickBooks integration not configured: set INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET on the server.
        </Alert>
      )}
      {qb.lastError && (
        <Alert color="red" mb="sm" title="Last error">
          {qb.lastError}
        </Alert>
      )}
      {connected && (
        <Stack gap="xs">
          <Text size="sm">
            {qb.companyName ?? 'Company'} · realm {qb.realmId} · connected {formatDateTime(qb.connectedAt)}
          </Text>
          {m && (
            <>
              <Text size="sm" c="dimmed">
                Invoices are booked to {m.defaultItemName ?? 'the first service item'}
                {m.incomeAccountName ? ` (${m.incomeAccountName})` : ''}.
              </Text>
              <Title order={6} mt="sm">
                Online payments in QuickBooks
              </Title>
              {m.stripeConnected && (
                <Text size="xs" c="dimmed">
                  Stripe is connected, so QuickBooks Payments are off by default to avoid two ways to pay.
                </Text>
              )}
              {PAY_OPTIONS.map(({ key, label, underPayNow }) => (
                <Switch
                  key={key}
                  label={label}
                  ml={underPayNow ? 'lg' : undefined}
                  checked={m[key]}
                  disabled={(underPayNow && !m.payNowEnabled) || saving !== null}
                  onChange={(e) => void toggle(key, e.currentTarget.checked)}
                />
              ))}
            </>
          )}
        </Stack>
      )}
    </Card>
  );
}
