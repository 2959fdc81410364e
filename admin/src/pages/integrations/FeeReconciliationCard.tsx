import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import type { AdminQuickBooksConnectionFragment } from '../../gql/graphql';
import { apiError } from '@settle/web-kit/errors';
import { QuickBooksRefsQuery, UpdateQuickBooksMapping } from './quickbooks-documents';
import { useFormFailure } from '../../lib/actions';
import { RefSelect } from './RefSelect';

/**
 * Stripe keeps a fee from each card payment; with both integrations connected Settle books the fee in
 * QuickBooks as an expense against a bank (clearing) account, so deposits reconcile.
 */
export function FeeReconciliationCard({ connection }: { connection: AdminQuickBooksConnectionFragment }) {
  const m = connection.mapping!;
  const refs = useQuery(QuickBooksRefsQuery);
  const [expense, setExpense] = useState<string | null>(m.feeExpenseAccountId ?? null);
  const [bank, setBank] = useState<string | null>(m.feeBankAccountId ?? null);
  const { failure, attempt } = useFormFailure();
  const [update, { loading }] = useMutation(UpdateQuickBooksMapping);
  const accounts = refs.data?.quickBooksAccounts.filter((a) => a.active) ?? [];
  const options = (type: RegExp) =>
    accounts.filter((a) => type.test(a.type)).map((a) => ({ value: a.id, label: `${a.name} (${a.type})` }));

  async function save() {
    await attempt(async () => {
      await update({ variables: { input: { feeExpenseAccountId: expense, feeBankAccountId: bank } } });
      notifications.show({ color: 'green', message: 'Fee reconciliation saved' });
    });
  }

  return (
    <Card withBorder data-testid="fee-reconciliation-card">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Stripe fee reconciliation</Title>
        <Badge color={m.feeReconciliationEnabled ? 'green' : 'gray'} variant="light">
          {m.feeReconciliationEnabled ? 'on' : 'off'}
        </Badge>
      </Group>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Stripe fees are posted to QuickBooks only when both accounts are chosen.
        </Text>
        {refs.error && <Alert color="red">{apiError(refs.error).message}</Alert>}
        {failure && !failure.fields.feeExpenseAccountId && !failure.fields.feeBankAccountId && (
          <Alert color="red">{failure.message}</Alert>
        )}
        <Group grow>
          <RefSelect
            label="Fee expense account"
            placeholder="Choose an expense account"
            loading={refs.loading}
            data={options(/expense/i)}
            value={expense}
            onChange={setExpense}
            error={failure?.fields.feeExpenseAccountId}
          />
          <RefSelect
            label="Deposit (bank) account"
            placeholder="Choose a bank account"
            loading={refs.loading}
            data={options(/bank/i)}
            value={bank}
            onChange={setBank}
            error={failure?.fields.feeBankAccountId}
          />
        </Group>
        <Group justify="flex-end">
          <Button size="xs" loading={loading} onClick={() => void save()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
