import type { ReactNode } from 'react';
import { Button, Group, Text, type MantineSize } from '@mantine/core';
import { useViewer } from '../lib/role';

/**
 * What only admins may do (connecting integrations, changing payment settings, replaying events): shown
 * to admins and owners; others see `note`, if any, instead of a button that would answer "not allowed".
 */
export function AdminOnly({ children, note }: { children: ReactNode; note?: string }) {
  const { can } = useViewer();
  if (can('ADMIN')) return <>{children}</>;
  return note ? (
    <Text size="sm" c="dimmed" data-testid="admin-only">
      {note}
    </Text>
  ) : null;
}

/** A settings form's Save button, at the form's end, for admins; others see `note` instead. */
export function AdminSaveButton(props: { note: string; onSave: () => unknown; loading: boolean; size?: MantineSize }) {
  return (
    <Group justify="flex-end">
      <AdminOnly note={props.note}>
        <Button size={props.size} onClick={() => void props.onSave()} loading={props.loading}>
          Save
        </Button>
      </AdminOnly>
    </Group>
  );
}
