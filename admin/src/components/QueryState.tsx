import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { apiError } from '@settle/web-kit/errors';
import { DataTable, type DataTableProps } from '@settle/web-kit/data-table';

export function ErrorAlert({
  error,
  onRetry,
  title = 'Could not load this',
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Group justify="space-between" align="center">
        <Text size="sm">{apiError(error).message}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/**
 * The three states every list has besides its content: loading (first load only), error (with a retry),
 * and empty (with a hint of what to do next).
 */
export function QueryState<T>(props: {
  loading: boolean;
  error?: unknown;
  data: T | undefined;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { loading, error, data, isEmpty, empty, onRetry, children } = props;
  if (error && !data) return <ErrorAlert error={error} onRetry={onRetry} />;
  if (!data) {
    return loading ? (
      <Center py="xl" data-testid="loading">
        <Loader size="sm" />
      </Center>
    ) : null;
  }
  if (isEmpty?.(data)) {
    return (
      <Center py="xl" data-testid="empty">
        <Stack gap={4} align="center">
          {typeof empty === 'string' || !empty ? <Text c="dimmed">{empty ?? 'Nothing here yet.'}</Text> : empty}
        </Stack>
      </Center>
    );
  }
  return (
    <>
      {error ? <ErrorAlert error={error} onRetry={onRetry} title="Could not refresh" /> : null}
      {children(data)}
    </>
  );
}

/** QueryState for a list: empty when it has no items. */
export function ListState<T>(props: {
  loading: boolean;
  error?: unknown;
  data: readonly T[] | undefined;
  empty?: ReactNode;
  onRetry?: () => void;
  children: (items: readonly T[]) => ReactNode;
}) {
  return <QueryState {...props} isEmpty={(items) => items.length === 0} />;
}

/** A table's head row: one cell a column, in order (an empty string for a column without a title). */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column, i) => (
          <Table.Th key={i}>{column}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** A list query shown as a plain table: ListState around a Table with these column heads, a row an item. */
export function ListTable<T>({
  columns,
  row,
  ...state
}: {
  loading: boolean;
  error?: unknown;
  data: readonly T[] | undefined;
  empty?: ReactNode;
  onRetry?: () => void;
  columns: readonly ReactNode[];
  row: (item: T) => ReactNode;
}) {
  return (
    <ListState {...state}>
      {(items) => (
        <Table>
          <TableHead columns={columns} />
          <Table.Tbody>{items.map((item) => row(item))}</Table.Tbody>
        </Table>
      )}
    </ListState>
  );
}

/** A list query shown as a table: QueryState's loading, error and empty states around a DataTable of its rows. */
export function QueryTable<T>({
  loading,
  error,
  data,
  empty,
  onRetry,
  ...table
}: {
  loading: boolean;
  error?: unknown;
  data: readonly T[] | undefined;
  empty: ReactNode;
  onRetry?: () => void;
} & Omit<DataTableProps<T>, 'rows'>) {
  return (
    <ListState loading={loading} error={error} data={data} empty={empty} onRetry={onRetry}>
      {(rows) => <DataTable rows={rows} {...(table as Omit<DataTableProps<T>, 'rows'>)} />}
    </ListState>
  );
}
