import { In, type EntityManager } from 'typeorm';
import { Client } from '../clients/client.entity.js';
import { portalOpenTo } from '../clients/client-portal.js';
import type { EmailService } from '../email/email.service.js';
import { invoiceMailFacts, paymentConfirmationEmail } from '../email/email-templates.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Payment } from './payment.entity.js';

/**
 * "Thank you for your payment" emails for orgs that send them, queued in the payment's transaction:
 * organizations and clients read once per batch.
 */
export async function queuePaymentConfirmations(
  tx: EntityManager,
  email: EmailService,
  publicUrl: string,
  paid: Array<{ invoice: Invoice; payment: Payment }>,
): Promise<void> {
  if (!paid.length) return;
  const orgs = await tx.findBy(Organization, {
    id: In([...new Set(paid.map((p) => p.invoice.orgId))]),
    emailPaymentConfirmation: true,
  });
  const sending = paid.filter((p) => orgs.some((o) => o.id === p.invoice.orgId));
  if (!sending.length) return;
  const orgOf = new Map(orgs.map((o) => [o.id, o]));
  const clients = new Map(
    (await tx.findBy(Client, { id: In([...new Set(sending.map((p) => p.invoice.clientId))]) })).map((c) => [c.id, c]),
  );
  await email.queueMany(
    tx,
    sending.map(({ invoice, payment }) => {
      const org = orgOf.get(invoice.orgId)!;
      const client = clients.get(invoice.clientId)!;
      const mail = paymentConfirmationEmail({
        ...invoiceMailFacts(org, client, invoice),
        amount: payment.amount,
        viewUrl: portalOpenTo(client) ? `${publicUrl}/portal/invoices/${invoice.id}` : null,
      });
      return {
        orgId: invoice.orgId,
        mail: { kind: 'payment_confirmation', to: client.billingEmail, relatedId: invoice.id, ...mail },
      };
    }),
  );
}
