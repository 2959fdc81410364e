import { Button, CopyButton, type ButtonProps } from '@mantine/core';

/** A button that copies `value` to the clipboard and, for a moment after, says it did (`copiedLabel`). */
export function CopyValueButton({
  value,
  label = 'Copy',
  copiedLabel = 'Copied',
  ...button
}: ButtonProps & { value: string; label?: string; copiedLabel?: string; 'data-testid'?: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button variant="default" onClick={copy} {...button}>
          {copied ? copiedLabel : label}
        </Button>
      )}
    </CopyButton>
  );
}
