import { Badge, CloseButton, Group, Select, TextInput } from '@mantine/core';
import type { ActorType } from '../../gql/graphql';

/** What the log is narrowed to; empty strings and nulls mean "any". */
export interface ActivityFilterState {
  actorType: ActorType | null;
  actor: { id: string; label: string } | null;
  entityType: string | null;
  action: string;
  from: string;
  to: string;
}

export const NO_FILTER: ActivityFilterState = {
  actorType: null,
  actor: null,
  entityType: null,
  action: '',
  from: '',
  to: '',
};

/** Each kind of actor as the filter names it. */
const ACTOR_TYPES: Record<ActorType, string> = {
  USER: 'People',
  TOKEN: 'API tokens',
  PORTAL_USER: 'Portal users',
  PROVIDER: 'Stripe and QuickBooks',
  SYSTEM: 'Settle itself',
};

// The kinds of object Settle audits (audit.record's entity types), named as people would.
const OBJECT_TYPES: Record<string, string> = {
  Invoice: 'Invoices',
  Client: 'Clients',
  TimeEntry: 'Time entries',
  Service: 'Catalog items',
  Ticket: 'Tickets',
  PortalUser: 'Portal users',
  ApiToken: 'API tokens',
  StripeConnection: 'Stripe connection',
  PaymentSettings: 'Payment settings',
  Organization: 'Organization',
};

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The filter controls above the log: actor kind (and one actor, picked from a row), object type, action, dates. */
export function ActivityFilters({
  value,
  onChange,
}: {
  value: ActivityFilterState;
  onChange: (next: ActivityFilterState) => void;
}) {
  const set = (patch: Partial<ActivityFilterState>) => onChange({ ...value, ...patch });
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
      <Select
        label="Actor"
        placeholder="Anyone"
        data={options(ACTOR_TYPES)}
        value={value.actorType}
        onChange={(v) => set({ actorType: v as ActorType | null })}
        clearable
        w={190}
      />
      <Select
        label="Object"
        placeholder="Any object"
        data={options(OBJECT_TYPES)}
        value={value.entityType}
        onChange={(v) => set({ entityType: v })}
        clearable
        w={190}
      />
      <TextInput
        label="Action"
        placeholder="e.g. invoice.sent"
        value={value.action}
        onChange={(e) => set({ action: e.currentTarget.value })}
        w={190}
      />
      <TextInput label="From" type="date" value={value.from} onChange={(e) => set({ from: e.currentTarget.value })} />
      <TextInput label="To" type="date" value={value.to} onChange={(e) => set({ to: e.currentTarget.value })} />
      {value.actor && (
        <Badge
          size="lg"
          variant="light"
          rightSection={<CloseButton size="xs" aria-label="Show every actor" onClick={() => set({ actor: null })} />}
        >
          {value.actor.label}
        </Badge>
      )}
    </Group>
  );
}
