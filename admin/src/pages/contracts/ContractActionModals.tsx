import { useState } from 'react';
import { Alert, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { bindText } from '@settle/web-kit/fields';
import type { AdminContractFragment } from '../../gql/graphql';
import { FormError } from '../../components/FormError';
import { ModalActions } from '../../components/ModalActions';
import { useFormFailure } from '../../lib/actions';
import { useOrgDateField } from '../../lib/org-today';
import { AddContractLineMutation, ChangeContractQuantityMutation, UpdateContractMutation } from './contract-documents';
import { ContractLineFields, LINE_LABELS, emptyLine, toLineInput, type LineDraft } from './ContractLineFields';

type Contract = AdminContractFragment;
type Line = Contract['lines'][number];
/** Every modal here closes with whether it changed something (the section then refetches). */
type OnClose = (changed: boolean) => void;

/** Renames a contract or sets (or clears) its last billed day. */
export function EditContractModal({ contract, onClose }: { contract: Contract; onClose: OnClose }) {
  const [name, setName] = useState(contract.name);
  const [endDate, setEndDate] = useState(contract.endDate ?? '');
  const { failure, attempt } = useFormFailure({ name: 'Name', endDate: 'End date' });
  const [update, { loading }] = useMutation(UpdateContractMutation);

  async function submit() {
    const ok = await attempt(async () => {
      await update({ variables: { id: contract.id, input: { name: name.trim(), endDate: endDate || null } } });
      notifications.show({ color: 'green', message: 'Contract saved' });
    });
    if (ok) onClose(true);
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={`Edit ${contract.name}`}>
      <Stack>
        <FormError failure={failure} fields={['name', 'endDate']} />
        <TextInput label="Name" required {...bindText(name, setName, failure?.fields.name)} />
        <TextInput
          label="End date"
          type="date"
          description="The last day billed; blank = open-ended"
          {...bindText(endDate, setEndDate, failure?.fields.endDate)}
        />
        <ModalActions onCancel={() => onClose(false)} onSubmit={() => void submit()} loading={loading}>
          Save
        </ModalActions>
      </Stack>
    </Modal>
  );
}

/** A further recurring line on an existing contract. */
export function AddLineModal({
  contract,
  currency,
  onClose,
}: {
  contract: Contract;
  currency: string;
  onClose: OnClose;
}) {
  const [line, setLine] = useState<LineDraft>({ key: 'new', ...emptyLine() });
  const { failure, setFailure, attempt } = useFormFailure(LINE_LABELS);
  const [add, { loading }] = useMutation(AddContractLineMutation);

  async function submit() {
    const parsed = toLineInput(line, currency);
    if (!parsed.ok) return setFailure({ message: parsed.error, fields: { [parsed.field]: parsed.error } });
    const ok = await attempt(async () => {
      await add({ variables: { contractId: contract.id, line: parsed.line } });
      notifications.show({ color: 'green', message: 'Line added' });
    });
    if (ok) onClose(true);
  }

  const fields = Object.keys(LINE_LABELS);
  return (
    <Modal opened onClose={() => onClose(false)} title={`Add a line to ${contract.name}`} size="lg">
      <Stack>
        <FormError failure={failure} fields={fields} />
        <ContractLineFields
          legend="New line"
          line={line}
          currency={currency}
          errors={failure?.fields ?? {}}
          onChange={(change) => setLine((l) => ({ ...l, ...change }))}
        />
        <ModalActions onCancel={() => onClose(false)} onSubmit={() => void submit()} loading={loading}>
          Add line
        </ModalActions>
      </Stack>
    </Modal>
  );
}

/** A line's new quantity from a day on; the rest of that period is prorated on the next invoice. */
export function ChangeQuantityModal({ line, title, onClose }: { line: Line; title: string; onClose: OnClose }) {
  const [quantity, setQuantity] = useState(String(line.quantity));
  const [effectiveDate, setEffectiveDate, effectiveDatePending] = useOrgDateField();
  const { failure, setFailure, attempt } = useFormFailure({
    quantity: 'New quantity',
    effectiveDate: 'Effective date',
  });
  const [change, { loading }] = useMutation(ChangeContractQuantityMutation);

  async function submit() {
    if (!/^\d+$/.test(quantity.trim()))
      return setFailure({ message: 'Check the form', fields: { quantity: 'A whole number, e.g. 12' } });
    const ok = await attempt(async () => {
      await change({
        variables: { input: { lineId: line.id, quantity: Number(quantity), effectiveDate: effectiveDate || null } },
      });
      notifications.show({ color: 'green', message: 'Quantity change saved' });
    });
    if (ok) onClose(true);
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={`Change quantity: ${title}`}>
      <Stack>
        <FormError failure={failure} fields={['quantity', 'effectiveDate']} />
        <Text size="sm">Today: {line.quantity}</Text>
        <TextInput
          label="New quantity"
          required
          inputMode="numeric"
          {...bindText(quantity, setQuantity, failure?.fields.quantity)}
        />
        <TextInput
          label="Effective date"
          type="date"
          required
          description="From this day on; today or later"
          {...bindText(effectiveDate, setEffectiveDate, failure?.fields.effectiveDate)}
        />
        <Alert color="blue" variant="light">
          Prorated by day: the rest of the period the date falls in is settled at the new quantity on the next invoice,
          and later periods are billed at the new quantity.
        </Alert>
        <ModalActions
          onCancel={() => onClose(false)}
          onSubmit={() => void submit()}
          loading={loading}
          disabled={effectiveDatePending}
        >
          Save change
        </ModalActions>
      </Stack>
    </Modal>
  );
}
