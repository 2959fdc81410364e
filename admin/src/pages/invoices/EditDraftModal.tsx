import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Table, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import type { AdminInvoiceDetailFragment, InvoiceLineInput, InvoiceLineKind } from '../../gql/graphql';
import { bpsToPercent, minorToDecimal, parseMoney, percentToBps } from '@settle/web-kit/money';
import { UpdateDraftMutation } from './invoice-documents';
import { useFormFailure } from '../../lib/actions';
import { ModalActions } from '../../components/ModalActions';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { RemoveRowButton } from '../../components/RowButtons';
import { useRows } from '../../lib/rows';

/** The line's text inputs, in table order, with their labels. */
const TEXT_COLUMNS = [
  ['description', 'Description'],
  ['quantity', 'Quantity'],
  ['unitPrice', 'Unit price'],
  ['discount', 'Discount'],
  ['taxPercent', 'Tax percent'],
] as const;

interface LineDraft {
  key: string;
  id?: string;
  kind: InvoiceLineKind;
  serviceId?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxPercent: string;
}

function toDraft(l: AdminInvoiceDetailFragment['lines'][number], currency: string): LineDraft {
  return {
    key: l.id,
    id: l.id,
    kind: l.kind,
    serviceId: l.serviceId,
    description: l.description,
    quantity: l.quantity,
    unitPrice: minorToDecimal(l.unitPrice, currency),
    discount: minorToDecimal(l.discount, currency),
    taxPercent: bpsToPercent(l.taxRateBps),
  };
}

/** Turns the editable rows into API input, or says which row and field is wrong. */
function toInput(
  lines: LineDraft[],
  currency: string,
): { ok: true; lines: InvoiceLineInput[] } | { ok: false; error: string } {
  const out: InvoiceLineInput[] = [];
  for (const [i, l] of lines.entries()) {
    const row = `Line ${i + 1}`;
    if (!l.description.trim()) return { ok: false, error: `${row}: description is required` };
    if (!/^-?\d+(\.\d{1,4})?$/.test(l.quantity.trim()))
      return { ok: false, error: `${row}: quantity must be a number with up to 4 decimals` };
    const price = parseMoney(l.unitPrice, currency, { allowNegative: true });
    if (!price.ok) return { ok: false, error: `${row}: unit price: ${price.error}` };
    const discount = l.discount.trim() ? parseMoney(l.discount, currency) : { ok: true as const, minor: 0 };
    if (!discount.ok) return { ok: false, error: `${row}: discount: ${discount.error}` };
    const bps = percentToBps(l.taxPercent || '0');
    if (bps === null) return { ok: false, error: `${row}: tax must be a percentage such as 8.25` };
    out.push({
      ...(l.id ? { id: l.id } : {}),
      kind: l.kind,
      serviceId: l.serviceId ?? undefined,
      description: l.description.trim(),
      quantity: l.quantity.trim(),
      unitPrice: price.minor,
      discount: discount.minor,
      taxRateBps: bps,
    });
  }
  return { ok: true, lines: out };
}

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
  const { failure, setFailure, attempt } = useFormFailure();
  const [update, { loading }] = useMutation(UpdateDraftMutation);

  const addLine = () =>
    lines.add({
      kind: 'MANUAL',
      description: '',
      quantity: '1',
      unitPrice: '',
      discount: '',
      taxPercent: lines.rows[0]?.taxPercent ?? '0',
    });

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
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Kind</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th w={90}>Qty</Table.Th>
              <Table.Th w={130}>Unit price</Table.Th>
              <Table.Th w={120}>Discount</Table.Th>
              <Table.Th w={90}>Tax %</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.rows.map((l) => (
              <Table.Tr key={l.key}>
                <Table.Td>
                  <Select
                    size="xs"
                    data={['TIME', 'ITEM', 'MANUAL', 'DISCOUNT']}
                    value={l.kind}
                    onChange={(v) => v && lines.update(l.key, { kind: v as InvoiceLineKind })}
                    disabled={Boolean(l.id && l.kind === 'TIME')}
                    allowDeselect={false}
                  />
                </Table.Td>
                {TEXT_COLUMNS.map(([field, label]) => (
                  <Table.Td key={field}>
                    <TextInput
                      size="xs"
                      aria-label={label}
                      value={l[field]}
                      onChange={(e) => lines.update(l.key, { [field]: e.currentTarget.value })}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <RemoveRowButton label="Remove line" onClick={() => lines.remove(l.key)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button variant="default" size="xs" onClick={addLine}>
            Add line
          </Button>
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Due date" type="date" {...bindText(dueDate, setDueDate, failure?.fields.dueDate)} />
          <Textarea label="Memo" autosize minRows={2} {...bindText(memo, setMemo, failure?.fields.memo)} />
          <Textarea label="Notes" autosize minRows={2} {...bindText(notes, setNotes, failure?.fields.notes)} />
        </Group>
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={loading}>
          Save draft
        </ModalActions>
      </Stack>
    </Modal>
  );
}
