import { Text } from '@mantine/core';
import type { Column } from '@settle/web-kit/data-table';
import { formatDate } from '@settle/web-kit/dates';
import { formatMinutes } from '../../lib/dates';

interface EntryRow {
  workDate: string;
  minutes: number;
  note: string;
  rejectionReason?: string | null;
  client: { name: string };
  ticket: { title: string };
  service: { name: string };
}

/**
 * The columns the timesheet and the approval screen share, in order: date, and (after `middle`, the
 * approval screen's technician) client and ticket, service, note with the rejection reason, time.
 */
export function timeEntryColumns<T extends EntryRow>(middle: Array<Column<T>> = []): Array<Column<T>> {
  return [
    { key: 'date', header: 'Date', render: (e) => formatDate(e.workDate) },
    ...middle,
    {
      key: 'client',
      header: 'Client / ticket',
      render: (e) => (
        <>
          <Text size="sm">{e.client.name}</Text>
          <Text size="xs" c="dimmed">
            {e.ticket.title}
          </Text>
        </>
      ),
    },
    { key: 'service', header: 'Service', render: (e) => e.service.name },
    {
      key: 'note',
      header: 'Note',
      render: (e) => (
        <>
          <Text size="sm">{e.note}</Text>
          {e.rejectionReason && (
            <Text size="xs" c="red">
              Rejected: {e.rejectionReason}
            </Text>
          )}
        </>
      ),
    },
    { key: 'time', header: 'Time', align: 'right', render: (e) => formatMinutes(e.minutes) },
  ];
}
