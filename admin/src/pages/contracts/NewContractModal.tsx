import { useState } from 'react';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { bindText } from '@settle/web-kit/fields';
import type { BillingTiming, ContractCycle, ContractLineInput } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { AddRowButton } from '../../components/RowButtons';
import { useFormFailure } from '../../lib/actions';
import { firstOfMonth } from '../../lib/dates';
import { useOrgDateField } from '../../lib/org-today';
import { useRows } from '../../lib/rows';
import { CreateContractMutation } from './contract-documents';
import { CYCLE_OPTIONS, TIMING_OPTIONS, WEEKDAYS, cycleInWords, defaultAnchor } from './contract-words';
import { ContractLineFields, LINE_LABELS, emptyLine, toLineInput, type LineDraft } from './ContractLineFields';

const LABELS = {
  name: 'Name',
  cycle: 'Cycle',
  intervalWeeks: 'Weeks per period',
  anchorDay: 'Anchor day',
  billingTiming: 'Billing timing',
  startDate: 'Start date',
  endDate: 'End date',
  ...LINE_LABELS,
};
/** Inputs that show their own error (the alert on top then says nothing more). */
const INLINE = ['name', 'intervalWeeks', 'anchorDay', 'startDate', 'endDate'];

/** A new contract for a client: its cycle, when it runs, and one or more recurring lines. */
export function NewContractModal({
  clientId,
  currency,
  onClose,
}: {
  clientId: string;
  currency: string;
  onClose: (created: boolean) => void;
}) {
  const [name, setName] = useState('');
  const [cycle, setCycle] = useState<ContractCycle>('MONTHLY');
  const [weeks, setWeeks] = useState('1');
  const [anchor, setAnchor] = useState('');
  const [timing, setTiming] = useState<BillingTiming>('ADVANCE');
  const [startDate, setStartDate, startDatePending] = useOrgDateField(firstOfMonth);
  const [endDate, setEndDate] = useState('');
  const lines = useRows<LineDraft>(() => [{ key: 'first', ...emptyLine() }]);
  const [lineErrors, setLineErrors] = useState<Record<string, Partial<Record<keyof typeof LINE_LABELS, string>>>>({});
  const { failure, setFailure, attempt } = useFormFailure(LABELS);
  const [create, { loading }] = useMutation(CreateContractMutation);
  const weekly = cycle === 'WEEKLY';
  // Blank anchor: the server takes the start date's day (or weekday); the form says which that is.
  const anchorDefault = defaultAnchor(cycle, startDate);
  const anchorDay = anchor.trim() ? Number(anchor) : anchorDefault;

  async function submit() {
    setFailure(null);
    setLineErrors({});
    if (weekly && !/^\d+$/.test(weeks.trim()))
      return setFailure({ message: 'Check the form', fields: { intervalWeeks: 'Whole weeks, e.g. 1 or 2' } });
    if (anchor.trim() && !/^\d+$/.test(anchor.trim()))
      return setFailure({ message: 'Check the form', fields: { anchorDay: 'A day of the month, 1 to 31' } });
    const input: ContractLineInput[] = [];
    for (const [i, row] of lines.rows.entries()) {
      const parsed = toLineInput(row, currency);
      if (!parsed.ok) {
        setLineErrors({ [row.key]: { [parsed.field]: parsed.error } });
        return setFailure({ message: `Line ${i + 1}: ${parsed.error}`, fields: {} });
      }
      input.push(parsed.line);
    }
    const ok = await attempt(async () => {
      await create({
        variables: {
          input: {
            clientId,
            name: name.trim(),
            cycle,
            intervalWeeks: weekly ? Number(weeks) : null,
            anchorDay: anchor.trim() ? Number(anchor) : null,
            billingTiming: timing,
            startDate,
            endDate: endDate || null,
            lines: input,
          },
        },
      });
      notifications.show({ color: 'green', message: 'Contract created' });
    });
    if (ok) onClose(true);
  }

  const f = failure?.fields ?? {};
  /** A text input's label, value and error, all named by its API field. */
  const labelled = (key: keyof typeof LABELS, value: string, set: (value: string) => void) => ({
    label: LABELS[key],
    ...bindText(value, set, f[key]),
  });
  // The API names a line's field by its index ("lines.0.unitPrice").
  const errorsOf = (row: LineDraft, i: number) => {
    const own = lineErrors[row.key] ?? {};
    const api = Object.fromEntries(
      Object.keys(LINE_LABELS).flatMap((k) => (f[`lines.${i}.${k}`] ? [[k, f[`lines.${i}.${k}`]]] : [])),
    );
    return { ...api, ...own };
  };
  return (
    <Modal opened onClose={() => onClose(false)} title="New contract" size="xl">
      <Stack>
        <FormError failure={failure} fields={INLINE} />
        <TextInput {...labelled('name', name, setName)} required placeholder="Managed services" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ChoiceSelect label={LABELS.cycle} data={CYCLE_OPTIONS} value={cycle} onChange={setCycle} error={f.cycle} />
          {weekly ? (
            <TextInput
              {...labelled('intervalWeeks', weeks, setWeeks)}
              description="1 = weekly, 2 = fortnightly"
              required
              inputMode="numeric"
            />
          ) : (
            <div />
          )}
          {weekly ? (
            <Select
              label={LABELS.anchorDay}
              description="The weekday periods start on; blank = the start date's"
              data={WEEKDAYS.map((day, i) => ({ value: String(i + 1), label: day }))}
              value={anchor || null}
              onChange={(v) => setAnchor(v ?? '')}
              clearable
              error={f.anchorDay}
            />
          ) : (
            <TextInput
              {...labelled('anchorDay', anchor, setAnchor)}
              description="Day of the month periods start on (1–31); blank = the start date's"
              inputMode="numeric"
              placeholder={anchorDefault ? String(anchorDefault) : undefined}
            />
          )}
          <ChoiceSelect
            label={LABELS.billingTiming}
            data={TIMING_OPTIONS}
            value={timing}
            onChange={setTiming}
            error={f.billingTiming}
          />
          <TextInput
            {...labelled('startDate', startDate, setStartDate)}
            type="date"
            required
            description="The first day billed"
          />
          <TextInput
            {...labelled('endDate', endDate, setEndDate)}
            type="date"
            description="The last day billed; blank = open-ended"
          />
        </SimpleGrid>
        {anchorDay != null && Number.isInteger(anchorDay) && anchorDay > 0 && (
          <Text size="sm" c="dimmed" data-testid="cycle-words">
            {cycleInWords({ cycle, intervalWeeks: Number(weeks) || 1, anchorDay, billingTiming: timing })}
          </Text>
        )}
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Recurring lines ({currency})
          </Text>
          {lines.rows.map((row, i) => (
            <ContractLineFields
              key={row.key}
              legend={`Line ${i + 1}`}
              line={row}
              currency={currency}
              errors={errorsOf(row, i)}
              onChange={(change) => lines.update(row.key, change)}
              onRemove={lines.rows.length > 1 ? () => lines.remove(row.key) : undefined}
            />
          ))}
          <AddRowButton onClick={() => lines.add(emptyLine())}>Add line</AddRowButton>
        </Stack>
        <ModalActions
          onCancel={() => onClose(false)}
          onSubmit={() => void submit()}
          loading={loading}
          disabled={startDatePending}
        >
          Create contract
        </ModalActions>
      </Stack>
    </Modal>
  );
}
