import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { invoiceMailFacts, reminderEmail } from '../email/email-templates.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus, todayUtc } from '../invoices/invoice-status.js';
import { Organization } from '../organizations/organization.entity.js';
import { daysUntil, dueReminders, dueWording, plannedFor } from './reminder-schedule.js';
import { InvoiceReminderRecord } from './reminder.entities.js';
import type { ReminderPolicyService } from './reminder-policy.service.js';

export interface SweepResult {
  invoices: number;
  sent: number;
  skipped: number;
  failed: number;
  errors: number;
}

export const NO_BILLING_EMAIL = 'The client has no billing email address';

/** Open, unpaid and undisputed: the only invoices that get reminders (checked again under the row lock). */
export const remindable = (i: Invoice): boolean =>
  (i.status === InvoiceStatus.SENT || i.status === InvoiceStatus.PARTIALLY_PAID) &&
  i.balanceDue > 0 &&
  !i.disputed &&
  i.finalizedAt !== null;

/**
 * Sends the payment reminders that are due. The sweep reads candidates in id-ordered batches (indexed:
 * open invoices only), then handles each invoice in its own transaction under the invoice's row lock,
 * so a payment, void or dispute committed first stops the reminder, and a second sweep running at the
 * same time waits, sees the recorded reminder and sends nothing.
 */
export class ReminderSweep {
  constructor(
    private readonly c: Container,
    private readonly policies: ReminderPolicyService,
  ) {}

  async runDueReminders(now: Date, batchSize = 500): Promise<SweepResult> {
    const today = todayUtc(now);
    const result: SweepResult = { invoices: 0, sent: 0, skipped: 0, failed: 0, errors: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.candidates(today, after, batchSize);
      for (const { id, org_id } of batch) {
        try {
          const r = await this.remindInvoice(org_id, id, now);
          result.invoices += r.sent + r.failed > 0 ? 1 : 0;
          result.sent += r.sent;
          result.skipped += r.skipped;
          result.failed += r.failed;
        } catch (err) {
          // One invoice's trouble (its pay link provider down, say) must not hold back the others; the
          // next sweep tries it again, since nothing was recorded.
          result.errors++;
          logger.error({ err, orgId: org_id, invoiceId: id }, 'payment reminder failed');
        }
      }
      if (batch.length < batchSize) return result;
      after = batch[batch.length - 1]!.id;
    }
  }

  /**
   * Open invoices of orgs with reminders on whose latest due offset (on `today`, after the day they were
   * sent) has no reminder recorded at or after it. The schedule itself is decided again in TypeScript.
   */
  private candidates(today: string, after: string, limit: number): Promise<Array<{ id: string; org_id: string }>> {
    return this.c.db.query(
      `SELECT c.id, c.org_id FROM (
         SELECT i.id, i.org_id,
                (SELECT max(o) FROM unnest(coalesce(cp.offsets, op.offsets)) AS o
                  WHERE i.due_date + o <= $1::date
                    AND i.due_date + o > (i.finalized_at AT TIME ZONE 'UTC')::date) AS latest
           FROM invoices i
           LEFT JOIN reminder_policies cp ON cp.org_id = i.org_id AND cp.client_id = i.client_id
           LEFT JOIN reminder_policies op ON op.org_id = i.org_id AND op.client_id IS NULL
          WHERE i.status IN ('SENT','PARTIALLY_PAID') AND i.balance_due > 0 AND NOT i.disputed
            AND i.id > $2::uuid
            AND i.org_id IN (SELECT org_id FROM reminder_policies WHERE enabled)
            AND coalesce(cp.enabled, op.enabled, false)
       ) c
       WHERE c.latest IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM invoice_reminders r WHERE r.invoice_id = c.id AND r.offset_days >= c.latest)
       ORDER BY c.id
       LIMIT $3`,
      [today, after, limit],
    );
  }

  /** One invoice, under its row lock: re-checks it is still open, then records (and emails) what is due. */
  async remindInvoice(orgId: string, invoiceId: string, now: Date) {
    return this.c.db.transaction(async (tx) => {
      const none = { sent: 0, skipped: 0, failed: 0 };
      const invoice = await tx.findOne(Invoice, {
        where: { orgId, id: invoiceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invoice || !remindable(invoice)) return none;
      const policy = await this.policies.effective(orgId, invoice.clientId, tx);
      if (!policy.enabled) return none;
      const recorded = (
        (await tx.query(`SELECT offset_days FROM invoice_reminders WHERE invoice_id = $1`, [invoiceId])) as Array<{
          offset_days: number;
        }>
      ).map((r) => r.offset_days);
      const today = todayUtc(now);
      const plan = dueReminders(
        { dueDate: invoice.dueDate, sentDay: todayUtc(invoice.finalizedAt!), offsets: policy.offsets, recorded },
        today,
      );
      if (plan.send === null) return none;
      const row = (offsetDays: number, rest: Partial<InvoiceReminderRecord>) => ({
        orgId,
        invoiceId,
        offsetDays,
        plannedFor: plannedFor(invoice.dueDate, offsetDays),
        recordedAt: now,
        sentAt: null,
        emailId: null,
        reason: null,
        ...rest,
      });
      const skipped = plan.skip.map((o) =>
        row(o, { status: 'SKIPPED', reason: `A later reminder (day ${plan.send}) was due at the same time` }),
      );
      const client = await tx.findOneByOrFail(Client, { orgId, id: invoice.clientId });
      const to = client.billingEmail?.trim();
      const last = to
        ? row(plan.send, {
            status: 'SENT',
            sentAt: now,
            emailId: await this.queueEmail(tx, invoice, client, to, today),
          })
        : row(plan.send, { status: 'FAILED', reason: NO_BILLING_EMAIL });
      await tx.insert(InvoiceReminderRecord, [...skipped, last] as InvoiceReminderRecord[]);
      return { sent: to ? 1 : 0, skipped: skipped.length, failed: to ? 0 : 1 };
    });
  }

  private async queueEmail(tx: EntityManager, invoice: Invoice, client: Client, to: string, today: string) {
    const org = await tx.findOneByOrFail(Organization, { id: invoice.orgId });
    const payLinksOn = client.emailPayLink ?? org.emailPayLink;
    const payUrl = payLinksOn ? await this.c.paymentProviders.payUrl(tx, invoice.orgId, invoice) : null;
    const mail = reminderEmail({
      ...invoiceMailFacts(org, client, invoice),
      dueDate: invoice.dueDate,
      dueWording: dueWording(invoice.dueDate, today),
      overdue: daysUntil(invoice.dueDate, today) < 0,
      viewUrl: this.c.invoices.portalUrl(invoice.id),
      payUrl,
    });
    return this.c.email.queue(tx, invoice.orgId, { kind: 'invoice-reminder', to, relatedId: invoice.id, ...mail });
  }
}
