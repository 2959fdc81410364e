import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@apollo/client/react';
import { bindChecked, bindText } from '@settle/web-kit/fields';
import { graphql } from '../../gql';
import type { AdminTimesheetEntryFragment } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { useServicePicker } from '../../components/ServiceOptions';
import { useCreateOrUpdate, useFormFailure } from '../../lib/actions';
import { formatMinutes, parseDuration } from '../../lib/dates';

export const TimesheetEntryFragment = graphql(`
  fragment AdminTimesheetEntry on TimeEntry {
    id workDate minutes note status billable rejectionReason invoiceId
    client { id name }
    ticket { id title }
    service { id name }
  }
`);

const TicketOptionsQuery = graphql(`
  query AdminTicketOptions { tickets(first: 500) {nodes{ id title client { id name archivedAt } }} }
`);

const LogTimeMutation = graphql(
  `mutation AdminLogTime($input: LogTimeInput!) { logTime(input: $input) { ...AdminTimesheetEntry } }`,
);

const UpdateTimeEntryMutation = graphql(
  `mutation AdminUpdateTimeEntry($id: ID!, $input: UpdateTimeEntryInput!) { updateTimeEntry(id: $id, input: $input) { ...AdminTimesheetEntry } }`,
);

/** The form's labels, for the API's messages about its fields. */
const LABELS = { ticketId: 'Ticket', serviceId: 'Service', workDate: 'Date', minutes: 'Duration', note: 'Note' };
const INLINE = Object.keys(LABELS);

/**
 * Logs a new entry (`entry` null) or edits a draft or rejected one; either way it can go for approval
 * in the same step ("Save and submit").
 */
export function TimeEntryModal({
  entry,
  date,
  onClose,
}: {
  entry: AdminTimesheetEntryFragment | null;
  date: string;
  onClose: () => void;
}) {
  const [ticketId, setTicketId] = useState<string | null>(entry?.ticket.id ?? null);
  const [serviceId, setServiceId] = useState<string | null>(entry?.service.id ?? null);
  const [workDate, setWorkDate] = useState(entry?.workDate ?? date);
  const [duration, setDuration] = useState(entry ? formatMinutes(entry.minutes) : '');
  const [note, setNote] = useState(entry?.note ?? '');
  const [billable, setBillable] = useState(entry?.billable ?? true);
  const { failure, setFailure, attempt } = useFormFailure(LABELS);
  const tickets = useQuery(TicketOptionsQuery);
  const { options: serviceOptions } = useServicePicker();
  const entrySave = useCreateOrUpdate({ create: LogTimeMutation, update: UpdateTimeEntryMutation });

  async function save(submit: boolean) {
    const minutes = parseDuration(duration);
    if (!minutes) {
      const message = 'Duration is not a length of time such as 1h 30m, 1:30 or 1.5.';
      return setFailure({ message, fields: { minutes: message } });
    }
    if (!ticketId || !serviceId) {
      const fields: Record<string, string> = {};
      if (!ticketId) fields.ticketId = 'Pick the ticket you worked on.';
      if (!serviceId) fields.serviceId = 'Pick the service you provided.';
      return setFailure({ message: Object.values(fields).join(' '), fields });
    }
    const fields = { ticketId, serviceId, workDate, minutes, note: note.trim(), billable, submit };
    await attempt(async () => {
      await entrySave.save(entry ? { id: entry.id, input: fields } : { input: fields });
      notifications.show({ color: 'green', message: submit ? 'Time submitted for approval' : 'Time saved as draft' });
      onClose();
    });
  }

  // An archived client gets no new time (the API refuses it): its tickets are not offered, except the entry's own.
  const ticketOptions = (tickets.data?.tickets.nodes ?? [])
    .filter((t) => !t.client.archivedAt || t.id === entry?.ticket.id)
    .map((t) => ({ value: t.id, label: `${t.client.name} · ${t.title}` }));
  const f = failure?.fields ?? {};
  return (
    <Modal opened onClose={onClose} title={entry ? 'Edit time' : 'Log time'}>
      <Stack>
        {entry?.status === 'REJECTED' && (
          <Alert color="orange" title="Rejected" data-testid="rejection-reason">
            {entry.rejectionReason}
          </Alert>
        )}
        <FormError failure={failure} fields={INLINE} />
        <Select
          label="Ticket"
          required
          searchable
          data={ticketOptions}
          nothingFoundMessage="No ticket matches"
          placeholder={tickets.loading ? 'Loading tickets…' : 'Client · ticket'}
          value={ticketId}
          onChange={setTicketId}
          error={f.ticketId}
        />
        <Select
          label="Service"
          required
          searchable
          data={serviceOptions}
          value={serviceId}
          onChange={setServiceId}
          error={f.serviceId}
        />
        <Group grow align="flex-start">
          <TextInput label="Date" type="date" required {...bindText(workDate, setWorkDate, f.workDate)} />
          <TextInput
            label="Duration"
            required
            placeholder="1h 30m"
            description="1h 30m, 1:30 or 1.5"
            {...bindText(duration, setDuration, f.minutes)}
          />
        </Group>
        <Textarea label="Note" autosize minRows={2} {...bindText(note, setNote, f.note)} />
        <Checkbox label="Billable" {...bindChecked(billable, setBillable)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="light" loading={entrySave.saving} onClick={() => void save(false)}>
            Save draft
          </Button>
          <Button loading={entrySave.saving} onClick={() => void save(true)}>
            Save and submit
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
