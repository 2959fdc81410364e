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

/** The state `useCursorPages` keeps: what the pager moves. */
export type CursorPages = ReturnType<typeof useCursorPages>;

/** What the pager reads of a Relay-style connection: how many in all, and whether (and after what) more follow. */
export interface PagedConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** "42 invoices · page 2 of 3" with Previous and Next, moving `pages` through `connection`. */
export function Pager({
  connection,
  pages,
  noun,
  pageSize,
}: {
  connection: PagedConnection;
  pages: CursorPages;
  noun: string;
  pageSize: number;
}) {
  const { totalCount, pageInfo } = connection;
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {totalCount} {noun} · page {pages.page} of {Math.max(1, Math.ceil(totalCount / pageSize))}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.page === 1} onClick={pages.previous}>
          Previous
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!pageInfo.hasNextPage}
          onClick={() => pages.next(pageInfo.endCursor)}
        >
          Next
        </Button>
      </Group>
    </Group>
  );
}
