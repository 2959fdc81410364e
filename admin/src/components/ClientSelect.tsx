import { MultiSelect, Select } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

export const ClientOptionsQuery = graphql(`
  query AdminClientOptions { clients { id name currency } }
`);

export function useClientOptions() {
  const { data, loading } = useQuery(ClientOptionsQuery);
  const clients = data?.clients ?? [];
  return { clients, loading, options: clients.map((c) => ({ value: c.id, label: `${c.name} (${c.currency})` })) };
}

export function ClientSelect(props: {
  value: string | null;
  onChange: (id: string | null) => void;
  label?: string;
  placeholder?: string;
  error?: string;
  clearable?: boolean;
  required?: boolean;
}) {
  const { options } = useClientOptions();
  return (
    <Select
      searchable
      data={options}
      label={props.label}
      placeholder={props.placeholder ?? 'All clients'}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      clearable={props.clearable ?? true}
      required={props.required}
    />
  );
}

export function ClientMultiSelect(props: {
  value: string[];
  onChange: (ids: string[]) => void;
  label?: string;
  error?: string;
}) {
  const { options } = useClientOptions();
  return (
    <MultiSelect
      searchable
      data={options}
      label={props.label}
      placeholder="All clients with billable time"
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      clearable
    />
  );
}
