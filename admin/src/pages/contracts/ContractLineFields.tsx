import { Fieldset, Select, SimpleGrid, TextInput } from '@mantine/core';
import { bindText } from '@settle/web-kit/fields';
import { formatMoney, parseMoney } from '@settle/web-kit/money';
import type { ContractLineInput, PriceSource } from '../../gql/graphql';
import { MoneyInput } from '../../components/MoneyInput';
import { RemoveRowButton } from '../../components/RowButtons';
import { useServiceOptions } from '../../components/ServiceOptions';
import { PRICE_SOURCE_OPTIONS } from './contract-words';

/** A recurring line as typed: quantity and price stay text until submit (prices become minor units then). */
export interface LineDraft {
  key: string;
  serviceId: string | null;
  description: string;
  quantity: string;
  priceSource: PriceSource;
  unitPrice: string;
}

export const emptyLine = (): Omit<LineDraft, 'key'> => ({
  serviceId: null,
  description: '',
  quantity: '1',
  priceSource: 'NEGOTIATED',
  unitPrice: '',
});

export const LINE_LABELS = {
  serviceId: 'Service',
  description: 'Description',
  quantity: 'Quantity',
  priceSource: 'Price',
  unitPrice: 'Unit price',
};

/** A typed line as the API's input, or which field is wrong and why (`field` is the API's name for it). */
export function toLineInput(
  line: LineDraft,
  currency: string,
): { ok: true; line: ContractLineInput } | { ok: false; field: keyof typeof LINE_LABELS; error: string } {
  if (!line.serviceId) return { ok: false, field: 'serviceId', error: 'Pick the service this line charges for.' };
  if (!/^\d+$/.test(line.quantity.trim()))
    return { ok: false, field: 'quantity', error: 'Quantity must be a whole number, e.g. 1 or 25.' };
  let unitPrice: number | null = null;
  if (line.priceSource === 'FIXED') {
    const parsed = parseMoney(line.unitPrice, currency);
    if (!parsed.ok) return { ok: false, field: 'unitPrice', error: `Unit price: ${parsed.error}` };
    unitPrice = parsed.minor;
  }
  return {
    ok: true,
    line: {
      serviceId: line.serviceId,
      description: line.description.trim() || null,
      quantity: Number(line.quantity.trim()),
      priceSource: line.priceSource,
      unitPrice,
      // The currency the form showed the prices in: the API refuses the line if the client's has changed since.
      currency,
    },
  };
}

/**
 * One recurring line's inputs in a fieldset named by `legend`: service, description, quantity and where
 * the price comes from, with a unit price in major units (the client's currency) for a fixed price.
 * `errors` are this line's messages by API field name.
 */
export function ContractLineFields({
  legend,
  line,
  currency,
  errors,
  onChange,
  onRemove,
}: {
  legend: string;
  line: LineDraft;
  currency: string;
  errors: Partial<Record<keyof typeof LINE_LABELS, string>>;
  onChange: (change: Partial<LineDraft>) => void;
  onRemove?: () => void;
}) {
  const { services, options } = useServiceOptions();
  const catalog = services.find((s) => s.id === line.serviceId)?.prices.find((p) => p.currency === currency);
  return (
    <Fieldset legend={legend} variant="filled" pos="relative">
      {onRemove && (
        <RemoveRowButton label={`Remove ${legend.toLowerCase()}`} onClick={onRemove} pos="absolute" top={8} right={8} />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={LINE_LABELS.serviceId}
          required
          searchable
          data={options}
          value={line.serviceId}
          onChange={(serviceId) => onChange({ serviceId })}
          description={
            line.serviceId
              ? catalog
                ? `Catalog ${formatMoney(catalog.unitAmount, currency)}`
                : 'No catalog price'
              : undefined
          }
          error={errors.serviceId}
        />
        <TextInput
          label={LINE_LABELS.description}
          description="Printed on the invoice; blank = the service's name"
          {...bindText(line.description, (description) => onChange({ description }), errors.description)}
        />
        <TextInput
          label={LINE_LABELS.quantity}
          description="Seats, devices, or 1 for a flat fee"
          required
          inputMode="numeric"
          {...bindText(line.quantity, (quantity) => onChange({ quantity }), errors.quantity)}
        />
        <Select
          label={LINE_LABELS.priceSource}
          data={PRICE_SOURCE_OPTIONS}
          value={line.priceSource}
          onChange={(v) => v && onChange({ priceSource: v as PriceSource })}
          allowDeselect={false}
          error={errors.priceSource}
        />
        {line.priceSource === 'FIXED' && (
          <MoneyInput
            label={LINE_LABELS.unitPrice}
            required
            currency={currency}
            value={line.unitPrice}
            onChange={(unitPrice) => onChange({ unitPrice })}
            error={errors.unitPrice}
          />
        )}
      </SimpleGrid>
    </Fieldset>
  );
}
