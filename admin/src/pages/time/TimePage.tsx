import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminTimeEntriesQuery, TimeEntryStatus } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { ListState } from '../../components/QueryState';
import { TimeStatusBadge } from '../../components/StatusBadge';
import { DataTable } from '@settle/web-kit/data-table';
import { useFormFailure } from '../../lib/actions';
import { timeEntryColumns } from './time-columns';
import { ReasonField } from '../../components/ReasonField';

/** The server's limit on a rejection reason (rejectTimeEntries' reason), in characters. */
const MAX_REJECTION_REASON = 500;

const TimeEntriesQuery = graphql(`
  query AdminTimeEntries($status: TimeEntryStatus) {
    timeEntries(status: $status, first: 200) {
      nodes {
        ...AdminTimesheetEntry
        technician { id name }
      }
    }
  }
`);

const ApproveMutation = graphql(`
  mutation AdminApproveTime($ids: [ID!]!) { approveTimeEntries(ids: $ids) { id status approvedAt } }
`);

const RejectMutation = graphql(`
  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {
    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }
  }
`);

type Entry = AdminTimeEntriesQuery['timeEntries']['nodes'][number];

const STATUSES: TimeEntryStatus[] = ['SUBMITTED', 'APPROVED', 'REJECTED', 'DRAFT'];

export default function TimePage() {
  const [status, setStatus] = useState<TimeEntryStatus>('SUBMITTED');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { failure, attempt } = useFormFailure({ reason: 'Reason' });
  const query = useQuery(TimeEntriesQuery, { variables: { status } });
  const [approve, approving] = useMutation(ApproveMutation);
  const [reject, rejectState] = useMutation(RejectMutation);

  const entries = query.data?.timeEntries.nodes ?? [];
  const ids = [...selected].filter((id) => entries.some((e) => e.id === id));
  const actionable = status === 'SUBMITTED' || status === 'REJECTED' || status === 'DRAFT';

  function toggle(id: string) {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function doApprove() {
    await attempt(async () => {
      const res = await approve({ variables: { ids } });
      notifications.show({ color: 'green', message: `Approved ${res.data?.approveTimeEntries.length ?? 0} entries` });
      setSelected(new Set());
      await query.refetch();
    });
  }

  async function doReject() {
    await attempt(async () => {
      await reject({ variables: { ids, reason } });
      notifications.show({ color: 'green', message: `Rejected ${ids.length} entries` });
      setSelected(new Set());
      setRejecting(false);
      setReason('');
      await query.refetch();
    });
  }

  return (
    <>
      <PageHeader title="Time approval" description="Review submitted time before it is invoiced." />
      <Card withBorder>
        <Group justify="space-between" mb="md">
          <SegmentedControl
            value={status}
            onChange={(v) => {
              setStatus(v as TimeEntryStatus);
              setSelected(new Set());
            }}
            data={STATUSES.map((s) => ({ value: s, label: s.charAt(0) + s.slice(1).toLowerCase() }))}
          />
          {actionable && (
            <Group gap="sm">
              <Text size="sm" c="dimmed">
                {ids.length} selected
              </Text>
              {status !== 'DRAFT' && (
                <Button disabled={ids.length === 0} loading={approving.loading} onClick={() => void doApprove()}>
                  Approve
                </Button>
              )}
              {status === 'SUBMITTED' && (
                <Button variant="default" color="red" disabled={ids.length === 0} onClick={() => setRejecting(true)}>
                  Reject…
                </Button>
              )}
            </Group>
          )}
        </Group>
        {failure && !rejecting && (
          <Alert color="red" mb="md" role="alert">
            {failure.message}
          </Alert>
        )}
        <ListState
          query={query}
          data={query.data?.timeEntries.nodes}
          empty={`No ${status.toLowerCase()} time entries.`}
        >
          {(rows) => (
            <DataTable
              highlightOnHover
              verticalSpacing="xs"
              rows={rows}
              rowKey={(e) => e.id}
              rowProps={() => ({ 'data-testid': 'time-entry-row' })}
              columns={[
                actionable && {
                  key: 'select',
                  th: { w: 36 },
                  header: (
                    <Checkbox
                      aria-label="Select all"
                      checked={ids.length === rows.length && rows.length > 0}
                      indeterminate={ids.length > 0 && ids.length < rows.length}
                      onChange={(e) =>
                        setSelected(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())
                      }
                    />
                  ),
                  render: (e) => (
                    <Checkbox
                      aria-label={`Select entry ${e.note}`}
                      checked={selected.has(e.id)}
                      onChange={() => toggle(e.id)}
                    />
                  ),
                },
                ...timeEntryColumns<Entry>([
                  { key: 'technician', header: 'Technician', render: (e) => e.technician.name },
                ]),
                {
                  key: 'status',
                  header: 'Status',
                  render: (e) => (
                    <Stack gap={2}>
                      <TimeStatusBadge status={e.status} />
                      {e.invoiceId && (
                        <Text size="xs" c="dimmed">
                          Invoiced
                        </Text>
                      )}
                      {!e.billable && (
                        <Text size="xs" c="dimmed">
                          Non-billable
                        </Text>
                      )}
                    </Stack>
                  ),
                },
              ]}
            />
          )}
        </ListState>
      </Card>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={`Reject ${ids.length} entries`}>
        <Stack>
          {failure && !failure.fields.reason && <Alert color="red">{failure.message}</Alert>}
          <ReasonField
            value={reason}
            onChange={setReason}
            error={failure?.fields.reason}
            description="The technician sees this and can fix the entry."
            maxLength={MAX_REJECTION_REASON}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
            <Button color="red" loading={rejectState.loading} onClick={() => void doReject()}>
              Reject
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
