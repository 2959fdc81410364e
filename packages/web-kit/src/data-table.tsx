import type { ReactNode } from 'react';
import { Table, type TableProps, type TableTdProps, type TableThProps } from '@mantine/core';

export interface Column<T> {
  key: string;
  /** Header cell content; none gives an empty header cell (a column of row actions). */
  header?: ReactNode;
  align?: 'right';
  /** Further props for the header cell (a fixed width). */
  th?: Omit<TableThProps, 'children'>;
  /** Further props for every body cell of the column (width, style). */
  td?: Omit<TableTdProps, 'children'>;
  render: (row: T) => ReactNode;
}

/**
 * A Mantine table from a list of columns: one header row, one body row per item. Screens describe what
 * a column shows; the markup (and its test ids, through `rowProps`) is written once here.
 */
export type DataTableProps<T> = {
  rows: readonly T[];
  columns: ReadonlyArray<Column<NoInfer<T>> | false | null | undefined>;
  rowKey: (row: NoInfer<T>) => string;
  rowProps?: (row: NoInfer<T>) => Record<string, unknown>;
  withHeader?: boolean;
  /** Shown in one full-width row when there are no rows. */
  emptyRow?: ReactNode;
} & Omit<TableProps, 'children'>;

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  withHeader = true,
  emptyRow,
  ...table
}: DataTableProps<T>) {
  const cols = columns.filter((c): c is Column<T> => Boolean(c));
  // A table wider than the screen (a tablet, a phone) scrolls in its own box instead of widening the page.
  return (
    <div style={{ overflowX: 'auto', maxWidth: '100%' }} data-table-scroll="">
      <Table {...table}>
        {withHeader ? (
          <Table.Thead>
            <Table.Tr>
              {cols.map((c) => (
                <Table.Th key={c.key} ta={c.align} {...c.th}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
        ) : null}
        <Table.Tbody>
          {rows.length === 0 && emptyRow ? (
            <Table.Tr>
              <Table.Td colSpan={cols.length}>{emptyRow}</Table.Td>
            </Table.Tr>
          ) : null}
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} {...rowProps?.(row)}>
              {cols.map((c) => (
                <Table.Td key={c.key} ta={c.align} {...c.td}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
