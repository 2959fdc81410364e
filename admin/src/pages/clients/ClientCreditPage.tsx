import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { newRequestKey } from '@settle/web-kit/request-key';
import type { AdminClientCreditQuery } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState, QueryTable } from '../../components/QueryState';
import { TitledCard } from '../../components/TitledCard';
import { actionColumn } from '../../components/columns';
import { InvoiceStatusBadge } from '../../components/StatusBadge';
import { MoneyInput } from '../../components/MoneyInput';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { notifyOnFailure, useFormFailure } from '../../lib/actions';
import {
  ApplyClientCreditMutation,
  ClientCreditQuery,
  UpdateClientCreditSettingsMutation,
} from './client-credit-documents';

type OpenInvoice = AdminClientCreditQuery['invoices']['edges'][number]['node'];
const SOURCE_WORDS: Record<string, string> = {
  CREDIT_MEMO: 'Credit memo kept as credit',
  OVERPAYMENT: 'Overpayment kept as credit',
  APPLIED: 'Applied to an invoice',
  REVERSED: 'Reversed',
  CONTRACT_END: 'Contract ended early: unused time past the next invoice',
  TAKEN_BACK: 'Taken back: the money it came from is gone',
};

/** A client's credit: balance per currency, the ledger, and "Apply credit" on each open invoice. */
export default function ClientCreditPage() {
  const { id = '' } = useParams();
  const query = useQuery(ClientCreditQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [applying, setApplying] = useState<OpenInvoice | null>(null);
  const client = query.data?.client;
  const balances = client?.creditBalance ?? [];
  const available = (currency: string) => balances.find((b) => b.currency === currency)?.amount ?? 0;
  return (
    <>
      <PageHeader
        title={client ? `Credit · ${client.name}` : 'Client credit'}
        description={
          <>
            Credit kept from credit memos and overpayments, spent on open invoices.{' '}
            <Anchor component={Link} to="/clients">
              All clients
            </Anchor>
          </>
        }
      />
      <QueryState query={query} data={query.data}>
        {(data) => (
          <Stack>
            <Card withBorder>
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text size="sm" c="dimmed">
                    Credit balance
                  </Text>
                  <Title order={2} size="h3" data-testid="client-credit-balance">
                    {balances.length
                      ? balances.map((b) => formatMoney(b.amount, b.currency)).join(' · ')
                      : formatMoney(0, data.client.currency)}
                  </Title>
                </div>
                <AutoApplySetting clientId={id} settings={data.clientCreditSettings} />
              </Group>
            </Card>
            <TitledCard title="Open invoices" order={2} size="h4">
              <QueryTable
                query={query}
                data={data.invoices.edges.map((e) => e.node)}
                empty="No open invoices"
                columns={[
                  {
                    key: 'number',
                    header: 'Invoice',
                    render: (inv) => (
                      <Anchor component={Link} to={`/invoices/${inv.id}`}>
                        {inv.number}
                      </Anchor>
                    ),
                  },
                  {
                    key: 'status',
                    header: 'Status',
                    render: (inv) => <InvoiceStatusBadge status={inv.displayStatus} />,
                  },
                  { key: 'due', header: 'Due', render: (inv) => formatDate(inv.dueDate) },
                  {
                    key: 'credit',
                    header: 'Credit applied',
                    align: 'right',
                    render: (inv) => formatMoney(inv.creditApplied, inv.currency),
                  },
                  {
                    key: 'balance',
                    header: 'Balance due',
                    align: 'right',
                    render: (inv) => formatMoney(inv.balanceDue, inv.currency),
                  },
                  actionColumn('apply', (inv: OpenInvoice) => (
                    <Button
                      size="xs"
                      variant="light"
                      disabled={available(inv.currency) <= 0 || inv.balanceDue <= 0}
                      onClick={() => setApplying(inv)}
                    >
                      Apply credit…
                    </Button>
                  )),
                ]}
              />
            </TitledCard>
            <TitledCard title="Ledger" order={2} size="h4">
              <QueryTable
                query={query}
                data={data.client.creditLedger}
                empty="No credit yet"
                rowProps={() => ({ 'data-testid': 'credit-ledger-row' })}
                columns={[
                  { key: 'at', header: 'When', render: (r) => formatDateTime(r.createdAt) },
                  { key: 'what', header: 'What', render: (r) => SOURCE_WORDS[r.source] ?? r.source },
                  {
                    key: 'invoice',
                    header: 'Invoice',
                    render: (r) =>
                      r.invoice ? (
                        <Anchor component={Link} to={`/invoices/${r.invoice.id}`}>
                          {r.invoice.number}
                        </Anchor>
                      ) : (
                        '—'
                      ),
                  },
                  {
                    key: 'amount',
                    header: 'Amount',
                    align: 'right',
                    render: (r) => (
                      <Text size="sm" c={r.amount < 0 ? undefined : 'green'}>
                        {r.amount > 0 ? '+' : '−'} {formatMoney(Math.abs(r.amount), r.currency)}
                      </Text>
                    ),
                  },
                ]}
              />
            </TitledCard>
          </Stack>
        )}
      </QueryState>
      {applying && (
        <ApplyCreditModal
          invoice={applying}
          available={available(applying.currency)}
          onClose={() => setApplying(null)}
        />
      )}
    </>
  );
}

/** Whether this client's credit is applied to its new invoices: the org's default, always, or never. */
function AutoApplySetting({
  clientId,
  settings,
}: {
  clientId: string;
  settings: AdminClientCreditQuery['clientCreditSettings'];
}) {
  const [update, { loading }] = useMutation(UpdateClientCreditSettingsMutation, {
    refetchQueries: [ClientCreditQuery],
  });
  const value = settings.overridden ? (settings.applyCreditAutomatically ? 'ON' : 'OFF') : 'DEFAULT';
  const set = (v: string) =>
    notifyOnFailure(() =>
      update({ variables: { input: { clientId, applyCreditAutomatically: v === 'DEFAULT' ? null : v === 'ON' } } }),
    );
  return (
    <Stack gap={4} align="flex-end">
      <Text size="sm" c="dimmed">
        Apply credit to new invoices automatically
      </Text>
      <SegmentedControl
        size="xs"
        disabled={loading}
        value={value}
        onChange={(v) => void set(v)}
        data={[
          {
            value: 'DEFAULT',
            label: `Org default${settings.overridden ? '' : settings.applyCreditAutomatically ? ' (on)' : ' (off)'}`,
          },
          { value: 'ON', label: 'Always' },
          { value: 'OFF', label: 'Never' },
        ]}
      />
      {settings.overridden ? null : (
        <Badge variant="light" color="gray">
          follows the organization
        </Badge>
      )}
    </Stack>
  );
}

function ApplyCreditModal({
  invoice,
  available,
  onClose,
}: {
  invoice: OpenInvoice;
  available: number;
  onClose: () => void;
}) {
  const most = Math.min(available, invoice.balanceDue);
  const [amount, setAmount] = useState('');
  // One key for this dialog: a retry after a lost answer gets the first application, never a second one.
  const [requestKey] = useState(newRequestKey);
  const { failure, attempt, attemptAmount } = useFormFailure({ amount: 'Amount' });
  const [apply, { loading }] = useMutation(ApplyClientCreditMutation, { refetchQueries: [ClientCreditQuery] });
  const m = (v: number) => formatMoney(v, invoice.currency);
  const done = (applied: number) => {
    notifications.show({ color: 'green', message: `${m(applied)} of credit applied to ${invoice.number}` });
    onClose();
  };
  async function submit() {
    if (!amount.trim())
      return void attempt(async () => {
        const r = await apply({ variables: { invoiceId: invoice.id, idempotencyKey: requestKey } });
        done(-(r.data?.applyClientCredit.entry.amount ?? 0));
      });
    await attemptAmount(amount, invoice.currency, async (minor) => {
      await apply({ variables: { invoiceId: invoice.id, amount: minor, idempotencyKey: requestKey } });
      done(minor);
    });
  }
  return (
    <Modal opened onClose={onClose} title={`Apply credit to ${invoice.number}`}>
      <Stack>
        <Text size="sm">
          {m(available)} of credit available; {m(invoice.balanceDue)} due. Leave the amount empty to apply {m(most)}.
        </Text>
        <FormError failure={failure} fields={['amount']} />
        <MoneyInput
          label="Amount"
          currency={invoice.currency}
          value={amount}
          onChange={setAmount}
          error={failure?.fields.amount}
          data-autofocus
        />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading}>
          Apply credit
        </ModalActions>
      </Stack>
    </Modal>
  );
}
