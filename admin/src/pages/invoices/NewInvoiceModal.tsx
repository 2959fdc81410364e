import { useState } from 'react';
import { Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { bindText } from '@settle/web-kit/fields';
import { newRequestKey } from '@settle/web-kit/request-key';
import { graphql } from '../../gql';
import { ClientSelect, useClientOptions } from '../../components/ClientSelect';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { useFormFailure } from '../../lib/actions';
import { useRows } from '../../lib/rows';
import { useServiceOptions } from '../../components/ServiceOptions';
import { minorToDecimal } from '@settle/web-kit/money';
import { InvoiceLinesEditor, toInput, type LineDraft } from './InvoiceLinesEditor';

const CreateInvoiceMutation = graphql(`
  mutation AdminCreateInvoice($input: CreateInvoiceInput!, $idempotencyKey: String) {
    createInvoice(input: $input, idempotencyKey: $idempotencyKey) { id number }
  }
`);

const LABELS = { clientId: 'Client', dueDate: 'Due date', notes: 'Notes', lines: 'Lines' };

/**
 * A draft invoice written by hand, for a client with no time to bill: catalog items and free lines.
 * It opens as a draft, to be reviewed and sent from its page.
 */
export function NewInvoiceModal({ onClose }: { onClose: () => void }) {
  const [clientId, setClientId] = useState<string | null>(null);
  const { clients } = useClientOptions();
  const currencyOf = (id: string | null) => clients.find((c) => c.id === id)?.currency ?? null;
  const currency = currencyOf(clientId) ?? 'USD';
  const lines = useRows<LineDraft>(() => []);
  const { services } = useServiceOptions();
  /**
   * Another client may bill in another currency: the lines' amounts were typed (or priced from the
   * catalog) in the old one. Catalog items take their price in the new currency; amounts typed by hand
   * are cleared, to be typed again, never carried over as the same digits in another money.
   */
  function pickClient(id: string | null) {
    const next = currencyOf(id);
    if (next && next !== currency && lines.rows.length) {
      lines.updateAll((line) => {
        const price = services.find((sv) => sv.id === line.serviceId)?.prices.find((p) => p.currency === next);
        return { unitPrice: line.kind === 'ITEM' && price ? minorToDecimal(price.unitAmount, next) : '', discount: '' };
      });
      notifications.show({ message: `This client is billed in ${next}: check the lines' prices.` });
    }
    setClientId(id);
  }
  const [dueDate, setDueDate] = useState('');
  const [notes, setNotes] = useState('');
  const { failure, setFailure, attempt } = useFormFailure(LABELS);
  const [create, { loading }] = useMutation(CreateInvoiceMutation);
  // One key for this dialog: a second click or a retry after a lost answer gets the first draft back.
  const [requestKey] = useState(newRequestKey);
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
          idempotencyKey: requestKey,
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
        {/* Side by side from a tablet up; stacked on a phone, where two would cut the placeholder and the date. */}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ClientSelect
            label="Client"
            required
            clearable={false}
            placeholder="Who is billed"
            value={clientId}
            onChange={pickClient}
            error={failure?.fields.clientId}
          />
          <TextInput
            label="Due date"
            type="date"
            description="Empty: the client's payment terms"
            {...bindText(dueDate, setDueDate, failure?.fields.dueDate)}
          />
        </SimpleGrid>
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
