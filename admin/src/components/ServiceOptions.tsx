import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';

const ServiceOptionsQuery = graphql(`
  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }
`);

/** Services without their prices: what technicians may read (prices are billing staff's, FORBIDDEN to them). */
const ServicePickerQuery = graphql(`
  query AdminServicePicker { services(includeArchived: true, first: 500) {nodes{ id code name active }} }
`);

/** The catalog with prices, for billing screens (invoice lines, client rates, contracts). */
export function useServiceOptions() {
  const { data, loading } = useQuery(ServiceOptionsQuery);
  const services = data?.services.nodes ?? [];
  return {
    services,
    loading,
    options: services.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
  };
}

/** The active services to choose from, without prices: for screens technicians open (logging time). */
export function useServicePicker() {
  const { data, loading } = useQuery(ServicePickerQuery);
  const services = data?.services.nodes ?? [];
  return {
    loading,
    options: services.filter((s) => s.active).map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` })),
  };
}
