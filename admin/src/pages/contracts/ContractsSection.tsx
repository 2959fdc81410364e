import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminClientFieldsFragment, AdminContractFragment } from '../../gql/graphql';
import { ListState } from '../../components/QueryState';
import { TitledCard } from '../../components/TitledCard';
import { actionColumn } from '../../components/columns';
import { useServiceOptions } from '../../components/ServiceOptions';
import { useOrgToday } from '../../lib/org-today';
import { ContractsQuery } from './contract-documents';
import { PRICE_SOURCE_OPTIONS, cycleInWords } from './contract-words';
import { NewContractModal } from './NewContractModal';
import { AddLineModal, ChangeQuantityModal, EditContractModal } from './ContractActionModals';

type Contract = AdminContractFragment;
type Line = Contract['lines'][number];
type Open =
  | { kind: 'new' }
  | { kind: 'edit'; contract: Contract }
  | { kind: 'line'; contract: Contract }
  | { kind: 'quantity'; line: Line; title: string }
  | null;

/** A client's contracts, their recurring lines, and the forms that change them. `onChanged`: after any change. */
export function ContractsSection({ client, onChanged }: { client: AdminClientFieldsFragment; onChanged: () => void }) {
  const query = useQuery(ContractsQuery, { variables: { clientId: client.id } });
  const [open, setOpen] = useState<Open>(null);
  const { services } = useServiceOptions();
  const close = (changed: boolean) => {
    setOpen(null);
    if (changed) {
      void query.refetch();
      onChanged();
    }
  };
  const serviceName = (id: string) => services.find((s) => s.id === id)?.name ?? 'Service';
  const lineTitle = (l: Line) => l.description || serviceName(l.serviceId);

  /** "3 × $50.00 fixed", "1 × client's rate ($120.00)": what a line charges each period. */
  function priceWords(l: Line) {
    const money = (n: number) => formatMoney(n, client.currency);
    if (l.priceSource === 'FIXED' && l.unitPrice != null) return `${l.quantity} × ${money(l.unitPrice)} fixed`;
    const rate = client.rates.find((r) => r.serviceId === l.serviceId)?.unitAmount;
    const catalog = services.find((s) => s.id === l.serviceId)?.prices.find((p) => p.currency === client.currency);
    const current = l.priceSource === 'NEGOTIATED' ? (rate ?? catalog?.unitAmount) : catalog?.unitAmount;
    const source = PRICE_SOURCE_OPTIONS.find((o) => o.value === l.priceSource)?.label.toLowerCase() ?? l.priceSource;
    return `${l.quantity} × ${source}${current != null ? ` (now ${money(current)})` : ' (no price yet)'}`;
  }

  const today = useOrgToday().today ?? '';
  const archived = Boolean(client.archivedAt);
  return (
    <TitledCard
      title="Contracts"
      order={2}
      size="h4"
      action={
        // An archived client is out of billing: the API refuses it new contracts and lines (restore it first).
        !archived && (
          <Button size="xs" onClick={() => setOpen({ kind: 'new' })}>
            New contract
          </Button>
        )
      }
    >
      <ListState
        query={query}
        data={query.data?.contracts}
        empty="No contracts yet. A contract bills recurring lines (seats, devices, flat fees) every cycle."
      >
        {(contracts) => (
          <Stack>
            {contracts.map((c) => (
              <Card key={c.id} withBorder padding="sm" data-testid="contract">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <div>
                    <Group gap="xs">
                      <Title order={3} size="h5">
                        {c.name}
                      </Title>
                      {c.endDate && c.endDate < today && (
                        <Badge color="gray" variant="light">
                          Ended
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm">{cycleInWords(c)}</Text>
                    <Text size="sm" c="dimmed">
                      {formatDate(c.startDate)} – {c.endDate ? formatDate(c.endDate) : 'open-ended'}
                    </Text>
                  </div>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setOpen({ kind: 'edit', contract: c })}>
                      Edit
                    </Button>
                    {!archived && (
                      <Button size="xs" variant="default" onClick={() => setOpen({ kind: 'line', contract: c })}>
                        Add line
                      </Button>
                    )}
                  </Group>
                </Group>
                <DataTable
                  mt="xs"
                  rows={c.lines}
                  rowKey={(l) => l.id}
                  rowProps={() => ({ 'data-testid': 'contract-line' })}
                  columns={[
                    { key: 'line', header: 'Line', render: (l) => lineTitle(l) },
                    {
                      key: 'charge',
                      header: 'Each period',
                      render: (l) => (
                        <>
                          <Text size="sm">{priceWords(l)}</Text>
                          {l.quantityChanges
                            .filter((q) => q.effectiveDate >= today)
                            .map((q) => (
                              <Text key={q.id} size="xs" c="dimmed">
                                {q.oldQuantity} → {q.newQuantity} from {formatDate(q.effectiveDate)}
                              </Text>
                            ))}
                          {l.endDate && (
                            <Text size="xs" c="dimmed">
                              Charged through {formatDate(l.endDate)}
                            </Text>
                          )}
                        </>
                      ),
                    },
                    actionColumn('actions', (l: Line) => (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setOpen({ kind: 'quantity', line: l, title: lineTitle(l) })}
                        aria-label={`Change quantity of ${lineTitle(l)}`}
                      >
                        Change quantity
                      </Button>
                    )),
                  ]}
                />
              </Card>
            ))}
          </Stack>
        )}
      </ListState>
      {open?.kind === 'new' && <NewContractModal clientId={client.id} currency={client.currency} onClose={close} />}
      {open?.kind === 'edit' && <EditContractModal contract={open.contract} onClose={close} />}
      {open?.kind === 'line' && <AddLineModal contract={open.contract} currency={client.currency} onClose={close} />}
      {open?.kind === 'quantity' && <ChangeQuantityModal line={open.line} title={open.title} onClose={close} />}
    </TitledCard>
  );
}
