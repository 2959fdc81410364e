import type { ReactNode } from 'react';
import { Button, Group, type MantineColor } from '@mantine/core';

/** What every modal that acts on one record takes besides the record: whether it shows, and how to close it. */
export interface ActionModalProps {
  opened: boolean;
  onClose: () => void;
}

/** The foot of every admin form modal: Cancel, then the action (red for the ones that cannot be undone). */
export function ModalActions({
  onCancel,
  onSubmit,
  loading,
  disabled,
  color,
  children,
}: {
  onCancel: () => void;
  onSubmit: () => void;
  loading?: boolean;
  disabled?: boolean;
  color?: MantineColor;
  children: ReactNode;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button color={color} onClick={onSubmit} loading={loading} disabled={disabled}>
        {children}
      </Button>
    </Group>
  );
}
