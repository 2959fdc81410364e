import { Select, type SelectProps } from '@mantine/core';

/**
 * A Select that always holds one of its options (it cannot be cleared): for a setting with a fixed set of
 * values, typed as that set.
 */
export function ChoiceSelect<T extends string>({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'value' | 'onChange' | 'allowDeselect'> & { value: T; onChange: (value: T) => void }) {
  return <Select {...props} value={value} onChange={(v) => v && onChange(v as T)} allowDeselect={false} />;
}
