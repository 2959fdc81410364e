import type { Container } from './container.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import type { Client } from '../modules/clients/client.entity.js';
import type { Service } from '../modules/catalog/service.entity.js';
import { InvoiceLineKind } from '../modules/invoices/invoice-line.entity.js';
import { addDays } from '../modules/invoices/invoice-math.js';
import { todayUtc } from '../modules/invoices/invoice-status.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';

interface PastInvoice {
  client: Client;
  issuedDaysAgo: number;
  hours: string;
  unitPrice: number;
  /** Paid by hand some days after issue: [daysAfterIssue, share of the total in percent, method]. */
  payments?: Array<[number, number, PaymentMethod]>;
}

/**
 * Months of history for the demo org, so the dashboard's aging buckets, the overdue list and the
 * portal's payments have something to show: paid, partly paid and overdue invoices in three currencies.
 */
export async function seedDemoHistory(
  c: Container,
  orgId: string,
  clients: { northwind: Client; sakura: Client; gulf: Client },
  service: Service,
): Promise<void> {
  const { northwind, sakura, gulf } = clients;
  const history: PastInvoice[] = [
    { client: northwind, issuedDaysAgo: 120, hours: '12', unitPrice: 11000, payments: [[20, 100, PaymentMethod.ACH]] },
    { client: northwind, issuedDaysAgo: 95, hours: '9.5', unitPrice: 11000 },
    {
      client: northwind,
      issuedDaysAgo: 48,
      hours: '6.25',
      unitPrice: 11000,
      payments: [[10, 40, PaymentMethod.CHECK]],
    },
    { client: sakura, issuedDaysAgo: 80, hours: '14', unitPrice: 18000 },
    { client: sakura, issuedDaysAgo: 60, hours: '8', unitPrice: 18000, payments: [[30, 100, PaymentMethod.WIRE]] },
    { client: gulf, issuedDaysAgo: 150, hours: '20', unitPrice: 38500 },
  ];
  const today = todayUtc();
  for (const h of history) {
    const issueDate = addDays(today, -h.issuedDaysAgo);
    const draft = await c.invoices.createDraft(orgId, SYSTEM_ACTOR, {
      clientId: h.client.id,
      issueDate,
      dueDate: addDays(issueDate, h.client.daysUntilDue ?? 30),
      lines: [
        {
          kind: InvoiceLineKind.ITEM,
          description: service.name,
          serviceId: service.id,
          quantity: h.hours,
          unitPrice: h.unitPrice,
          discount: 0,
          taxRateBps: h.client.taxRateBps ?? 0,
        },
      ],
    });
    const sent = await c.invoices.send(orgId, SYSTEM_ACTOR, draft.id, { email: false });
    for (const [after, percent, method] of h.payments ?? []) {
      const amount = Math.round((sent.total * percent) / 100);
      await c.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId: sent.id,
        amount,
        source: PaymentSource.MANUAL,
        method,
        reference: `${method}-${sent.number}`,
        receivedOn: addDays(issueDate, after),
      });
    }
  }
}
