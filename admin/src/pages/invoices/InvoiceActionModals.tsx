import { useState } from 'react';
import { Checkbox, Modal, Radio, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type {
  AdminInvoiceDetailFragment,
  InvoiceDestination,
  PaymentMethod,
  VoidPaymentsHandling,
} from '../../gql/graphql';
import { MoneyInput } from '../../components/MoneyInput';
import { useOrgDateField } from '../../lib/org-today';
import { formatMoney, minorToDecimal } from '@settle/web-kit/money';
import { paymentMethodName } from '@settle/web-kit/payment-card';
import {
  IssueCreditMemoMutation,
  MarkUncollectibleMutation,
  RecordPaymentMutation,
  ReleaseVoidedTimeMutation,
  SendInvoiceMutation,
  VoidInvoiceMutation,
} from './invoice-documents';
import { useFormFailure, useMoneyMutation, type MoneyMutation } from '../../lib/actions';
import { FormError } from '../../components/FormError';
import { ModalActions, type ActionModalProps } from '../../components/ModalActions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { bindChecked, bindText } from '@settle/web-kit/fields';
import { ReasonField } from '../../components/ReasonField';
import { useRequestKey } from '@settle/web-kit/request-key';

type ModalProps = ActionModalProps & { invoice: AdminInvoiceDetailFragment };

/** The server's limits (characters): issueCreditMemo's reason (@Length(1, 1000)), voidInvoice's note (500). */
const MAX_CREDIT_REASON = 1000;
const MAX_VOID_NOTE = 500;

/** The labels of the payment and credit memo forms, for the API's messages about their fields. */
const MONEY_LABELS = {
  amount: 'Amount',
  method: 'Method',
  reference: 'Reference',
  receivedOn: 'Received on',
  reason: 'Reason',
};

/** The required Amount of a payment or a credit memo, in the invoice's currency. */
function AmountInput(props: { currency: string; value: string; onChange: (value: string) => void; error?: string }) {
  return <MoneyInput label="Amount" {...props} required />;
}

/**
 * The submit of the payment and credit memo forms: the amount in the invoice's currency, with a new request
 * key each time the dialog opens (it stays mounted); the dialog closes once the mutation went through.
 */
function useInvoiceMoneyMutation<Input>(mutation: MoneyMutation<Input>, { invoice, opened, onClose }: ModalProps) {
  const requestKey = useRequestKey(opened);
  return useMoneyMutation(mutation, { labels: MONEY_LABELS, currency: invoice.currency, requestKey, onDone: onClose });
}

export function SendModal({
  invoice,
  opened,
  onClose,
  available,
}: ModalProps & { available: { STRIPE: boolean; QUICKBOOKS: boolean } }) {
  const [destinations, setDestinations] = useState<InvoiceDestination[]>([
    'EMAIL',
    ...(available.STRIPE ? (['STRIPE'] as const) : []),
  ]);
  const { failure, attempt } = useFormFailure({ destinations: 'Destinations' });
  const [send, { loading }] = useMutation(SendInvoiceMutation);
  // A second click or a retry after a lost answer is this send, not a resend emailing the client again.
  const requestKey = useRequestKey(opened);
  async function submit() {
    await attempt(async () => {
      await send({ variables: { id: invoice.id, destinations, idempotencyKey: requestKey } });
      notifications.show({ color: 'green', message: `Invoice ${invoice.number} sent` });
      onClose();
    });
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Send invoice ${invoice.number}`}>
      <Stack>
        <Text size="sm" c="dimmed">
          Sending finalizes the invoice: its lines can no longer be edited.
        </Text>
        <FormError failure={failure} fields={['destinations']} />
        <Checkbox.Group
          label="Destinations"
          value={destinations}
          // The checkboxes' values are the destinations below.
          onChange={(values) => setDestinations(values as InvoiceDestination[])}
          error={failure?.fields.destinations}
        >
          <Stack gap="xs" mt="xs">
            <Checkbox value="EMAIL" label={`Email to ${invoice.client.billingEmail}`} />
            <Checkbox
              value="STRIPE"
              // Checkout or a hosted invoice, whichever the org's payment settings say (the demo org: Checkout).
              label={available.STRIPE ? 'Stripe (pay link, as set in Payment settings)' : 'Stripe (not connected)'}
              disabled={!available.STRIPE}
            />
            <Checkbox
              value="QUICKBOOKS"
              label={available.QUICKBOOKS ? 'QuickBooks Online' : 'QuickBooks (not connected)'}
              disabled={!available.QUICKBOOKS}
            />
          </Stack>
        </Checkbox.Group>
        <ModalActions
          onCancel={onClose}
          onSubmit={() => void submit()}
          loading={loading}
          disabled={destinations.length === 0}
        >
          Send
        </ModalActions>
      </Stack>
    </Modal>
  );
}

/** What the void form offers for money paid on the invoice, and what its note is then for. */
const MONEY_CHOICES: Record<VoidPaymentsHandling, { label: string; note: string; hint: string }> = {
  REFUND: {
    label: 'Refund it',
    note: 'How payments recorded by hand were returned',
    hint: 'Card payments go back to the card through Stripe; checks and transfers are recorded as refunded by hand.',
  },
  CREDIT: {
    label: "Keep it as the client's credit",
    note: 'Note (optional, shown to the client with the credit)',
    hint: "A credit memo on the void invoice moves the money to the client's credit, spent on later invoices.",
  },
  KEEP: { label: 'Keep it, and say why', note: 'Why the money is kept', hint: 'Recorded on the invoice’s timeline.' },
};

export function VoidModal({ invoice, opened, onClose }: ModalProps) {
  const [release, setRelease] = useState(true);
  const held = invoice.heldAmount;
  const [handling, setHandling] = useState<VoidPaymentsHandling>('REFUND');
  const [note, setNote] = useState('');
  const choice = MONEY_CHOICES[handling];
  const { failure, attempt } = useFormFailure({ note: choice.note, payments: 'What becomes of the money' });
  const [voidInvoice, { loading }] = useMutation(VoidInvoiceMutation);
  async function submit() {
    await attempt(async () => {
      const payments = held > 0 ? { handling, note: note.trim() || null } : null;
      await voidInvoice({ variables: { id: invoice.id, releaseTimeEntries: release, payments } });
      notifications.show({ message: `Invoice ${invoice.number} voided` });
      onClose();
    });
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Void invoice ${invoice.number}`}>
      <Stack>
        <Text size="sm">A void invoice stays on record but is no longer owed.</Text>
        <FormError failure={failure} fields={held > 0 ? ['note', 'payments'] : []} />
        {held > 0 && (
          <>
            <Radio.Group
              label={`${formatMoney(held, invoice.currency)} is paid on this invoice. What becomes of it?`}
              value={handling}
              onChange={(v) => setHandling(v as VoidPaymentsHandling)}
              error={failure?.fields.payments}
              description={choice.hint}
            >
              <Stack gap="xs" mt="xs">
                {Object.entries(MONEY_CHOICES).map(([value, c]) => (
                  <Radio key={value} value={value} label={c.label} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label={choice.note}
              required={handling === 'KEEP'}
              autosize
              minRows={2}
              maxLength={MAX_VOID_NOTE}
              {...bindText(note, setNote, failure?.fields.note)}
            />
          </>
        )}
        <Checkbox
          label="Release its time entries so they can be invoiced again"
          {...bindChecked(release, setRelease)}
        />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading} color="red">
          Void invoice
        </ModalActions>
      </Stack>
    </Modal>
  );
}

export function UncollectibleModal({ invoice, ...modal }: ModalProps) {
  return (
    <ConfirmModal
      {...modal}
      title={`Mark invoice ${invoice.number} uncollectible?`}
      mutation={MarkUncollectibleMutation}
      variables={{ id: invoice.id }}
      done={{ message: `Invoice ${invoice.number} marked uncollectible` }}
      action="Mark uncollectible"
      color="orange"
    >
      {formatMoney(invoice.balanceDue, invoice.currency)} is still due. Marking it uncollectible writes that off as bad
      debt: reminders stop, and a payment that still arrives is recorded.
    </ConfirmModal>
  );
}

/** A void invoice that kept its time: an admin puts that time (and the contract periods it charged) back up for invoicing. */
export function ReleaseVoidedTimeModal({ invoice, ...modal }: ModalProps) {
  return (
    <ConfirmModal
      {...modal}
      title={`Release the time of invoice ${invoice.number}?`}
      mutation={ReleaseVoidedTimeMutation}
      variables={{ id: invoice.id }}
      done={{ color: 'green', message: `The time of invoice ${invoice.number} is back up for invoicing` }}
      action="Release time"
    >
      This void invoice kept the time and contract periods it billed. Released, they are billed again by the next
      invoice generated or billing run. The invoice stays void.
    </ConfirmModal>
  );
}

/** What can be recorded by hand (the server's MANUAL_PAYMENT_METHODS): card and bank debits come from their provider. */
const METHODS: PaymentMethod[] = ['CHECK', 'ACH', 'WIRE', 'CASH', 'OTHER'];

export function RecordPaymentModal({ invoice, opened, onClose }: ModalProps) {
  const [amount, setAmount] = useState(minorToDecimal(invoice.balanceDue, invoice.currency));
  const [method, setMethod] = useState<PaymentMethod>('CHECK');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn, receivedOnPending] = useOrgDateField();
  const { failure, loading, submit } = useInvoiceMoneyMutation(RecordPaymentMutation, { invoice, opened, onClose });
  const save = () =>
    submit(
      amount,
      (minor) => ({ invoiceId: invoice.id, amount: minor, method, reference: reference || undefined, receivedOn }),
      (minor) => `Recorded ${formatMoney(minor, invoice.currency)}`,
    );
  return (
    <Modal opened={opened} onClose={onClose} title="Record a payment">
      <Stack>
        <Text size="sm" c="dimmed">
          Balance due {formatMoney(invoice.balanceDue, invoice.currency)}
        </Text>
        <FormError failure={failure} fields={['amount', 'method', 'reference', 'receivedOn']} />
        <AmountInput currency={invoice.currency} value={amount} onChange={setAmount} error={failure?.fields.amount} />
        <Select
          label="Method"
          data={METHODS.map((m) => ({ value: m, label: paymentMethodName(m) }))}
          value={method}
          onChange={(v) => v && setMethod(v as PaymentMethod)}
          error={failure?.fields.method}
          allowDeselect={false}
        />
        <TextInput
          label="Reference"
          placeholder="Check number, wire reference…"
          {...bindText(reference, setReference, failure?.fields.reference)}
        />
        <TextInput
          label="Received on"
          type="date"
          {...bindText(receivedOn, setReceivedOn, failure?.fields.receivedOn)}
        />
        <ModalActions onCancel={onClose} onSubmit={() => void save()} loading={loading} disabled={receivedOnPending}>
          Record payment
        </ModalActions>
      </Stack>
    </Modal>
  );
}

export function CreditMemoModal({ invoice, opened, onClose }: ModalProps) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  // On a paid invoice the credit can stay with the client as credit for later invoices instead of going back.
  const [toClientCredit, setToClientCredit] = useState(false);
  const { failure, loading, submit } = useInvoiceMoneyMutation(IssueCreditMemoMutation, { invoice, opened, onClose });
  const save = () =>
    submit(
      amount,
      (minor) => ({ invoiceId: invoice.id, amount: minor, reason, toClientCredit }),
      () => (toClientCredit ? "Credit memo issued; kept as credit on the client's account" : 'Credit memo issued'),
    );
  return (
    <Modal opened={opened} onClose={onClose} title="Issue a credit memo">
      <Stack>
        <Text size="sm" c="dimmed">
          Paid {formatMoney(invoice.amountPaid, invoice.currency)}, already credited{' '}
          {formatMoney(invoice.amountCredited, invoice.currency)}. At most{' '}
          {formatMoney(invoice.creditableAmount, invoice.currency)} can be credited now.
        </Text>
        <FormError failure={failure} fields={['amount', 'reason', 'toClientCredit']} />
        <AmountInput currency={invoice.currency} value={amount} onChange={setAmount} error={failure?.fields.amount} />
        <ReasonField value={reason} onChange={setReason} error={failure?.fields.reason} maxLength={MAX_CREDIT_REASON} />
        {(invoice.status === 'PAID' || invoice.status === 'VOID') && (
          <Checkbox
            label="Keep as credit on the client's account"
            description="Applied to the client's open or next invoices instead of being owed back."
            {...bindChecked(toClientCredit, setToClientCredit)}
            error={failure?.fields.toClientCredit}
          />
        )}
        <ModalActions onCancel={onClose} onSubmit={() => void save()} loading={loading}>
          Issue credit memo
        </ModalActions>
      </Stack>
    </Modal>
  );
}
