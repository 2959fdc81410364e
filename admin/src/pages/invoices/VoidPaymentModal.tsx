import { useState } from 'react';
import { Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { paymentMethodName } from '@settle/web-kit/payment-card';
import { newRequestKey } from '@settle/web-kit/request-key';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { ReasonField } from '../../components/ReasonField';
import { useFormFailure } from '../../lib/actions';
import { VoidPaymentMutation } from './invoice-documents';

type Invoice = AdminInvoiceDetailFragment;
/** The server's limit on a void's reason (MAX_VOID_REASON). */
const MAX_REASON = 200;
type Payment = Invoice['payments'][number];

/**
 * Asks before voiding a payment recorded by hand by mistake (a typo in the amount, the wrong invoice), and
 * why. The answer carries the whole invoice, so its payments, balance and status refresh from the cache.
 */
export function VoidPaymentModal({
  invoice,
  payment,
  onClose,
}: {
  invoice: Invoice;
  payment: Payment;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  // One key for this dialog: a second click or a retry after a lost answer is this void, answered again.
  const [requestKey] = useState(newRequestKey);
  const { failure, attempt } = useFormFailure({ reason: 'Reason' });
  const [voidPayment, { loading }] = useMutation(VoidPaymentMutation);
  const amount = formatMoney(payment.amount, invoice.currency);
  const method = paymentMethodName(payment.method).toLowerCase();
  async function submit() {
    await attempt(async () => {
      await voidPayment({
        variables: { input: { paymentId: payment.id, reason }, idempotencyKey: requestKey },
      });
      notifications.show({ color: 'green', message: `Voided the ${amount} ${method} payment` });
      onClose();
    });
  }
  return (
    <Modal opened onClose={onClose} title={`Void the ${amount} ${method} payment?`}>
      <Stack>
        <Text size="sm">
          For a payment recorded by mistake (a wrong amount, the wrong invoice): it no longer counts, and invoice{' '}
          {invoice.number} owes {amount} more. The payment stays on record as voided
          {payment.receivedOn ? `, received ${formatDate(payment.receivedOn)}` : ''}; if it is in QuickBooks, it is
          voided there too. Money that really went back is recorded with Refund… instead.
        </Text>
        <FormError failure={failure} fields={['reason']} />
        <ReasonField
          value={reason}
          onChange={setReason}
          error={failure?.fields.reason}
          description="Kept with the void on the invoice's timeline (the portal shows the client a corrected payment)."
          maxLength={MAX_REASON}
        />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading} color="red">
          Void payment
        </ModalActions>
      </Stack>
    </Modal>
  );
}
