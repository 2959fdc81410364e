import type { ReactNode } from 'react';
import { Card, Group, Title, type MantineSize, type TitleOrder } from '@mantine/core';

/**
 * A bordered card under a small heading (a section of a page). `size` sets the heading's look apart from
 * its level (a page's sections are h2 that look like h4); `action` (a button) stands at the heading's right.
 */
export function TitledCard({
  title,
  order,
  size,
  action,
  children,
}: {
  title: string;
  order: TitleOrder;
  size?: `h${1 | 2 | 3 | 4 | 5 | 6}` | MantineSize;
  action?: ReactNode;
  children: ReactNode;
}) {
  const heading = (
    <Title order={order} size={size} mb={action ? undefined : 'sm'}>
      {title}
    </Title>
  );
  return (
    <Card withBorder>
      {action ? (
        <Group justify="space-between" mb="sm">
          {heading}
          {action}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Card>
  );
}
