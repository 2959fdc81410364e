import { useState } from 'react';
import { Alert, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { graphql } from '../../gql';
import type { AdminClientFieldsFragment, ClientRateInput, TimeItemization } from '../../gql/graphql';
import { TIME_ITEMIZATION_OPTIONS } from '../settings/time-itemization-options';
import { MoneyInput } from '../../components/MoneyInput';
import { useServiceOptions } from '../../components/ServiceOptions';
import { bpsToPercent, formatMoney, minorToDecimal, parseMoney, percentToBps } from '@settle/web-kit/money';
import { useCreateOrUpdate, useFormFailure } from '../../lib/actions';
import { ModalActions } from '../../components/ModalActions';
import { AddressFields, addressDraft, addressInput } from './AddressFields';
import { ClientAutopayPanel } from './ClientAutopayPanel';
import { bindChecked, bindText } from '@settle/web-kit/fields';
import { RemoveRowButton, AddRowButton } from '../../components/RowButtons';
import { useRows } from '../../lib/rows';
import { ReminderPolicyForm } from '../reminders/ReminderPolicyForm';

const CreateClient = graphql(
  `mutation AdminCreateClient($input: CreateClientInput!) { createClient(input: $input) { ...AdminClientFields } }`,
);

const UpdateClient = graphql(
  `mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ...AdminClientFields } }`,
);

type TriState = 'default' | 'yes' | 'no';
/** The form's labels, for the API's messages about its fields. */
const CLIENT_LABELS = {
  name: 'Name',
  billingEmail: 'Billing email',
  currency: 'Currency',
  taxRateBps: 'Tax rate',
  daysUntilDue: 'Days until due',
  memoTemplate: 'Memo template',
  timeItemization: 'Time on invoices',
};

const toTri = (v: boolean | null | undefined): TriState => (v == null ? 'default' : v ? 'yes' : 'no');
const fromTri = (v: TriState): boolean | null => (v === 'default' ? null : v === 'yes');

/** A setting the client may leave to the organization: Org default, or yes and no in the setting's own words. */
function TriStateControl(props: {
  label: string;
  yes: string;
  no: string;
  value: TriState;
  onChange: (value: TriState) => void;
}) {
  const data = [
    { value: 'default', label: 'Org default' },
    { value: 'yes', label: props.yes },
    { value: 'no', label: props.no },
  ];
  return (
    <div>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <SegmentedControl size="xs" value={props.value} onChange={(v) => props.onChange(v as TriState)} data={data} />
    </div>
  );
}

interface RateRow {
  key: string;
  serviceId: string | null;
  amount: string;
}

export function ClientFormModal({
  client,
  onClose,
}: {
  client: AdminClientFieldsFragment | null;
  onClose: () => void;
}) {
  const [name, setName] = useState(client?.name ?? '');
  const [billingEmail, setBillingEmail] = useState(client?.billingEmail ?? '');
  const [currency, setCurrency] = useState(client?.currency ?? 'USD');
  const [tax, setTax] = useState(client?.taxRateBps == null ? '' : bpsToPercent(client.taxRateBps));
  const [days, setDays] = useState(client?.daysUntilDue == null ? '' : String(client.daysUntilDue));
  const [partial, setPartial] = useState<TriState>(toTri(client?.allowPartialPayments));
  const [payLink, setPayLink] = useState<TriState>(toTri(client?.emailPayLink));
  const [memo, setMemo] = useState(client?.memoTemplate ?? '');
  const [itemization, setItemization] = useState<TimeItemization | null>(client?.timeItemization ?? null);
  const [address, setAddress] = useState(() => addressDraft(client?.billingAddress));
  const [archived, setArchived] = useState(Boolean(client?.archivedAt));
  const rates = useRows<RateRow>(() =>
    (client?.rates ?? []).map((r) => ({
      key: r.id,
      serviceId: r.serviceId,
      amount: minorToDecimal(r.unitAmount, client!.currency),
    })),
  );
  const { failure, setFailure, attempt } = useFormFailure(CLIENT_LABELS);
  const { services, options } = useServiceOptions();
  const { save, saving } = useCreateOrUpdate({ create: CreateClient, update: UpdateClient });
  const code = currency.trim().toUpperCase();

  async function submit() {
    setFailure(null);
    const taxRateBps = tax.trim() ? percentToBps(tax) : null;
    if (tax.trim() && taxRateBps === null)
      return setFailure({ message: 'Check the form', fields: { taxRateBps: 'A percentage such as 8.25' } });
    if (days.trim() && !/^\d+$/.test(days.trim()))
      return setFailure({ message: 'Check the form', fields: { daysUntilDue: 'Whole days, e.g. 30' } });
    const rateInput: ClientRateInput[] = [];
    for (const r of rates.rows) {
      if (!r.serviceId) return setFailure({ message: 'Pick a service for every negotiated rate', fields: {} });
      const p = parseMoney(r.amount, code);
      if (!p.ok) return setFailure({ message: `Rate: ${p.error}`, fields: {} });
      rateInput.push({ serviceId: r.serviceId, unitAmount: p.minor });
    }
    const common = {
      name: name.trim(),
      billingEmail: billingEmail.trim(),
      currency: code,
      taxRateBps,
      daysUntilDue: days.trim() ? Number(days) : null,
      allowPartialPayments: fromTri(partial),
      emailPayLink: fromTri(payLink),
      memoTemplate: memo.trim() || null,
      timeItemization: itemization,
      billingAddress: addressInput(address),
      rates: rateInput,
    };
    await attempt(async () => {
      await save(client ? { id: client.id, input: { ...common, archived } } : { input: common });
      notifications.show({ color: 'green', message: client ? 'Client saved' : 'Client created' });
      onClose();
    });
  }

  const catalogPrice = (serviceId: string | null) => {
    const p = services.find((s) => s.id === serviceId)?.prices.find((x) => x.currency === code);
    return p ? `catalog ${formatMoney(p.unitAmount, code)}` : 'no catalog price';
  };
  const f = failure?.fields ?? {};
  const shownInline =
    ['name', 'billingEmail', 'currency', 'taxRateBps', 'daysUntilDue', 'memoTemplate'].some((k) => f[k]) ||
    Object.keys(f).some((k) => k.startsWith('billingAddress.'));

  return (
    <Modal opened onClose={onClose} title={client ? `Edit ${client.name}` : 'New client'} size="lg">
      <Stack>
        {failure && !shownInline && (
          <Alert color="red" role="alert">
            {failure.message}
          </Alert>
        )}
        <Group grow>
          <TextInput label="Name" required {...bindText(name, setName, f.name)} />
          <TextInput
            label="Billing email"
            required
            type="email"
            {...bindText(billingEmail, setBillingEmail, f.billingEmail)}
          />
        </Group>
        <Group grow>
          <TextInput
            label="Currency"
            description="ISO code, e.g. USD, JPY, KWD"
            required
            {...bindText(currency, setCurrency, f.currency)}
            maxLength={3}
          />
          <TextInput
            label="Tax rate %"
            description="Blank = organization default"
            {...bindText(tax, setTax, f.taxRateBps)}
          />
          <TextInput
            label="Days until due"
            description="Blank = organization default"
            {...bindText(days, setDays, f.daysUntilDue)}
          />
        </Group>
        <AddressFields value={address} onChange={setAddress} errors={f} />
        <Group grow>
          <TriStateControl label="Partial payments" yes="Allow" no="Refuse" value={partial} onChange={setPartial} />
          <TriStateControl label="Pay link in emails" yes="Include" no="Omit" value={payLink} onChange={setPayLink} />
        </Group>
        <Textarea
          label="Memo template"
          description="Blank = organization default. Variables: {client_name} {period_start} {period_end} {invoice_number} {due_date} {org_name}"
          autosize
          minRows={2}
          {...bindText(memo, setMemo, f.memoTemplate)}
        />
        <Select
          label="Time on invoices"
          description="How generated invoices list this client's time."
          data={[
            { value: 'default', label: 'Org default' },
            ...TIME_ITEMIZATION_OPTIONS.map(({ value, label }) => ({ value, label })),
          ]}
          value={itemization ?? 'default'}
          onChange={(v) => setItemization(!v || v === 'default' ? null : (v as TimeItemization))}
          allowDeselect={false}
          error={f.timeItemization}
        />
        <div>
          <Text size="sm" fw={500}>
            Negotiated rates ({code})
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Override the catalog price for this client.
          </Text>
          <Stack gap="xs">
            {rates.rows.map((r) => (
              <Group key={r.key} align="flex-end" wrap="nowrap">
                <Select
                  style={{ flex: 2 }}
                  aria-label="Service"
                  placeholder="Service"
                  data={options}
                  value={r.serviceId}
                  onChange={(serviceId) => rates.update(r.key, { serviceId })}
                  description={r.serviceId ? catalogPrice(r.serviceId) : undefined}
                  error={f['rates.serviceId']}
                />
                <MoneyInput
                  style={{ flex: 1 }}
                  aria-label="Rate"
                  currency={code || 'USD'}
                  value={r.amount}
                  onChange={(amount) => rates.update(r.key, { amount })}
                />
                <RemoveRowButton label="Remove rate" onClick={() => rates.remove(r.key)} mb={6} />
              </Group>
            ))}
            <AddRowButton onClick={() => rates.add({ serviceId: null, amount: '' })}>Add rate</AddRowButton>
          </Stack>
        </div>
        {client && (
          <div>
            <Text size="sm" fw={500} mb="xs">
              Payment reminders
            </Text>
            <ReminderPolicyForm clientId={client.id} />
          </div>
        )}
        {client && <ClientAutopayPanel clientId={client.id} />}
        {client && <Switch label="Archived" {...bindChecked(archived, setArchived)} />}
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={saving}>
          {client ? 'Save' : 'Create client'}
        </ModalActions>
      </Stack>
    </Modal>
  );
}
