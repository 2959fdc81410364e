import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Exceptions1795300006000 } from './migrations/0005-exceptions.migration.js';
import { PaymentException } from './payment-exception.entity.js';
import { nodeSource } from '../../graphql/node.js';
import { InvoicePaymentExceptionsResolver, PaymentExceptionResolver } from './payment-exception.resolver.js';

/** Money that arrived where it should not, for an admin to refund or dismiss. */
export const paymentExceptionsModule: SettleModule = {
  name: 'payment-exceptions',
  entities: [PaymentException],
  migrations: [Exceptions1795300006000],
  resolvers: [PaymentExceptionResolver, InvoicePaymentExceptionsResolver],
  nodes: [nodeSource(PaymentException)],
  access: {
    Query: {
      paymentExceptions: BILLING,
    },
    Mutation: {
      refundPaymentException: BILLING,
      dismissPaymentException: BILLING,
    },
    Invoice: { paymentExceptions: BILLING },
    PaymentException: { payment: BILLING },
  },
};
