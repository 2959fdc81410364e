import { useState } from 'react';
import { Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { UpdateDraftMutation } from './invoice-documents';
import { useFormFailure } from '../../lib/actions';
import { ModalActions } from '../../components/ModalActions';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { useRows } from '../../lib/rows';
import { InvoiceLinesEditor, toDraft, toInput, type LineDraft } from './InvoiceLinesEditor';

export function EditDraftModal({
  invoice,
  opened,
  onClose,
}: {
  invoice: AdminInvoiceDetailFragment;
  opened: boolean;
  onClose: () => void;
}) {
  const cur = invoice.currency;
  const lines = useRows<LineDraft>(() => invoice.lines.map((l) => toDraft(l, cur)));
  const [memo, setMemo] = useState(invoice.memo);
  const [notes, setNotes] = useState(invoice.notes);
  const [dueDate, setDueDate] = useState(invoice.dueDate);
  const { failure, setFailure, attempt } = useFormFailure({ memo: 'Memo', notes: 'Notes', dueDate: 'Due date' });
  const [update, { loading }] = useMutation(UpdateDraftMutation);

  async function submit() {
    setFailure(null);
    const parsed = toInput(lines.rows, cur);
    if (!parsed.ok) return setFailure({ message: parsed.error, fields: {} });
    await attempt(async () => {
      await update({ variables: { id: invoice.id, input: { lines: parsed.lines, memo, notes, dueDate } } });
      notifications.show({ color: 'green', message: 'Draft saved' });
      onClose();
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`Edit draft ${invoice.number} · amounts in ${cur}`} size="90%">
      <Stack>
        <FormError failure={failure} fields={['memo', 'notes', 'dueDate']} />
        <InvoiceLinesEditor lines={lines} currency={cur} />
        {/* Side by side from a tablet up; stacked on a phone, where three would be a word wide each. */}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Due date" type="date" {...bindText(dueDate, setDueDate, failure?.fields.dueDate)} />
          <Textarea label="Memo" autosize minRows={2} {...bindText(memo, setMemo, failure?.fields.memo)} />
          <Textarea label="Notes" autosize minRows={2} {...bindText(notes, setNotes, failure?.fields.notes)} />
        </SimpleGrid>
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading}>
          Save draft
        </ModalActions>
      </Stack>
    </Modal>
  );
}
