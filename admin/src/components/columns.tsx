import type { ReactNode } from 'react';
import { Text, type TextProps } from '@mantine/core';
import type { Column } from '@settle/web-kit/data-table';

/** A column of code-like text (a code, a kind, an event type or id), in a monospace font. */
export function codeColumn<K extends string>(
  key: string,
  header: string,
  field: K,
  props: TextProps = { size: 'xs' },
): Column<Record<K, ReactNode>> {
  return {
    key,
    header,
    render: (row) => (
      <Text ff="monospace" {...props}>
        {row[field]}
      </Text>
    ),
  };
}

/** A column without a heading that holds a row's action (a small button) at the right. */
export function actionColumn<T>(key: string, render: (row: T) => ReactNode): Column<T> {
  return { key, align: 'right', render };
}
