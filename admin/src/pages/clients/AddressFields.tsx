import { Group, Stack, Text, TextInput } from '@mantine/core';
import { bindText } from '@settle/web-kit/fields';
import type { PostalAddressInput } from '../../gql/graphql';

/** The billing address as typed: every part a string, blank parts left out when saved. */
export type AddressDraft = Record<keyof PostalAddressInput, string>;

const PARTS: Array<[keyof PostalAddressInput, string]> = [
  ['line1', 'Address line 1'],
  ['line2', 'Address line 2'],
  ['city', 'City'],
  ['region', 'State / region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
];

export const addressDraft = (a: Partial<Record<keyof PostalAddressInput, string | null>> | null | undefined) =>
  Object.fromEntries(PARTS.map(([k]) => [k, a?.[k] ?? ''])) as AddressDraft;

/** What the API takes: null (no address) when line 1 and everything else are blank. */
export function addressInput(d: AddressDraft): PostalAddressInput | null {
  if (PARTS.every(([k]) => !d[k].trim())) return null;
  return Object.fromEntries(PARTS.map(([k]) => [k, d[k].trim() || null])) as unknown as PostalAddressInput;
}

/** Billing address inputs; errors come from the API by field (`billingAddress.country` …). */
export function AddressFields({
  value,
  onChange,
  errors,
}: {
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  errors: Record<string, string | undefined>;
}) {
  const field = (k: keyof PostalAddressInput, label: string) => (
    <TextInput
      key={k}
      label={label}
      description={k === 'country' ? 'Two letters, e.g. US, GB' : undefined}
      maxLength={k === 'country' ? 2 : undefined}
      {...bindText(value[k], (v: string) => onChange({ ...value, [k]: v }), errors[`billingAddress.${k}`])}
    />
  );
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Billing address
      </Text>
      {PARTS.slice(0, 2).map(([k, label]) => field(k, label))}
      <Group grow>{PARTS.slice(2).map(([k, label]) => field(k, label))}</Group>
    </Stack>
  );
}
