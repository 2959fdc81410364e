import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
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
