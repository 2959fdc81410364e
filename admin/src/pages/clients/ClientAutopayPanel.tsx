import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Group, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { graphql } from '../../gql';
import { apiErrorOrNull } from '@settle/web-kit/errors';

const ClientPaymentMethods = graphql(`
  query AdminClientPaymentMethods($clientId: ID!) {
    savedPaymentMethods(clientId: $clientId) { id type brand last4 expMonth expYear bankName isDefault }
    autopay(clientId: $clientId) { clientId enabled }
  }
`);

const SetClientAutopay = graphql(`
  mutation AdminSetClientAutopay($clientId: ID!, $enabled: Boolean!) {
    setAutopay(clientId: $clientId, enabled: $enabled) { clientId enabled }
  }
`);

/**
 * The client's saved payment methods (read from Stripe, masked) and its autopay switch, on the client's
 * edit form. Adding a method is the client's own step in the portal (Stripe's page takes the details).
 */
export function ClientAutopayPanel({ clientId }: { clientId: string }) {
  const { data, error, refetch } = useQuery(ClientPaymentMethods, {
    variables: { clientId },
    fetchPolicy: 'cache-and-network',
  });
  const [setAutopay, saving] = useMutation(SetClientAutopay);
  const [pending, setPending] = useState<boolean | null>(null);
  const enabled = pending ?? data?.autopay.enabled ?? false;
  const problem = apiErrorOrNull(error ?? saving.error);
  const methods = data?.savedPaymentMethods ?? [];
  return (
    <Stack gap={6} data-testid="client-autopay">
      <Text size="sm" fw={500}>
        Automatic payments
      </Text>
      <Switch
        label="Charge due invoices to the default saved method"
        checked={enabled}
        disabled={!data || saving.loading}
        onChange={(e) => {
          const on = e.currentTarget.checked;
          setPending(on);
          void setAutopay({ variables: { clientId, enabled: on } })
            .then(() => refetch())
            .catch(() => null)
            .finally(() => setPending(null));
        }}
      />
      {problem ? (
        <Alert color="red" variant="light">
          {problem.formMessage ?? Object.values(problem.fields)[0]}
        </Alert>
      ) : null}
      {data && methods.length === 0 ? (
        <Text size="sm" c="dimmed">
          No saved payment methods. The client adds one under Payment methods in the portal.
        </Text>
      ) : (
        methods.map((m) => (
          <Group key={m.id} gap="xs">
            <Text size="sm">
              {m.type === 'US_BANK_ACCOUNT'
                ? `${m.bankName ?? 'Bank account'} •••• ${m.last4 ?? ''}`
                : `${m.brand ?? 'Card'} •••• ${m.last4 ?? ''}${m.expMonth ? ` (${m.expMonth}/${m.expYear})` : ''}`}
            </Text>
            {m.isDefault ? (
              <Badge size="xs" variant="light">
                Default
              </Badge>
            ) : null}
          </Group>
        ))
      )}
    </Stack>
  );
}
