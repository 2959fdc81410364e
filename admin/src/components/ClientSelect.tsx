import { MultiSelect, Select } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

/** Every client's name and currency: the active ones to pick from, or archived ones too to name a client by id. */
export const ClientOptionsQuery = graphql(`
  query AdminClientOptions($includeArchived: Boolean! = false) {
    clients(includeArchived: $includeArchived, first: 500) {nodes{ id name currency }}
  }
`);

export function useClientOptions({ includeArchived = false }: { includeArchived?: boolean } = {}) {
  const { data, loading } = useQuery(ClientOptionsQuery, { variables: { includeArchived } });
  const clients = data?.clients.nodes ?? [];
  return { clients, loading, options: clients.map((c) => ({ value: c.id, label: `${c.name} (${c.currency})` })) };
}

/** What both pickers share: searchable over the clients, with the caller's label, value and error. */
function useClientPicker<V>(props: { label?: string; error?: string; value: V; onChange: (value: V) => void }) {
  const { options } = useClientOptions();
  return { searchable: true, data: options, ...props };
}

export function ClientSelect({
  placeholder = 'All clients',
  clearable = true,
  required,
  ...props
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
  placeholder?: string;
  error?: string;
  clearable?: boolean;
  required?: boolean;
}) {
  return <Select {...useClientPicker(props)} placeholder={placeholder} clearable={clearable} required={required} />;
}

export function ClientMultiSelect(props: {
  value: string[];
  onChange: (ids: string[]) => void;
  label?: string;
  error?: string;
}) {
  return <MultiSelect {...useClientPicker(props)} placeholder="All clients with billable time" clearable />;
}
