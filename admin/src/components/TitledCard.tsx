import type { ReactNode } from 'react';
import { Card, Title, type TitleOrder } from '@mantine/core';

/** A bordered card under a small heading (a section of a page). */
export function TitledCard({ title, order, children }: { title: string; order: TitleOrder; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={order} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}
