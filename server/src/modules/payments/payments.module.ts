import { BILLING, BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { CreditMemo, Payment } from './payment.entity.js';
import { PaymentResolver } from './payment.resolver.js';
import { PaymentVoidResolver } from './payment-void.resolver.js';
import { PaymentLinksResolver } from './payment-links.resolver.js';
import { PaymentReferenceResolver } from './payment-reference.resolver.js';
import { CreditMemoDateResolver } from './credit-memo-date.resolver.js';
import { InvoiceMoneyBackResolver, PaymentRefundableResolver } from './invoice-money-back.resolver.js';
import { nodeSource } from '../../graphql/node.js';
import { invoiceIssuedToClient } from '../invoices/invoice-query.js';
import { PaymentCardReceipt1795300019000 } from './migrations/0017-payment-card-receipt.migration.js';
import { CreditMemoWhatItCredits1795300036000 } from './migrations/0033-credit-memo-what-it-credits.migration.js';
import { MoneyKeptForClient1795300037000 } from './migrations/0034-money-kept-for-client.migration.js';
import { RefundNamesItsPayment1795300040000 } from './migrations/0037-refund-names-its-payment.migration.js';
import { PaymentsReceivedOrder1795300085000 } from './migrations/0052-payments-received-order.migration.js';

/** Payments and credit memos, applied to invoices by settlement. */
export const paymentsModule: SettleModule = {
  name: 'payments',
  entities: [Payment, CreditMemo],
  resolvers: [
    PaymentResolver,
    PaymentVoidResolver,
    PaymentLinksResolver,
    PaymentReferenceResolver,
    InvoiceMoneyBackResolver,
    PaymentRefundableResolver,
    CreditMemoDateResolver,
  ],
  nodes: [
    // A portal user's own payments, on invoices issued to them (as the `payments` list shows them).
    nodeSource(
      Payment,
      async (payment, clientId, db) =>
        payment.clientId === clientId && (await invoiceIssuedToClient(db, payment.orgId, payment.invoiceId)),
    ),
    nodeSource(CreditMemo),
  ],
  migrations: [
    PaymentCardReceipt1795300019000,
    CreditMemoWhatItCredits1795300036000,
    MoneyKeptForClient1795300037000,
    RefundNamesItsPayment1795300040000,
    PaymentsReceivedOrder1795300085000,
  ],
  access: {
    Query: {
      payments: BILLING_OR_PORTAL,
    },
    Mutation: {
      recordPayment: BILLING,
      refundPayment: BILLING,
      voidPayment: BILLING,
      issueCreditMemo: BILLING,
    },
    // What may still be refunded or credited is for the staff who do it, not for the client's portal.
    Invoice: { heldAmount: BILLING, creditableAmount: BILLING },
    Payment: { refundableAmount: BILLING, voidable: BILLING },
  },
};
