import { useState } from 'react';
import { Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { bindText } from '@settle/web-kit/fields';
import { graphql } from '../../gql';
import { ClientSelect, useClientOptions } from '../../components/ClientSelect';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { useFormFailure } from '../../lib/actions';
import { useRows } from '../../lib/rows';
import { InvoiceLinesEditor, toInput, type LineDraft } from './InvoiceLinesEditor';

const CreateInvoiceMutation = graphql(`
  mutation AdminCreateInvoice($input: CreateInvoiceInput!) { createInvoice(input: $input) { id number } }
`);

const LABELS = { clientId: 'Client', dueDate: 'Due date', notes: 'Notes', lines: 'Lines' };

/**
 * A draft invoice written by hand, for a client with no time to bill: catalog items and free lines.
 * It opens as a draft, to be reviewed and sent from its page.
 */
export function NewInvoiceModal({ onClose }: { onClose: () => void }) {
  const [clientId, setClientId] = useState<string | null>(null);
  const { clients } = useClientOptions();
  const currency = clients.find((c) => c.id === clientId)?.currency ?? 'USD';
  const lines = useRows<LineDraft>(() => []);
  const [dueDate, setDueDate] = useState('');
  const [notes, setNotes] = useState('');
  const { failure, setFailure, attempt } = useFormFailure(LABELS);
  const [create, { loading }] = useMutation(CreateInvoiceMutation);
  const navigate = useNavigate();

  async function submit() {
    setFailure(null);
    if (!clientId)
      return setFailure({
        message: 'Pick the client to invoice.',
        fields: { clientId: 'Pick the client to invoice.' },
      });
    if (lines.rows.length === 0)
      return setFailure({ message: 'Add at least one line: a catalog item or a line of your own.', fields: {} });
    const parsed = toInput(lines.rows, currency);
    if (!parsed.ok) return setFailure({ message: parsed.error, fields: {} });
    await attempt(async () => {
      const res = await create({
        variables: {
          input: { clientId, lines: parsed.lines, dueDate: dueDate || undefined, notes: notes || undefined },
        },
      });
      const created = res.data!.createInvoice;
      notifications.show({ color: 'green', message: `Draft ${created.number} created` });
      onClose();
      await navigate(`/invoices/${created.id}`);
    });
  }

  return (
    <Modal opened onClose={onClose} title="New invoice" size="90%">
      <Stack>
        <FormError failure={failure} fields={['clientId', 'dueDate', 'notes']} />
        <Group grow align="flex-start">
          <ClientSelect
            label="Client"
            required
            clearable={false}
            placeholder="Who is billed"
            value={clientId}
            onChange={setClientId}
            error={failure?.fields.clientId}
          />
          <TextInput
            label="Due date"
            type="date"
            description="Empty: the client's payment terms"
            {...bindText(dueDate, setDueDate, failure?.fields.dueDate)}
          />
        </Group>
        <Text size="sm" c="dimmed">
          Amounts in {currency}.
        </Text>
        <InvoiceLinesEditor lines={lines} currency={currency} />
        <Textarea label="Notes" autosize minRows={2} {...bindText(notes, setNotes, failure?.fields.notes)} />
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading}>
          Create draft
        </ModalActions>
      </Stack>
    </Modal>
  );
}
