import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';

/**
 * Cursor pagination over a Relay-style connection: a stack of the `after` cursors of the pages before
 * this one, so Previous needs no backward cursor. Call `reset` when a filter changes.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => setCursors((s) => [...s, endCursor ?? null]),
    previous: () => setCursors((s) => s.slice(0, -1)),
    reset: () => setCursors([null]),
  };
}

/** "42 invoices · page 2 of 3" with Previous and Next. */
export function Pager({
  total,
  noun,
  pageSize,
  page,
  hasNextPage,
  onPrevious,
  onNext,
}: {
  total: number;
  noun: string;
  pageSize: number;
  page: number;
  hasNextPage: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {total} {noun} · page {page} of {Math.max(1, Math.ceil(total / pageSize))}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={page === 1} onClick={onPrevious}>
          Previous
        </Button>
        <Button variant="default" size="xs" disabled={!hasNextPage} onClick={onNext}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
