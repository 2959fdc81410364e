import { Text, Timeline } from '@mantine/core';
import type { ActivitySystem, AdminInvoiceDetailFragment } from '../../gql/graphql';
import { formatDateTime } from '@settle/web-kit/dates';

type Line = AdminInvoiceDetailFragment['activity'][number];

const SYSTEM_NAMES: Record<ActivitySystem, string> = { SETTLE: 'Settle', STRIPE: 'Stripe', QUICKBOOKS: 'QuickBooks' };

/** Who did it and through what ("Ann <ann@…> · Admin app"), or the system the step happened in. */
function byline(l: Line): string {
  // Settle's own steps are by Settle through Settle: said once.
  const who = l.actorLabel ? [...new Set([l.actorLabel, l.via].filter(Boolean))].join(' · ') : SYSTEM_NAMES[l.system];
  return `${who} · ${formatDateTime(l.at)}`;
}

/**
 * The invoice's timeline, oldest first: what happened in Settle (the server names each step), who did it
 * and in which app, with the Stripe and QuickBooks sync steps between.
 */
export function InvoiceTimeline({ events }: { events: AdminInvoiceDetailFragment['activity'] }) {
  if (events.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No events yet.
      </Text>
    );
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="invoice-timeline">
      {events.map((e) => (
        <Timeline.Item key={e.id} title={e.label} color={e.status === 'FAILED' ? 'red' : undefined}>
          <Text size="xs" c="dimmed">
            {byline(e)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
