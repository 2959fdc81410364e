import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { apiError, isNotFound } from '@settle/web-kit/errors';
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
  // What a link leads nowhere to is said so, without a Try again that cannot help (a FORBIDDEN here is a
  // role the viewer lacks, said as the API says it).
  const { code, message } = apiError(error);
  const missing = isNotFound(error) && code !== 'FORBIDDEN';
  return (
    <Alert color="red" variant="light" title={missing ? 'Not found' : title} role="alert">
      <Group justify="space-between" align="center">
        <Text size="sm">
          {missing && code !== 'NOT_FOUND'
            ? 'There is nothing at this address. The link may be mistyped or cut short.'
            : message}
        </Text>
        {onRetry && !missing && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** What the states read of an Apollo query result: whether it loads, its error, and refetch for "Try again". */
export interface QueryStatus {
  loading: boolean;
  error?: unknown;
  refetch: () => Promise<unknown>;
}

/**
 * What ListTable or QueryTable shows of a query, to spread into it: the query (its states, Try again)
 * and the list `select` picks from its result.
 */
export function listOf<D, T>(query: QueryStatus & { data?: D }, select: (data: D) => readonly T[]) {
  return { query, data: query.data === undefined ? undefined : select(query.data) };
}

/**
 * The three states every list has besides its content: loading (first load only), error (with a retry),
 * and empty (with a hint of what to do next). `data` is what the page shows of the `query` result.
 */
export function QueryState<T>(props: {
  query: QueryStatus;
  data: T | undefined;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query, data, isEmpty, empty, children } = props;
  const { loading, error } = query;
  const onRetry = () => void query.refetch();
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
  query: QueryStatus;
  data: readonly T[] | undefined;
  empty?: ReactNode;
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
  query: QueryStatus;
  data: readonly T[] | undefined;
  empty?: ReactNode;
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

/**
 * A list query shown as a table: QueryState's loading, error and empty states around a DataTable of its
 * rows, a row an item keyed by its id, highlighted under the pointer unless told otherwise.
 */
export function QueryTable<T extends { id: string }>({
  query,
  data,
  empty,
  ...table
}: {
  query: QueryStatus;
  data: readonly T[] | undefined;
  empty: ReactNode;
} & Omit<DataTableProps<T>, 'rows' | 'rowKey'>) {
  return (
    <ListState query={query} data={data} empty={empty}>
      {(rows) => (
        <DataTable
          rows={rows}
          rowKey={(row) => row.id}
          highlightOnHover
          {...(table as Omit<DataTableProps<T>, 'rows' | 'rowKey'>)}
        />
      )}
    </ListState>
  );
}
