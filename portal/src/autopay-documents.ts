import { graphql } from './gql';

/** Saved payment methods (kept at Stripe, shown masked) and the client's autopay switch. */
export const PaymentMethodsQuery = graphql(`
  query PortalPaymentMethods {
    savedPaymentMethods { id type brand last4 expMonth expYear bankName isDefault }
    autopay { clientId enabled chargedOn }
  }
`);

export const StartSavePaymentMethodMutation = graphql(`
  mutation StartSavePaymentMethod {
    startSavePaymentMethod { url expiresAt }
  }
`);

export const SetDefaultPaymentMethodMutation = graphql(`
  mutation SetDefaultPaymentMethod($id: String!) {
    setDefaultPaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }
  }
`);

export const RemovePaymentMethodMutation = graphql(`
  mutation RemovePaymentMethod($id: String!) {
    removePaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }
  }
`);

export const SetAutopayMutation = graphql(`
  mutation SetAutopay($enabled: Boolean!) {
    setAutopay(enabled: $enabled) { clientId enabled chargedOn }
  }
`);
