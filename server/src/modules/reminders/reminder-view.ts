import type { DataSource } from 'typeorm';
import { Invoice } from '../invoices/invoice.entity.js';
import { todayUtc } from '../invoices/invoice-status.js';
import { pendingOffsets, plannedFor } from './reminder-schedule.js';
import { InvoiceReminderRecord } from './reminder.entities.js';
import type { ReminderPolicyService } from './reminder-policy.service.js';
import { remindable } from './reminder-sweep.js';
import type { InvoiceReminder } from './reminder.types.js';

/**
 * An invoice's reminders as staff read them: what was recorded (sent, skipped, failed) and, while the
 * invoice is open and its client's schedule is on, what is still planned. A paid, void, uncollectible or
 * disputed invoice has nothing planned: the sweep would not send it either.
 */
export async function invoiceReminders(
  db: DataSource,
  policies: ReminderPolicyService,
  orgId: string,
  invoiceId: string,
): Promise<InvoiceReminder[]> {
  const invoice = await db.getRepository(Invoice).findOneBy({ orgId, id: invoiceId });
  if (!invoice) return [];
  const rows = await db
    .getRepository(InvoiceReminderRecord)
    .find({ where: { orgId, invoiceId }, order: { offsetDays: 'ASC' } });
  const out: InvoiceReminder[] = rows.map((r) => ({
    offsetDays: r.offsetDays,
    plannedFor: r.plannedFor,
    status: r.status,
    sentAt: r.sentAt,
    reason: r.reason,
  }));
  if (!remindable(invoice)) return out;
  const policy = await policies.effective(orgId, invoice.clientId);
  if (!policy.enabled) return out;
  const pending = pendingOffsets({
    dueDate: invoice.dueDate,
    sentDay: todayUtc(invoice.finalizedAt!),
    offsets: policy.offsets,
    recorded: rows.map((r) => r.offsetDays),
  });
  for (const o of pending)
    out.push({
      offsetDays: o,
      plannedFor: plannedFor(invoice.dueDate, o),
      status: 'PLANNED',
      sentAt: null,
      reason: null,
    });
  return out;
}
