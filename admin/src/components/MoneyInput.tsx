import { TextInput, type TextInputProps } from '@mantine/core';
import { currencyExponent, parseMoney } from '@settle/web-kit/money';
import { bindText } from '@settle/web-kit/fields';

/**
 * A text box for an amount in a currency. Keeps what the person typed as a string; callers turn it into
 * minor units with parseMoney on submit (exact, no floats). Shows a local format error before the API's.
 */
export function MoneyInput({
  currency,
  value,
  onChange,
  error,
  allowNegative,
  ...rest
}: Omit<TextInputProps, 'value' | 'onChange'> & {
  currency: string;
  value: string;
  onChange: (v: string) => void;
  allowNegative?: boolean;
}) {
  const parsed = value.trim() ? parseMoney(value, currency, { allowNegative }) : null;
  const localError = parsed && !parsed.ok ? parsed.error : undefined;
  const exp = currencyExponent(currency);
  return (
    <TextInput
      inputMode="decimal"
      placeholder={exp ? `0.${'0'.repeat(exp)}` : '0'}
      rightSection={<span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{currency}</span>}
      rightSectionWidth={48}
      {...bindText(value, onChange, localError ?? error)}
      {...rest}
    />
  );
}
