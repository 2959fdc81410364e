import type { ReactNode } from 'react';
import { ActionIcon, Button, Group, type ActionIconProps } from '@mantine/core';

/** The red × that removes one row of a repeatable group of inputs (a price, a rate, an invoice line). */
export function RemoveRowButton({
  label,
  onClick,
  ...props
}: { label: string; onClick: () => void } & ActionIconProps) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick} {...props}>
      ×
    </ActionIcon>
  );
}

/** The small button under a repeatable group of inputs that adds a row. */
export function AddRowButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Group>
      <Button size="xs" variant="default" onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}
