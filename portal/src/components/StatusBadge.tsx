import { Badge } from '@mantine/core';
import type { InvoiceDisplayStatus } from '../gql/graphql';

/** Badge colour and a text shade that keeps 4.5:1 contrast on the badge's light tint. */
const LOOK: Record<InvoiceDisplayStatus, { label: string; color: string; text: string }> = {
  DRAFT: { label: 'Draft', color: 'gray', text: 'gray.8' },
  SENT: { label: 'Sent', color: 'blue', text: 'blue.9' },
  PARTIALLY_PAID: { label: 'Partially paid', color: 'yellow', text: 'dark.6' },
  PAID: { label: 'Paid', color: 'teal', text: '#0a6a4e' /* teal 9 (#087f5b) is 4.49:1 on the tint */ },
  OVERDUE: { label: 'Overdue', color: 'red', text: 'red.9' },
  VOID: { label: 'Void', color: 'gray', text: 'gray.8' },
  UNCOLLECTIBLE: { label: 'Uncollectible', color: 'dark', text: 'dark.7' },
};

export function StatusBadge({ status }: { status: InvoiceDisplayStatus }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} c={look.text} variant="light" data-testid="status-badge" data-status={status}>
      {look.label}
    </Badge>
  );
}

export const STATUS_FILTERS: Array<{ value: InvoiceDisplayStatus; label: string }> = (
  ['SENT', 'PARTIALLY_PAID', 'OVERDUE', 'PAID', 'VOID'] as const
).map((value) => ({ value, label: LOOK[value].label }));
