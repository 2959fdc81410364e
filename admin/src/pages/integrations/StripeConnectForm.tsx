import { useState } from 'react';
import { Button, Divider, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { apiError } from '@settle/web-kit/errors';
import { ConnectStripe, StripeConnectionQuery, StripeOAuthUrlQuery } from './stripe-documents';
import { useFormFailure } from '../../lib/actions';
import { bindFields } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';

/** The two keys pasted from the Stripe dashboard: the secret one masked, neither filled in by the browser. */
const KEY_INPUTS = {
  secretKey: {
    Input: PasswordInput,
    name: 'stripeSecretKey',
    label: 'Secret key',
    placeholder: 'sk_test_… or rk_test_…',
  },
  publishableKey: {
    Input: TextInput,
    name: 'stripePublishableKey',
    label: 'Publishable key',
    placeholder: 'pk_test_…',
  },
} as const;

/** Connect by pasting API keys, or through Stripe Connect OAuth (which returns to payment settings). */
export function StripeConnectForm() {
  const [keys, setKeys] = useState({ secretKey: '', publishableKey: '' });
  const { failure, setFailure, attempt } = useFormFailure();
  const field = bindFields(keys, setKeys, failure?.fields);
  const secretKey = keys.secretKey.trim();
  const [connect, { loading }] = useMutation(ConnectStripe, {
    refetchQueries: [StripeConnectionQuery],
    awaitRefetchQueries: true,
  });
  const [oauthUrl, oauth] = useLazyQuery(StripeOAuthUrlQuery, { fetchPolicy: 'network-only' });

  async function submit() {
    await attempt(async () => {
      await connect({ variables: { secretKey, publishableKey: keys.publishableKey.trim() || undefined } });
      setKeys((k) => ({ ...k, secretKey: '' }));
      notifications.show({ color: 'green', message: 'Stripe connected' });
    });
  }

  async function startOAuth() {
    await attempt(async () => {
      const res = await oauthUrl();
      if (res.data) window.location.assign(res.data.stripeOAuthUrl);
      else if (res.error) setFailure(apiError(res.error));
    });
  }

  return (
    <Stack gap="sm">
      <FormError failure={failure} fields={['secretKey', 'publishableKey']} />
      <Text size="sm" c="dimmed">
        Paste a secret (or restricted) key and the publishable key of the same mode from the Stripe dashboard.
      </Text>
      {(Object.keys(KEY_INPUTS) as Array<keyof typeof KEY_INPUTS>).map((key) => {
        const { Input, ...props } = KEY_INPUTS[key];
        return <Input key={key} {...props} {...field(key)} autoComplete="off" />;
      })}
      <Group>
        <Button onClick={() => void submit()} loading={loading} disabled={!secretKey}>
          Connect with keys
        </Button>
      </Group>
      <Divider label="or" labelPosition="center" />
      <Group>
        <Button variant="default" onClick={() => void startOAuth()} loading={oauth.loading}>
          Connect with Stripe (OAuth)
        </Button>
      </Group>
    </Stack>
  );
}
