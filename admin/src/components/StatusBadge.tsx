import { Badge } from '@mantine/core';

const INVOICE_COLORS: Record<string, string> = {
  DRAFT: 'gray',
  SENT: 'blue',
  PARTIALLY_PAID: 'yellow',
  PAID: 'green',
  OVERDUE: 'red',
  VOID: 'dark',
  UNCOLLECTIBLE: 'orange',
};

const TIME_COLORS: Record<string, string> = { DRAFT: 'gray', SUBMITTED: 'blue', APPROVED: 'green', REJECTED: 'red' };

export function humanize(value: string): string {
  const s = value.replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A badge is never squeezed: Mantine's cuts a long label ("Partially paid") with an ellipsis when its row
 * or cell is narrow; here the badge keeps its width and the row wraps or the table scrolls instead.
 */
const WHOLE = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } };

export function InvoiceStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={INVOICE_COLORS[status] ?? 'gray'}
      variant="light"
      styles={WHOLE}
      data-testid="invoice-status"
      data-status={status}
    >
      {humanize(status)}
    </Badge>
  );
}

export function TimeStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={TIME_COLORS[status] ?? 'gray'} variant="light" styles={WHOLE}>
      {humanize(status)}
    </Badge>
  );
}

/** How a badge shows one value of a status: its words and its color. */
export interface BadgeLook {
  label: string;
  color: string;
}

/**
 * A status as a light badge in the words and color `looks` gives it (the raw value in gray where it gives
 * none). With `testId`, the badge carries it and the status as `data-testid` and `data-status` for tests.
 */
export function LookBadge<S extends string>({
  status,
  looks,
  testId,
}: {
  status: S;
  looks: Partial<Record<S, BadgeLook>>;
  testId?: string;
}) {
  const look = looks[status] ?? { label: status, color: 'gray' };
  return (
    <Badge color={look.color} variant="light" data-testid={testId} data-status={testId ? status : undefined}>
      {look.label}
    </Badge>
  );
}
