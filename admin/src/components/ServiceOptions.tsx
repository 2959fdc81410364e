import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const ServiceOptionsQuery = graphql(`
  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }
`);

export function useServiceOptions() {
  const { data, loading } = useQuery(ServiceOptionsQuery);
  const services = data?.services.nodes ?? [];
  return {
    services,
    loading,
    options: services.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
  };
}
