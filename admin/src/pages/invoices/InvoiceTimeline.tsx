import { Text, Timeline } from '@mantine/core';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { formatDateTime } from '@settle/web-kit/dates';

const LABELS: Record<string, string> = {
  'invoice.created': 'Draft created',
  'invoice.draft_updated': 'Draft edited',
  'invoice.sent': 'Sent',
  'invoice.resent': 'Sent again',
  'invoice.payment_recorded': 'Payment recorded',
  'invoice.refund_recorded': 'Refund recorded',
  'invoice.overpaid': 'Overpaid',
  'invoice.credit_memo_issued': 'Credit memo issued',
  'invoice.voided': 'Voided',
  'invoice.marked_uncollectible': 'Marked uncollectible',
};

function label(action: string): string {
  if (LABELS[action]) return LABELS[action];
  const tail = action.split('.').pop() ?? action;
  return tail.charAt(0).toUpperCase() + tail.slice(1).replace(/_/g, ' ');
}

/** The invoice's audit trail, oldest first: what happened, who did it, and through which channel. */
export function InvoiceTimeline({ events }: { events: AdminInvoiceDetailFragment['timeline'] }) {
  if (events.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No events yet.
      </Text>
    );
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="invoice-timeline">
      {events.map((e) => (
        <Timeline.Item key={e.id} title={label(e.action)}>
          <Text size="xs" c="dimmed">
            {e.actorLabel} · via {e.source} · {formatDateTime(e.createdAt)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
