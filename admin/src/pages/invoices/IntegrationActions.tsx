import type { AdminInvoiceDetailFragment } from '../../gql/graphql';

export interface IntegrationAvailability { STRIPE: boolean; QUICKBOOKS: boolean }

/** Which send destinations are connected (filled in once the integrations' API lands). */
export function useIntegrationAvailability(): IntegrationAvailability {
  return { STRIPE: false, QUICKBOOKS: false };
}

export function IntegrationActions(_props: { invoice: AdminInvoiceDetailFragment; available: IntegrationAvailability }) {
  return null;
}
