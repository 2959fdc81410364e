import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import type { AdminQuickBooksConnectionFragment } from '../../gql/graphql';
import { apiError } from '@settle/web-kit/errors';
import { QuickBooksRefsQuery } from './quickbooks-documents';
import { RefSelect } from './RefSelect';
import { useMappingForm } from './quickbooks-mapping-form';
import { FormError } from '../../components/FormError';
import { AdminSaveButton } from '../../components/AdminOnly';

/** The two accounts the fee is booked between, each picked from the QuickBooks accounts of its type. */
const FEE_ACCOUNTS = [
  {
    field: 'feeExpenseAccountId',
    label: 'Fee expense account',
    placeholder: 'Choose an expense account',
    type: /expense/i,
  },
  {
    field: 'feeBankAccountId',
    label: 'Stripe clearing (bank) account',
    placeholder: 'Choose a bank account',
    type: /bank/i,
  },
  { field: 'payoutBankAccountId', label: 'Payout bank account', placeholder: 'Choose a bank account', type: /bank/i },
] as const;

/**
 * Stripe keeps a fee from each card payment; with both integrations connected Settle books Stripe money
 * into a clearing account, the fee as an expense against it and each payout as a Deposit from it into
 * the payout bank, so the bank register matches the bank statement.
 */
export function FeeReconciliationCard({ connection }: { connection: AdminQuickBooksConnectionFragment }) {
  const m = connection.mapping!;
  const refs = useQuery(QuickBooksRefsQuery);
  const form = useMappingForm(
    {
      feeExpenseAccountId: m.feeExpenseAccountId ?? null,
      feeBankAccountId: m.feeBankAccountId ?? null,
      payoutBankAccountId: m.payoutBankAccountId ?? null,
    },
    'Fee reconciliation saved',
  );
  const accounts = refs.data?.quickBooksAccounts.filter((a) => a.active) ?? [];
  const options = (type: RegExp) =>
    accounts.filter((a) => type.test(a.type)).map((a) => ({ value: a.id, label: `${a.name} (${a.type})` }));

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
          Stripe fees are posted to QuickBooks when the fee expense and clearing accounts are chosen; payouts are
          deposited when the payout bank account is chosen too.
        </Text>
        {refs.error && <Alert color="red">{apiError(refs.error).message}</Alert>}
        <FormError failure={form.failure} fields={FEE_ACCOUNTS.map((a) => a.field)} />
        <Group grow>
          {FEE_ACCOUNTS.map(({ field, label, placeholder, type }) => (
            <RefSelect
              key={field}
              label={label}
              placeholder={placeholder}
              loading={refs.loading}
              data={options(type)}
              {...form.bind(field)}
            />
          ))}
        </Group>
        <AdminSaveButton
          note="Only admins change the QuickBooks mapping."
          onSave={form.save}
          loading={form.saving}
          size="xs"
        />
      </Stack>
    </Card>
  );
}
