import { useState } from 'react';
import { Alert, Button, Card, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { formatDate } from '@settle/web-kit/dates';
import { graphql } from '../../gql';
import type { AdminTimesheetEntryFragment } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState, QueryTable } from '../../components/QueryState';
import { TimeStatusBadge } from '../../components/StatusBadge';
import { notifyOnFailure } from '../../lib/actions';
import { addDays, formatMinutes, weekStart } from '../../lib/dates';
import { useOrgToday } from '../../lib/org-today';
import { useViewer } from '../../lib/role';
import { TimeEntryModal } from './TimeEntryModal';
import { timeEntryColumns } from './time-columns';

const WeekQuery = graphql(`
  query AdminTimesheetWeek($technicianId: ID, $from: LocalDate!, $to: LocalDate!) {
    timeEntries(technicianId: $technicianId, worked: { from: $from, to: $to }, first: 500) {nodes{ ...AdminTimesheetEntry }}
  }
`);

const RejectedQuery = graphql(`
  query AdminTimesheetRejected($technicianId: ID) {
    timeEntries(technicianId: $technicianId, status: REJECTED, first: 100) {nodes{ ...AdminTimesheetEntry }}
  }
`);

const SubmitMutation = graphql(`
  mutation AdminSubmitTime($ids: [ID!]!) { submitTimeEntries(ids: $ids) { id status rejectionReason } }
`);

type Entry = AdminTimesheetEntryFragment;
const EDITABLE = new Set(['DRAFT', 'REJECTED']);
const weekday = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

/**
 * The signed-in person's own time, a week at a time: log, edit, submit, and fix what was rejected. The week
 * and today are the org's (its time zone), as the server dates the work, not the browser's.
 */
export default function TimesheetPage() {
  const { today, query } = useOrgToday();
  return (
    <QueryState query={query} data={today ?? undefined}>
      {(t) => <Timesheet today={t} />}
    </QueryState>
  );
}

function Timesheet({ today }: { today: string }) {
  const { userId } = useViewer();
  const [monday, setMonday] = useState(() => weekStart(today));
  const [editing, setEditing] = useState<Entry | 'new' | null>(null);
  const sunday = addDays(monday, 6);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const technicianId = userId ?? undefined;
  const week = useQuery(WeekQuery, { variables: { technicianId, from: monday, to: sunday } });
  const rejected = useQuery(RejectedQuery, { variables: { technicianId } });
  const [submit, submitting] = useMutation(SubmitMutation);

  const entries = week.data?.timeEntries.nodes ?? [];
  const drafts = entries.filter((e) => e.status === 'DRAFT' || e.status === 'REJECTED');
  const total = entries.reduce((sum, e) => sum + e.minutes, 0);
  const refresh = () => Promise.all([week.refetch(), rejected.refetch()]);

  function close() {
    setEditing(null);
    void refresh();
  }

  async function submitWeek() {
    await notifyOnFailure(async () => {
      await submit({ variables: { ids: drafts.map((e) => e.id) } });
      notifications.show({ color: 'green', message: `Submitted ${drafts.length} entries for approval` });
      await refresh();
    });
  }

  const fixes = rejected.data?.timeEntries.nodes ?? [];
  return (
    <>
      <PageHeader
        title="Timesheet"
        description="Log your time against tickets, then submit the week for approval."
        actions={<Button onClick={() => setEditing('new')}>Log time</Button>}
      />
      <Stack>
        {fixes.length > 0 && (
          <Alert
            color="orange"
            title={`${fixes.length} rejected ${fixes.length === 1 ? 'entry needs' : 'entries need'} fixing`}
          >
            <Stack gap={6}>
              {fixes.map((e) => (
                <Group key={e.id} justify="space-between" wrap="nowrap" data-testid="rejected-entry">
                  <Text size="sm">
                    {formatDate(e.workDate)} · {e.ticket.title} · {formatMinutes(e.minutes)} — “{e.rejectionReason}”
                  </Text>
                  <Button size="xs" variant="default" onClick={() => setEditing(e)}>
                    Fix
                  </Button>
                </Group>
              ))}
            </Stack>
          </Alert>
        )}
        <Card withBorder>
          <Group justify="space-between" mb="md">
            <Group gap="xs">
              <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, -7))}>
                ‹ Previous week
              </Button>
              <Button variant="default" size="xs" onClick={() => setMonday(weekStart(today))}>
                This week
              </Button>
              <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, 7))}>
                Next week ›
              </Button>
              <Text fw={600} data-testid="week-range">
                {formatDate(monday)} – {formatDate(sunday)}
              </Text>
            </Group>
            <Group gap="sm">
              <Text size="sm" data-testid="week-total">
                Total {formatMinutes(total)}
              </Text>
              <Button disabled={drafts.length === 0} loading={submitting.loading} onClick={() => void submitWeek()}>
                Submit week{drafts.length ? ` (${drafts.length})` : ''}
              </Button>
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 4, sm: 7 }} spacing="xs" mb="md">
            {days.map((day) => (
              <Paper key={day} withBorder p="xs" ta="center" bg={day === today ? 'teal.0' : undefined}>
                <Text size="xs" c="dimmed">
                  {weekday(day)}
                </Text>
                <Text fw={600} size="sm">
                  {formatMinutes(entries.filter((e) => e.workDate === day).reduce((sum, e) => sum + e.minutes, 0))}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <QueryTable
            query={week}
            data={week.data?.timeEntries.nodes}
            empty="No time logged this week. Use “Log time” to add what you worked on."
            verticalSpacing="xs"
            rowProps={() => ({ 'data-testid': 'timesheet-row' })}
            columns={[
              ...timeEntryColumns<Entry>(),
              { key: 'status', header: 'Status', render: (e) => <TimeStatusBadge status={e.status} /> },
              {
                key: 'actions',
                render: (e) =>
                  EDITABLE.has(e.status) && (
                    <Button size="xs" variant="subtle" onClick={() => setEditing(e)} aria-label={`Edit ${e.note}`}>
                      Edit
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      </Stack>
      {editing && (
        <TimeEntryModal
          entry={editing === 'new' ? null : editing}
          date={today >= monday && today <= sunday ? today : monday}
          onClose={close}
        />
      )}
    </>
  );
}
