import { Button, Group, Select, Table, TextInput } from '@mantine/core';
import type { AdminInvoiceDetailFragment, InvoiceLineInput, InvoiceLineKind } from '../../gql/graphql';
import { bpsToPercent, minorToDecimal, parseMoney, percentToBps } from '@settle/web-kit/money';
import { RemoveRowButton } from '../../components/RowButtons';
import { useServiceOptions } from '../../components/ServiceOptions';
import { useRows } from '../../lib/rows';

/** The line's text inputs, in table order, with their labels. */
const TEXT_COLUMNS = [
  ['description', 'Description'],
  ['quantity', 'Quantity'],
  ['unitPrice', 'Unit price'],
  ['discount', 'Discount'],
  ['taxPercent', 'Tax percent'],
] as const;

export interface LineDraft {
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

export function toDraft(l: AdminInvoiceDetailFragment['lines'][number], currency: string): LineDraft {
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
export function toInput(
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

export type LineRows = ReturnType<typeof useRows<LineDraft>>;

/**
 * The editable lines of a draft invoice: free lines, catalog items (at the catalog price in `currency`)
 * and discounts, one row each, with Add line and Add catalog item under them.
 */
export function InvoiceLinesEditor({ lines, currency }: { lines: LineRows; currency: string }) {
  const { services, options } = useServiceOptions();
  const addLine = () =>
    lines.add({
      kind: 'MANUAL',
      description: '',
      quantity: '1',
      unitPrice: '',
      discount: '',
      taxPercent: lines.rows[0]?.taxPercent ?? '0',
    });
  function addItem(serviceId: string | null) {
    const service = services.find((s) => s.id === serviceId);
    if (!service) return;
    const price = service.prices.find((p) => p.currency === currency);
    lines.add({
      kind: 'ITEM',
      serviceId: service.id,
      description: service.name,
      quantity: '1',
      unitPrice: price ? minorToDecimal(price.unitAmount, currency) : '',
      discount: '',
      taxPercent: lines.rows[0]?.taxPercent ?? '0',
    });
  }
  return (
    <>
      {/* Below its columns' width (a phone) the table scrolls in its box; squeezed, the inputs cut their values. */}
      <Table.ScrollContainer minWidth={760}>
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
      </Table.ScrollContainer>
      <Group>
        <Button variant="default" size="xs" onClick={addLine}>
          Add line
        </Button>
        <Select
          size="xs"
          aria-label="Add catalog item"
          placeholder="Add catalog item…"
          searchable
          data={options}
          value={null}
          onChange={addItem}
          w={260}
        />
      </Group>
    </>
  );
}
