import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { portalOpenTo } from '../clients/client-portal.js';
import { invoiceMailFacts, reminderEmail } from '../email/email-templates.js';
import type { Email } from '../email/email.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { orgTimeZone, orgTodaySql } from '../organizations/org-today.js';
import { todayIn } from '../../platform/time-zone.js';
import { Organization } from '../organizations/organization.entity.js';
import { daysUntil, dueReminders, dueWording, plannedFor } from './reminder-schedule.js';
import { InvoiceReminderRecord } from './reminder.entities.js';
import type { ReminderPolicyService } from './reminder-policy.service.js';

export interface SweepResult {
  invoices: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Invoices whose due reminder waits for a payment under way (asked again by the next sweep). */
  postponed: number;
  errors: number;
}

export const NO_BILLING_EMAIL = 'The client has no billing email address';

/** Open, unpaid and undisputed: the only invoices that get reminders (checked again under the row lock). */
export const remindable = (i: Invoice): boolean =>
  (i.status === InvoiceStatus.SENT || i.status === InvoiceStatus.PARTIALLY_PAID) &&
  i.balanceDue > 0 &&
  !i.disputed &&
  i.finalizedAt !== null;

/** Why the invoice is owed no reminder (paid, void, disputed…), or null when it is remindable. */
export function notRemindable(i: Invoice): string | null {
  if (remindable(i)) return null;
  const n = `Invoice ${i.number}`;
  if (i.status === InvoiceStatus.PAID) return `${n} is paid`;
  if (i.status === InvoiceStatus.VOID) return `${n} was voided`;
  if (i.status === InvoiceStatus.UNCOLLECTIBLE) return `${n} was marked uncollectible`;
  if (i.status === InvoiceStatus.DRAFT) return `${n} is a draft`;
  if (i.disputed) return `${n} is disputed`;
  return `${n} has no balance left to pay`;
}

/** What a reminder postponed for a payment under way says (the invoice's reminders show it). */
export const POSTPONED = (why: string) =>
  `Postponed: ${why}. Sent if that payment fails; not sent if it pays the invoice`;

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
    const result: SweepResult = { invoices: 0, sent: 0, skipped: 0, failed: 0, postponed: 0, errors: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.candidates(now, after, batchSize);
      for (const { id, org_id, time_zone } of batch) {
        try {
          const r = await this.remindInvoice(org_id, id, now, time_zone);
          result.invoices += r.sent + r.failed > 0 ? 1 : 0;
          result.sent += r.sent;
          result.skipped += r.skipped;
          result.failed += r.failed;
          result.postponed += r.postponed;
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
   * Open invoices of orgs with reminders on whose latest due offset (on today at `now`, after the day they
   * were sent, both on the org's wall) has no reminder recorded at or after it. The schedule itself is
   * decided again in TypeScript.
   */
  private candidates(
    now: Date,
    after: string,
    limit: number,
  ): Promise<Array<{ id: string; org_id: string; time_zone: string }>> {
    return this.c.db.query(
      `SELECT c.id, c.org_id, c.time_zone FROM (
         SELECT i.id, i.org_id, org.time_zone,
                (SELECT max(o) FROM unnest(coalesce(cp.offsets, op.offsets)) AS o
                  WHERE i.due_date + o <= ${orgTodaySql('$1', 'org.time_zone')}
                    AND i.due_date + o > (i.finalized_at AT TIME ZONE org.time_zone)::date) AS latest
           FROM invoices i
           JOIN organizations org ON org.id = i.org_id
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
      [now.toISOString(), after, limit],
    );
  }

  /**
   * One invoice, under its row lock: re-checks it is still open, then records (and emails) what is due.
   * While a payment of it is under way (an autopay bank debit processing, a Stripe payment being
   * confirmed: what also refuses Checkout), nothing is recorded: the reminder is postponed, and the
   * next sweep asks again. If the payment fails, the latest reminder due by then is sent (earlier ones
   * recorded as skipped, as after a missed sweep); if it pays the invoice, none is.
   */
  async remindInvoice(orgId: string, invoiceId: string, now: Date, timeZone?: string) {
    return this.c.db.transaction(async (tx) => {
      const none = { sent: 0, skipped: 0, failed: 0, postponed: 0 };
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
      // The sweep passes the zone it read with the candidates; a caller of one invoice has it read here.
      const zone = timeZone ?? (await orgTimeZone(tx, orgId));
      const today = todayIn(zone, now);
      const plan = dueReminders(
        { dueDate: invoice.dueDate, sentDay: todayIn(zone, invoice.finalizedAt!), offsets: policy.offsets, recorded },
        today,
      );
      if (plan.send === null) return none;
      const held = await this.c.paymentProviders.paymentUnderWay(tx, orgId, invoiceId);
      if (held) {
        logger.debug({ orgId, invoiceId, offsetDays: plan.send, why: held }, 'payment reminder postponed');
        return { ...none, postponed: 1 };
      }
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
      return { sent: to ? 1 : 0, skipped: skipped.length, failed: to ? 0 : 1, postponed: 0 };
    });
  }

  /**
   * The reminder email as it is about to leave (email delivery, which holds the email's row lock): under
   * the invoice's lock, is the invoice still owed? If not, why (the email is cancelled with it), and the
   * reminder's record says so: skipped with that reason, or, when a payment is under way, removed, so the
   * reminder is due again and postponed like one the sweep found held (sent if the payment fails).
   */
  async whyNotSend(tx: EntityManager, mail: Email): Promise<string | null> {
    if (!mail.relatedId) return null;
    const invoice = await tx.findOne(Invoice, {
      where: { orgId: mail.orgId, id: mail.relatedId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice) return 'The invoice no longer exists';
    const gone = notRemindable(invoice);
    const held = gone ? null : await this.c.paymentProviders.paymentUnderWay(tx, mail.orgId, invoice.id);
    if (held) await tx.delete(InvoiceReminderRecord, { orgId: mail.orgId, invoiceId: invoice.id, emailId: mail.id });
    else if (gone)
      await tx.update(
        InvoiceReminderRecord,
        { orgId: mail.orgId, invoiceId: invoice.id, emailId: mail.id },
        { status: 'SKIPPED', sentAt: null, reason: `Not sent: ${gone} (since the reminder was queued)` },
      );
    return gone ?? held;
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
      viewUrl: portalOpenTo(client) ? this.c.invoices.portalUrl(invoice.id) : null,
      payUrl,
    });
    return this.c.email.queue(tx, invoice.orgId, { kind: 'invoice-reminder', to, relatedId: invoice.id, ...mail });
  }
}
