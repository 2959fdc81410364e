import { Badge } from '@mantine/core';
import type { InvoiceDisplayStatus } from '../gql/graphql';

const LOOK: Record<InvoiceDisplayStatus, { label: string; color: string }> = {
  DRAFT: { label: 'Draft', color: 'gray' },
  SENT: { label: 'Sent', color: 'blue' },
  PARTIALLY_PAID: { label: 'Partially paid', color: 'yellow' },
  PAID: { label: 'Paid', color: 'teal' },
  OVERDUE: { label: 'Overdue', color: 'red' },
  VOID: { label: 'Void', color: 'gray' },
  UNCOLLECTIBLE: { label: 'Uncollectible', color: 'dark' },
};

export function StatusBadge({ status }: { status: InvoiceDisplayStatus }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light" data-testid="status-badge" data-status={status}>
      {look.label}
    </Badge>
  );
}

export const STATUS_FILTERS: Array<{ value: InvoiceDisplayStatus; label: string }> = (
  ['SENT', 'PARTIALLY_PAID', 'OVERDUE', 'PAID', 'VOID'] as const
).map((value) => ({ value, label: LOOK[value].label }));
