import { useState } from 'react';
import { Badge, Button, Card, Group, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminServiceFieldsFragment } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable, listOf } from '../../components/QueryState';
import { formatMoney } from '@settle/web-kit/money';
import { ServiceFormModal } from './ServiceFormModal';
import { notifyOnFailure, useEditor } from '../../lib/actions';
import { codeColumn } from '../../components/columns';
import { bindChecked } from '@settle/web-kit/fields';

export const ServiceFields = graphql(`
  fragment AdminServiceFields on Service { id code name description active prices { currency unitAmount } }
`);

const ServicesQuery = graphql(`
  query AdminServices($includeArchived: Boolean!) {
    services(includeArchived: $includeArchived, first: 500) {nodes{ ...AdminServiceFields }}
  }
`);

const SetActive = graphql(`
  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {
    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }
  }
`);

export default function CatalogPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const query = useQuery(ServicesQuery, { variables: { includeArchived } });
  const [setActive] = useMutation(SetActive);
  const editor = useEditor<AdminServiceFieldsFragment>(() => void query.refetch());

  async function toggle(s: AdminServiceFieldsFragment) {
    await notifyOnFailure(async () => {
      await setActive({ variables: { id: s.id, active: !s.active } });
      notifications.show({ message: `${s.name} ${s.active ? 'archived' : 'restored'}` });
      await query.refetch();
    });
  }

  const newService = <Button onClick={() => editor.edit('new')}>New service</Button>;
  return (
    <>
      <PageHeader title="Catalog" description="Services you bill for, priced per currency." actions={newService} />
      <Card withBorder>
        <Switch mb="md" label="Show archived" {...bindChecked(includeArchived, setIncludeArchived)} />
        <QueryTable
          {...listOf(query, (d) => d.services.nodes)}
          empty="No services yet. Add what you bill for."
          rowProps={(s) => ({ opacity: s.active ? 1 : 0.6 })}
          columns={[
            codeColumn('code', 'Code', 'code', { size: 'sm' }),
            {
              key: 'name',
              header: 'Name',
              render: (s) => (
                <>
                  <Group gap="xs">
                    <Text size="sm">{s.name}</Text>
                    {!s.active && (
                      <Badge color="gray" variant="light">
                        Archived
                      </Badge>
                    )}
                  </Group>
                  {s.description && (
                    <Text size="xs" c="dimmed">
                      {s.description}
                    </Text>
                  )}
                </>
              ),
            },
            {
              key: 'prices',
              header: 'Prices',
              render: (s) => (
                <Group gap={6}>
                  {s.prices.length === 0 && (
                    <Text size="sm" c="dimmed">
                      No prices
                    </Text>
                  )}
                  {s.prices.map((p) => (
                    <Badge key={p.currency} variant="outline" color="gray">
                      {formatMoney(p.unitAmount, p.currency)}
                    </Badge>
                  ))}
                </Group>
              ),
            },
            {
              key: 'actions',
              align: 'right',
              render: (s) => (
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" variant="default" onClick={() => editor.edit(s)}>
                    Edit
                  </Button>
                  <Button size="xs" variant="subtle" color={s.active ? 'red' : 'teal'} onClick={() => void toggle(s)}>
                    {s.active ? 'Archive' : 'Restore'}
                  </Button>
                </Group>
              ),
            },
          ]}
        />
      </Card>
      {editor.isOpen && <ServiceFormModal service={editor.record} onClose={editor.close} />}
    </>
  );
}
