import { useState } from 'react';
import { Alert, Badge, Button, Card, Grid, Group, Menu, Stack, Text } from '@mantine/core';
import { useQuery, useSubscription } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { QueryState } from '../../components/QueryState';
import { DetailHeader } from '../../components/DetailHeader';
import { InvoiceStatusBadge } from '../../components/StatusBadge';
import { apiError } from '@settle/web-kit/errors';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { DataTable } from '@settle/web-kit/data-table';
import { invoiceLineColumns } from '@settle/web-kit/invoice-lines';
import { InvoiceQuery, InvoiceUpdatedSubscription } from './invoice-documents';
import {
  CreditMemoModal,
  RecordPaymentModal,
  ReleaseVoidedTimeModal,
  SendModal,
  UncollectibleModal,
  VoidModal,
} from './InvoiceActionModals';
import { AdminOnly } from '../../components/AdminOnly';
import { EditDraftModal } from './EditDraftModal';
import { InvoiceTimeline } from './InvoiceTimeline';
import { InvoicePayments } from './InvoicePayments';
import { PaymentExceptionsBanner } from '../exceptions/PaymentExceptionsBanner';
import { IntegrationActions, useIntegrationAvailability } from './IntegrationActions';
import { CopyValueButton } from '../../components/CopyValueButton';
import { InvoicePdfActions } from './InvoicePdfPreview';
import { TitledCard } from '../../components/TitledCard';
import { useAdminTitle } from '../../components/Layout';
import { InvoiceReminders } from '../reminders/InvoiceReminders';
import { InvoiceAutopayCard } from '../autopay/AutopayAttempts';

type Modal = 'edit' | 'send' | 'void' | 'pay' | 'credit' | 'uncollectible' | 'release' | null;

export default function InvoiceDetailPage() {
  const { id = '' } = useParams();
  const query = useQuery(InvoiceQuery, { variables: { id } });
  useAdminTitle(query.data?.invoice ? `Invoice ${query.data.invoice.number}` : 'Invoice');
  // Live status: the server pushes every status/balance change; the normalized cache updates this page.
  // The subscription starts with the invoice as it is once it listens (`current`), so a change between
  // this query and the subscription, or while the socket reconnected, still reaches the page.
  const live = useSubscription(InvoiceUpdatedSubscription, {
    variables: { invoiceId: id },
    // The event updates status and amounts in the cache at once; payments, the timeline and the autopay
    // attempts (an automatic charge is such an event) follow with one read per event (never a timer).
    onData: ({ client }) => {
      void query.refetch();
      void client.refetchQueries({ include: ['AdminAutopayAttempts'] });
    },
  });
  return (
    <QueryState query={query} data={query.data?.invoice}>
      {(inv) => <InvoiceView invoice={inv} liveError={live.error} />}
    </QueryState>
  );
}

function InvoiceView({ invoice: inv, liveError }: { invoice: AdminInvoiceDetailFragment; liveError?: unknown }) {
  const [modal, setModal] = useState<Modal>(null);
  const available = useIntegrationAvailability();
  const money = (n: number) => formatMoney(n, inv.currency);
  const isDraft = inv.status === 'DRAFT';
  const isOpen = inv.status === 'SENT' || inv.status === 'PARTIALLY_PAID';
  // Written off is still owed: a check that arrives after all is recorded, and credit may still go on it.
  const owed = isOpen || (inv.status === 'UNCOLLECTIBLE' && inv.balanceDue > 0);
  const close = () => setModal(null);

  return (
    <Stack>
      <DetailHeader
        back={{ to: '/invoices', label: 'Invoices' }}
        title={`Invoice ${inv.number}`}
        badges={
          <>
            <InvoiceStatusBadge status={inv.displayStatus} />
            {inv.disputed && <Badge color="red">Disputed</Badge>}
          </>
        }
        subtitle={
          <>
            {inv.client.name} · issued {formatDate(inv.issueDate)} · due {formatDate(inv.dueDate)}
            {inv.periodStart && ` · period ${formatDate(inv.periodStart)} – ${formatDate(inv.periodEnd)}`}
          </>
        }
      >
        <Group gap="xs">
          {isDraft && (
            <Button variant="default" onClick={() => setModal('edit')}>
              Edit draft
            </Button>
          )}
          {isDraft && <Button onClick={() => setModal('send')}>Send…</Button>}
          {owed && <Button onClick={() => setModal('pay')}>Record payment</Button>}
          {owed && (
            <Button variant="default" component={Link} to={`/clients/${inv.client.id}/credit`}>
              Apply client credit…
            </Button>
          )}
          {!isDraft && inv.creditableAmount > 0 && (
            <Button variant="default" onClick={() => setModal('credit')}>
              Credit memo
            </Button>
          )}
          <IntegrationActions invoice={inv} available={available} />
          <InvoicePdfActions id={inv.id} number={inv.number} />
          <CopyValueButton value={inv.portalUrl} label="Copy portal link" />
          {(isDraft || isOpen) && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" color="gray">
                  More
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item color="red" onClick={() => setModal('void')}>
                  Void…
                </Menu.Item>
                {isOpen && <Menu.Item onClick={() => setModal('uncollectible')}>Mark uncollectible…</Menu.Item>}
              </Menu.Dropdown>
            </Menu>
          )}
          {inv.status === 'VOID' && (
            <AdminOnly>
              <Button variant="default" onClick={() => setModal('release')}>
                Release time…
              </Button>
            </AdminOnly>
          )}
        </Group>
      </DetailHeader>
      <PaymentExceptionsBanner exceptions={inv.paymentExceptions} />
      {liveError ? (
        <Alert color="yellow" variant="light">
          Live updates are paused ({apiError(liveError).message}); reconnecting…
        </Alert>
      ) : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <DataTable
                rows={inv.lines}
                rowKey={(l) => l.id}
                emptyRow={
                  <Text c="dimmed" size="sm">
                    No lines.
                  </Text>
                }
                columns={invoiceLineColumns(inv.currency, {
                  description: (l) => <Text size="sm">{l.description}</Text>,
                })}
              />
              <Stack gap={4} mt="md" align="flex-end">
                <Total label="Subtotal" value={money(inv.subtotal)} />
                <Total label="Tax" value={money(inv.taxTotal)} />
                <Total label="Total" value={money(inv.total)} strong />
                {inv.amountPaid !== 0 && <Total label="Paid" value={`− ${money(inv.amountPaid)}`} />}
                {inv.amountKeptAsCredit !== 0 && (
                  <Total label="Moved to client credit" value={`+ ${money(inv.amountKeptAsCredit)}`} />
                )}
                {inv.amountCredited !== 0 && <Total label="Credited" value={money(inv.amountCredited)} />}
                {inv.creditApplied !== 0 && <Total label="of which client credit" value={money(inv.creditApplied)} />}
                {/* A void invoice is owed by nobody: no balance due, whatever was left unpaid on it. */}
                <Total
                  label="Balance due"
                  value={inv.status === 'VOID' ? 'Nothing (void)' : money(inv.balanceDue)}
                  strong
                  testId="balance-due"
                />
              </Stack>
              {(inv.memo || inv.notes) && (
                <Stack gap={4} mt="md">
                  {inv.memo && (
                    <Text size="sm">
                      <b>Memo:</b> {inv.memo}
                    </Text>
                  )}
                  {inv.notes && (
                    <Text size="sm">
                      <b>Notes:</b> {inv.notes}
                    </Text>
                  )}
                </Stack>
              )}
            </Card>
            <InvoicePayments invoice={inv} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <TitledCard title="Timeline" order={5}>
              <InvoiceTimeline events={inv.activity} />
            </TitledCard>
            {!isDraft && <InvoiceAutopayCard invoiceId={inv.id} hold={inv.autopayHold} />}
            {!isDraft && (
              <TitledCard title="Reminders" order={5}>
                <InvoiceReminders reminders={inv.reminders} />
              </TitledCard>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      {modal === 'edit' && <EditDraftModal invoice={inv} opened onClose={close} />}
      {modal === 'send' && <SendModal invoice={inv} opened onClose={close} available={available} />}
      {modal === 'void' && <VoidModal invoice={inv} opened onClose={close} />}
      {modal === 'pay' && <RecordPaymentModal invoice={inv} opened onClose={close} />}
      {modal === 'credit' && <CreditMemoModal invoice={inv} opened onClose={close} />}
      {modal === 'uncollectible' && <UncollectibleModal invoice={inv} opened onClose={close} />}
      {modal === 'release' && <ReleaseVoidedTimeModal invoice={inv} opened onClose={close} />}
    </Stack>
  );
}

function Total({ label, value, strong, testId }: { label: string; value: string; strong?: boolean; testId?: string }) {
  return (
    <Group gap="xl" justify="flex-end" w={300}>
      <Text size="sm" c="dimmed" style={{ flex: 1 }} ta="right">
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 400} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}
