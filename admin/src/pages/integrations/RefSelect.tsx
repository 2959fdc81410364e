import { Select, type SelectProps } from '@mantine/core';

/** A QuickBooks item or account picker: searchable, clearable, "Loading…" until the references arrive. */
export function RefSelect({ loading, placeholder, ...props }: SelectProps & { loading: boolean; placeholder: string }) {
  return <Select placeholder={loading ? 'Loading…' : placeholder} clearable searchable {...props} />;
}
