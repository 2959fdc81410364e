import { BILLING, BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { CreditMemo, Payment } from './payment.entity.js';
import { PaymentResolver } from './payment.resolver.js';

/** Payments and credit memos, applied to invoices by settlement. */
export const paymentsModule: SettleModule = {
  name: 'payments',
  entities: [Payment, CreditMemo],
  resolvers: [PaymentResolver],
  access: {
    Query: {
      payments: BILLING_OR_PORTAL,
    },
    Mutation: {
      recordPayment: BILLING,
      refundPayment: BILLING,
      issueCreditMemo: BILLING,
    },
  },
};
