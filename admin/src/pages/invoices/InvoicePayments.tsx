import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney, minorToDecimal } from '@settle/web-kit/money';
import { cardLabel, paymentMethodName } from '@settle/web-kit/payment-card';
import { newRequestKey } from '@settle/web-kit/request-key';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { MoneyInput } from '../../components/MoneyInput';
import { humanize } from '../../components/StatusBadge';
import { TitledCard } from '../../components/TitledCard';
import { useMoneyMutation } from '../../lib/actions';
import { RefundPaymentMutation } from './invoice-documents';
import { ReasonField } from '../../components/ReasonField';
import { VoidPaymentModal } from './VoidPaymentModal';

type Invoice = AdminInvoiceDetailFragment;
type Payment = Invoice['payments'][number];

/** A refund was undone because it failed, and no refund was made after it (payments come oldest first). */
function refundStillFailed(payments: Payment[], undoesRefund: (p: Payment) => boolean): boolean {
  const lastUndo = payments.map(undoesRefund).lastIndexOf(true);
  return lastUndo >= 0 && !payments.slice(lastUndo + 1).some((p) => p.kind === 'REFUND');
}

/** What a payment row is, in words: a failed refund's undoing and a void say so. */
function rowLabel(p: Payment, undoesRefund: (p: Payment) => boolean, voidedIds: Set<string>): string {
  if (undoesRefund(p)) return 'Refund failed';
  if (p.kind === 'ADJUSTMENT' && p.source === 'MANUAL' && voidedIds.has(p.adjustsPaymentId ?? '')) return 'Void';
  return p.voided ? 'Payment (voided)' : humanize(p.kind);
}

/**
 * The invoice's payments and refunds (with Refund… where money can go back, and Void… on a payment recorded
 * by hand by mistake), disputes and credit memos.
 */
export function InvoicePayments({ invoice: inv }: { invoice: Invoice }) {
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [voiding, setVoiding] = useState<Payment | null>(null);
  // A void is an adjustment naming a payment that says it was voided (its reference says why).
  const voidedIds = new Set(inv.payments.filter((p) => p.voided).map((p) => p.id));
  const money = (n: number) => formatMoney(n, inv.currency);
  // A refund the provider failed later is undone by an adjustment naming it: the client was not paid back.
  const refundIds = new Set(inv.payments.filter((p) => p.kind === 'REFUND').map((p) => p.id));
  const undoesRefund = (p: Payment) => p.kind === 'ADJUSTMENT' && refundIds.has(p.adjustsPaymentId ?? '');
  return (
    <TitledCard title="Payments" order={5}>
      {refundStillFailed(inv.payments, undoesRefund) && (
        <Alert color="orange" mb="sm" data-testid="refund-failed-alert" title="A refund failed">
          The payment provider could not return a refund on this invoice, so the money counts as paid again. Refund it
          again or return it another way, and tell the client. If the refund was credited to the invoice, that credit
          stands: refund again without crediting it.
        </Alert>
      )}
      {inv.disputed && (
        <Alert color="red" mb="sm" data-testid="dispute-alert" title="Disputed">
          A card payment on this invoice is disputed with the card network. Respond in Stripe; the invoice clears when
          the dispute is won.
        </Alert>
      )}
      {inv.payments.length === 0 ? (
        <Text c="dimmed" size="sm">
          No payments yet.
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {inv.payments.map((p) => {
              // What the server would refund now: left of this payment, at most what the invoice holds.
              const left = p.refundableAmount;
              return (
                <Table.Tr key={p.id} data-testid={p.kind === 'REFUND' ? 'refund-row' : 'payment-row'}>
                  {/* Date, source and reference under what it was, so the amount fits beside them on a phone;
                      the cell takes the width left (max-width 0 lets its reference truncate there). */}
                  <Table.Td style={{ width: '100%', maxWidth: 0 }}>
                    <Text size="sm">
                      {rowLabel(p, undoesRefund, voidedIds)} ·{' '}
                      {cardLabel(p, paymentMethodName(p.method)) ?? paymentMethodName(p.method)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(p.receivedOn)} · {humanize(p.source)}
                      {p.receiptUrl ? (
                        <>
                          {' · '}
                          <Anchor href={p.receiptUrl} target="_blank" rel="noopener noreferrer" size="xs">
                            Receipt
                          </Anchor>
                        </>
                      ) : null}
                    </Text>
                    {(p.reference || p.externalId) && (
                      <Text size="xs" c="dimmed" truncate="end" title={p.reference || p.externalId || ''}>
                        {p.reference || p.externalId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    style={{ whiteSpace: 'nowrap' }}
                    c={p.amount < 0 ? 'red' : undefined}
                    data-testid="payment-amount"
                  >
                    {money(p.amount)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {p.voidable && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setVoiding(p)}>
                        Void…
                      </Button>
                    )}
                    {left > 0 && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRefunding(p)}>
                        Refund…
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {inv.creditMemos.length > 0 && (
        <>
          <Title order={6} mt="md" mb="xs">
            Credit memos
          </Title>
          {inv.creditMemos.map((m) => (
            <Group key={m.id} justify="space-between">
              <Text size="sm">{m.reason}</Text>
              <Text size="sm">{money(m.amount)}</Text>
            </Group>
          ))}
        </>
      )}
      {refunding && <RefundModal invoice={inv} payment={refunding} onClose={() => setRefunding(null)} />}
      {voiding && <VoidPaymentModal invoice={inv} payment={voiding} onClose={() => setVoiding(null)} />}
    </TitledCard>
  );
}

function RefundModal({ invoice, payment, onClose }: { invoice: Invoice; payment: Payment; onClose: () => void }) {
  const left = payment.refundableAmount;
  // Money recorded by hand went back by hand (a check mailed back, one that bounced): Settle only records it.
  const byHand = payment.source === 'MANUAL';
  const method = paymentMethodName(payment.method);
  const how = method.charAt(0).toLowerCase() + method.slice(1);
  const [amount, setAmount] = useState(minorToDecimal(left, invoice.currency));
  const [reason, setReason] = useState('');
  const [creditInvoice, setCreditInvoice] = useState(false);
  // One key for this dialog: a retry after a lost answer gets the refund Stripe made, never a second one.
  const [requestKey] = useState(newRequestKey);
  const { failure, loading, submit } = useMoneyMutation(RefundPaymentMutation, {
    labels: { amount: 'Amount', reason: 'Reason' },
    currency: invoice.currency,
    requestKey,
    onDone: onClose,
  });
  const save = () =>
    submit(
      amount,
      (minor) => ({ paymentId: payment.id, amount: minor, reason, creditInvoice }),
      (minor) =>
        byHand
          ? `Recorded a refund of ${formatMoney(minor, invoice.currency)}`
          : `Refunded ${formatMoney(minor, invoice.currency)} through Stripe`,
    );
  return (
    <Modal opened onClose={onClose} title={byHand ? `Record a refund of a ${how} payment` : 'Refund a card payment'}>
      <Stack>
        <Text size="sm" c="dimmed">
          {formatMoney(payment.amount, invoice.currency)} paid by {byHand ? how : 'card'} on{' '}
          {formatDate(payment.receivedOn)}; {formatMoney(left, invoice.currency)} can still be refunded.{' '}
          {byHand
            ? 'Record money you returned outside Settle (a check mailed back, a wire) or a check that bounced; Settle sends nothing,'
            : 'The money goes back to the card through Stripe,'}
          {creditInvoice
            ? ' and the invoice is credited by as much: its balance due stays as it is.'
            : " and the invoice's balance due goes up by the refund."}
        </Text>
        <FormError failure={failure} fields={['amount', 'reason']} />
        <MoneyInput
          label="Amount"
          required
          currency={invoice.currency}
          value={amount}
          onChange={setAmount}
          error={failure?.fields.amount}
        />
        <ReasonField
          value={reason}
          onChange={setReason}
          error={failure?.fields.reason}
          description={
            byHand
              ? "Kept with the refund on the invoice's timeline; the client sees it beside the refund in the portal."
              : "Kept with the refund in Stripe and on the invoice's timeline."
          }
          maxLength={500}
        />
        <Checkbox
          label="The client no longer owes it: credit the invoice by as much"
          description="For a discount or goodwill refund. Leave it off when the client still owes the invoice, e.g. to pay it another way."
          checked={creditInvoice}
          onChange={(e) => setCreditInvoice(e.currentTarget.checked)}
          data-testid="refund-credit-invoice"
        />
        <ModalActions onCancel={onClose} onSubmit={() => void save()} loading={loading} color="red">
          {byHand ? 'Record refund' : 'Refund'}
        </ModalActions>
      </Stack>
    </Modal>
  );
}
