import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type { AdminInvoiceDetailFragment, PaymentMethod } from '../../gql/graphql';
import { MoneyInput } from '../../components/MoneyInput';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { todayLocal } from '../../lib/dates';
import { formatMoney, minorToDecimal, parseMoney } from '@settle/web-kit/money';
import { IssueCreditMemoMutation, RecordPaymentMutation, SendInvoiceMutation, VoidInvoiceMutation } from './invoice-documents';

type Inv = AdminInvoiceDetailFragment;
interface ModalProps { invoice: Inv; opened: boolean; onClose: () => void }

function FormError({ failure, fields }: { failure: FormFailure | null; fields: string[] }) {
  if (!failure || fields.some((f) => failure.fields[f])) return null;
  return <Alert color="red" role="alert">{failure.message}</Alert>;
}

export function SendModal({ invoice, opened, onClose, available }: ModalProps & { available: { STRIPE: boolean; QUICKBOOKS: boolean } }) {
  const [destinations, setDestinations] = useState<string[]>(['EMAIL', ...(available.STRIPE ? ['STRIPE'] : [])]);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [send, { loading }] = useMutation(SendInvoiceMutation);
  async function submit() {
    setFailure(null);
    try {
      await send({ variables: { id: invoice.id, destinations } });
      notifications.show({ color: 'green', message: `Invoice ${invoice.number} sent` });
      onClose();
    } catch (err) {
      setFailure(apiError(err));
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Send invoice ${invoice.number}`}>
      <Stack>
        <Text size="sm" c="dimmed">Sending finalizes the invoice: its lines can no longer be edited.</Text>
        <FormError failure={failure} fields={['destinations']} />
        <Checkbox.Group label="Destinations" value={destinations} onChange={setDestinations} error={failure?.fields.destinations}>
          <Stack gap="xs" mt="xs">
            <Checkbox value="EMAIL" label={`Email to ${invoice.client.billingEmail}`} />
            <Checkbox value="STRIPE" label={available.STRIPE ? 'Stripe (hosted invoice with pay link)' : 'Stripe (not connected)'} disabled={!available.STRIPE} />
            <Checkbox value="QUICKBOOKS" label={available.QUICKBOOKS ? 'QuickBooks Online' : 'QuickBooks (not connected)'} disabled={!available.QUICKBOOKS} />
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void submit()} loading={loading} disabled={destinations.length === 0}>Send</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function VoidModal({ invoice, opened, onClose }: ModalProps) {
  const [release, setRelease] = useState(true);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [voidInvoice, { loading }] = useMutation(VoidInvoiceMutation);
  async function submit() {
    setFailure(null);
    try {
      await voidInvoice({ variables: { id: invoice.id, releaseTimeEntries: release } });
      notifications.show({ message: `Invoice ${invoice.number} voided` });
      onClose();
    } catch (err) {
      setFailure(apiError(err));
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Void invoice ${invoice.number}`}>
      <Stack>
        <Text size="sm">A void invoice stays on record but is no longer owed.</Text>
        <FormError failure={failure} fields={[]} />
        <Checkbox label="Release its time entries so they can be invoiced again" checked={release} onChange={(e) => setRelease(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button color="red" onClick={() => void submit()} loading={loading}>Void invoice</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const METHODS: PaymentMethod[] = ['CHECK', 'ACH', 'WIRE', 'CASH', 'CARD', 'BANK_DEBIT', 'OTHER'];

export function RecordPaymentModal({ invoice, opened, onClose }: ModalProps) {
  const [amount, setAmount] = useState(minorToDecimal(invoice.balanceDue, invoice.currency));
  const [method, setMethod] = useState<PaymentMethod>('CHECK');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayLocal());
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [record, { loading }] = useMutation(RecordPaymentMutation);
  async function submit() {
    setFailure(null);
    const parsed = parseMoney(amount, invoice.currency);
    if (!parsed.ok) return setFailure({ message: parsed.error, fields: { amount: parsed.error } });
    try {
      await record({ variables: { input: { invoiceId: invoice.id, amount: parsed.minor, method, reference: reference || undefined, receivedOn } } });
      notifications.show({ color: 'green', message: `Recorded ${formatMoney(parsed.minor, invoice.currency)}` });
      onClose();
    } catch (err) {
      setFailure(apiError(err));
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Record a payment">
      <Stack>
        <Text size="sm" c="dimmed">Balance due {formatMoney(invoice.balanceDue, invoice.currency)}</Text>
        <FormError failure={failure} fields={['amount', 'method', 'reference', 'receivedOn']} />
        <MoneyInput label="Amount" currency={invoice.currency} value={amount} onChange={setAmount} error={failure?.fields.amount} required />
        <Select label="Method" data={METHODS.map((m) => ({ value: m, label: m.replace('_', ' ') }))} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} error={failure?.fields.method} allowDeselect={false} />
        <TextInput label="Reference" placeholder="Check number, wire reference…" value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={failure?.fields.reference} />
        <TextInput label="Received on" type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.currentTarget.value)} error={failure?.fields.receivedOn} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void submit()} loading={loading}>Record payment</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CreditMemoModal({ invoice, opened, onClose }: ModalProps) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [issue, { loading }] = useMutation(IssueCreditMemoMutation);
  async function submit() {
    setFailure(null);
    const parsed = parseMoney(amount, invoice.currency);
    if (!parsed.ok) return setFailure({ message: parsed.error, fields: { amount: parsed.error } });
    try {
      await issue({ variables: { input: { invoiceId: invoice.id, amount: parsed.minor, reason } } });
      notifications.show({ color: 'green', message: 'Credit memo issued' });
      onClose();
    } catch (err) {
      setFailure(apiError(err));
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Issue a credit memo">
      <Stack>
        <Text size="sm" c="dimmed">Paid {formatMoney(invoice.amountPaid, invoice.currency)}, already credited {formatMoney(invoice.amountCredited, invoice.currency)}</Text>
        <FormError failure={failure} fields={['amount', 'reason']} />
        <MoneyInput label="Amount" currency={invoice.currency} value={amount} onChange={setAmount} error={failure?.fields.amount} required />
        <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={failure?.fields.reason} required autosize minRows={2} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void submit()} loading={loading}>Issue credit memo</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
