import { useState } from 'react';
import { Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { graphql } from '../../gql';
import type { AdminServiceFieldsFragment, ServicePriceInput } from '../../gql/graphql';
import { MoneyInput } from '../../components/MoneyInput';
import { minorToDecimal, parseMoney } from '@settle/web-kit/money';
import { useCreateOrUpdate, useFormFailure } from '../../lib/actions';
import { ModalActions } from '../../components/ModalActions';
import { bindFields } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { RemoveRowButton, AddRowButton } from '../../components/RowButtons';
import { useRows } from '../../lib/rows';

const CreateService = graphql(
  `mutation AdminCreateService($input: CreateServiceInput!) { createService(input: $input) { ...AdminServiceFields } }`,
);

const UpdateService = graphql(
  `mutation AdminUpdateService($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) { ...AdminServiceFields } }`,
);

interface PriceRow {
  key: string;
  currency: string;
  amount: string;
}

export function ServiceFormModal({
  service,
  onClose,
}: {
  service: AdminServiceFieldsFragment | null;
  onClose: () => void;
}) {
  const [form, setForm] = useState({
    code: service?.code ?? '',
    name: service?.name ?? '',
    description: service?.description ?? '',
  });
  const prices = useRows<PriceRow>(() =>
    (service?.prices ?? [{ currency: 'USD', unitAmount: 0 }]).map((p, i) => ({
      key: `p${i}`,
      currency: p.currency,
      amount: service ? minorToDecimal(p.unitAmount, p.currency) : '',
    })),
  );
  const { failure, setFailure, attempt } = useFormFailure({
    code: 'Code',
    name: 'Name',
    description: 'Description',
    currency: 'Currency',
    unitAmount: 'Unit price',
  });
  const { save, saving } = useCreateOrUpdate({ create: CreateService, update: UpdateService });

  async function submit() {
    setFailure(null);
    const priceInput: ServicePriceInput[] = [];
    for (const p of prices.rows) {
      const cur = p.currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(cur))
        return setFailure({ message: 'Each price needs a 3-letter currency code', fields: {} });
      const parsed = parseMoney(p.amount, cur);
      if (!parsed.ok) return setFailure({ message: `${cur}: ${parsed.error}`, fields: {} });
      priceInput.push({ currency: cur, unitAmount: parsed.minor });
    }
    const input = {
      code: form.code.trim(),
      name: form.name.trim(),
      description: form.description.trim(),
      prices: priceInput,
    };
    await attempt(async () => {
      await save(service ? { id: service.id, input } : { input });
      notifications.show({ color: 'green', message: service ? 'Service saved' : 'Service created' });
      onClose();
    });
  }
  const f = failure?.fields ?? {};
  const field = bindFields(form, setForm, f);
  return (
    <Modal opened onClose={onClose} title={service ? `Edit ${service.name}` : 'New service'}>
      <Stack>
        <FormError failure={failure} fields={['code', 'name']} />
        <Group grow>
          <TextInput label="Code" required {...field('code')} />
          <TextInput label="Name" required {...field('name')} />
        </Group>
        <Textarea label="Description" autosize minRows={2} {...field('description')} />
        <div>
          <Text size="sm" fw={500}>
            Unit prices
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Per hour for time. Removing a row here does not delete an existing price.
          </Text>
          <Stack gap="xs">
            {prices.rows.map((p) => (
              <Group key={p.key} wrap="nowrap" align="flex-start">
                <TextInput
                  w={90}
                  aria-label="Currency"
                  value={p.currency}
                  maxLength={3}
                  onChange={(e) => prices.update(p.key, { currency: e.currentTarget.value })}
                  error={f.currency}
                />
                <MoneyInput
                  style={{ flex: 1 }}
                  aria-label="Unit price"
                  currency={/^[A-Za-z]{3}$/.test(p.currency) ? p.currency : 'USD'}
                  value={p.amount}
                  onChange={(amount) => prices.update(p.key, { amount })}
                  error={f.unitAmount}
                />
                <RemoveRowButton label="Remove price" onClick={() => prices.remove(p.key)} mt={6} />
              </Group>
            ))}
            <AddRowButton onClick={() => prices.add({ currency: '', amount: '' })}>Add currency</AddRowButton>
          </Stack>
        </div>
        <ModalActions onCancel={onClose} onSubmit={() => void submit()} loading={saving}>
          {service ? 'Save' : 'Create service'}
        </ModalActions>
      </Stack>
    </Modal>
  );
}
