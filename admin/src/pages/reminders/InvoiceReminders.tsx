import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { offsetInWords } from './reminder-offsets';

type Reminder = AdminInvoiceDetailFragment['reminders'][number];

const COLORS: Record<Reminder['status'], string> = { SENT: 'green', SKIPPED: 'gray', FAILED: 'red', PLANNED: 'blue' };
const LABELS: Record<Reminder['status'], string> = {
  SENT: 'Sent',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
  PLANNED: 'Planned',
};

/** The invoice's payment reminders: sent, skipped and failed ones (with why), then those still planned. */
export function InvoiceReminders({ reminders }: { reminders: Reminder[] }) {
  if (!reminders.length)
    return (
      <Text c="dimmed" size="sm">
        No reminders for this invoice.
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="invoice-reminders">
      {reminders.map((r) => (
        <div key={r.offsetDays}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{offsetInWords(r.offsetDays)}</Text>
            <Badge color={COLORS[r.status]} variant="light">
              {LABELS[r.status]}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {r.sentAt ? `Sent ${formatDateTime(r.sentAt)}` : formatDate(r.plannedFor)}
            {r.reason && ` · ${r.reason}`}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
