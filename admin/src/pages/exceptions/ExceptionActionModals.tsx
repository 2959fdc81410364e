import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type { AdminPaymentExceptionFragment } from '../../gql/graphql';
import { formatMoney } from '@settle/web-kit/money';
import {
  DismissPaymentExceptionMutation,
  KeepPaymentExceptionAsCreditMutation,
  PaymentExceptionsQuery,
  RefundPaymentExceptionMutation,
} from './exception-documents';
import { providerInWords } from './exception-words';
import { useFormFailure } from '../../lib/actions';
import { FormError } from '../../components/FormError';
import { ModalActions, type ActionModalProps } from '../../components/ModalActions';
import { ConfirmModal } from '../../components/ConfirmModal';

type ModalProps = ActionModalProps & { exception: AdminPaymentExceptionFragment };

/**
 * Confirms a refund. Stripe money goes back through Stripe; money QuickBooks or a person recorded went
 * back outside Settle, so the admin says how (the API requires it) and Settle records the refund.
 */
export function RefundModal({ exception: e, opened, onClose }: ModalProps) {
  const [note, setNote] = useState('');
  const { failure, attempt } = useFormFailure({ note: 'Note', reason: 'Reason' });
  const [refund, { loading }] = useMutation(RefundPaymentExceptionMutation, {
    refetchQueries: [PaymentExceptionsQuery],
  });
  const viaStripe = e.source === 'STRIPE';
  const amount = formatMoney(e.amount, e.currency);
  async function submit() {
    await attempt(async () => {
      await refund({ variables: { id: e.id, note: note.trim() || null } });
      notifications.show({ color: 'green', message: `${amount} refunded on invoice ${e.invoice.number}` });
      onClose();
    });
  }
  return (
    <Modal opened={opened} onClose={onClose} title={`Refund ${amount}?`}>
      <Stack>
        <Text size="sm">
          {viaStripe
            ? `Stripe refunds ${amount} to ${e.invoice.client.name} on the original payment. This cannot be undone.`
            : `${providerInWords(e.source)} took this money, so Settle cannot send it back. Return ${amount} to ${e.invoice.client.name} yourself, then record it here.`}
        </Text>
        <FormError failure={failure} fields={['note']} />
        <Textarea
          label={viaStripe ? 'Note (optional)' : 'How the money went back'}
          placeholder={viaStripe ? '' : 'e.g. check 1042 mailed on 4 Dec'}
          required={!viaStripe}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={failure?.fields.note}
          maxLength={1000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void submit()} loading={loading} disabled={!viaStripe && !note.trim()}>
            {viaStripe ? `Refund ${amount} through Stripe` : `Record refund of ${amount}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DismissModal({ exception: e, opened, onClose }: ModalProps) {
  const [reason, setReason] = useState('');
  const { failure, attempt } = useFormFailure({ note: 'Note', reason: 'Reason' });
  const [dismiss, { loading }] = useMutation(DismissPaymentExceptionMutation, {
    refetchQueries: [PaymentExceptionsQuery],
  });
  async function submit() {
    await attempt(async () => {
      await dismiss({ variables: { id: e.id, reason } });
      notifications.show({ message: `Exception on invoice ${e.invoice.number} dismissed` });
      onClose();
    });
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Keep the money and dismiss">
      <Stack>
        <Text size="sm">
          {formatMoney(e.amount, e.currency)} stays recorded on invoice {e.invoice.number}. Say why it is kept.
        </Text>
        <FormError failure={failure} fields={['reason']} />
        <Textarea
          label="Reason"
          required
          value={reason}
          onChange={(ev) => setReason(ev.currentTarget.value)}
          error={failure?.fields.reason}
          maxLength={1000}
        />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading} disabled={!reason.trim()}>
          Dismiss
        </ModalActions>
      </Stack>
    </Modal>
  );
}

/** The third remedy: the excess stays with the client as credit, spent on its next invoices. */
export function KeepAsCreditModal({ exception: e, ...modal }: ModalProps) {
  const amount = formatMoney(e.amount, e.currency);
  return (
    <ConfirmModal
      {...modal}
      title={`Keep ${amount} as client credit?`}
      mutation={KeepPaymentExceptionAsCreditMutation}
      variables={{ id: e.id }}
      refetchQueries={[PaymentExceptionsQuery]}
      done={{ color: 'green', message: `${amount} kept as credit for ${e.invoice.client.name}` }}
      action="Keep as client credit"
    >
      {amount} stays recorded on invoice {e.invoice.number} and becomes credit on {e.invoice.client.name}&apos;s
      account, which you (or automatic application) can spend on their open and future invoices.
    </ConfirmModal>
  );
}
