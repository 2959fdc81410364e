import { In } from 'typeorm';
import type { Container } from '../../app/container.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { orgTimeZone } from '../organizations/org-today.js';
import { todayIn } from '../../platform/time-zone.js';
import { pendingOffsets, plannedFor } from './reminder-schedule.js';
import { loadClientOverrides, type ClientOverrides } from '../../platform/database/client-overrides.js';
import { InvoiceReminderRecord, ReminderPolicy } from './reminder.entities.js';
import { effectiveOf } from './reminder-policy.service.js';
import { POSTPONED, remindable } from './reminder-sweep.js';
import type { InvoiceReminder } from './reminder.types.js';

/**
 * Invoices' reminders as staff read them, for many invoices in three queries (a list asking for them
 * costs no more than one invoice): what was recorded (sent, skipped, failed) and, while an invoice is
 * open and its client's schedule is on, what is still planned. A paid, void, uncollectible or disputed
 * invoice has nothing planned: the sweep would not send it either. Invoices of another org get none. A
 * planned reminder due already while a payment of the invoice is under way says it is postponed, and
 * why (the providers are asked only for such invoices, few at any time).
 */
export async function remindersOfInvoices(
  c: Pick<Container, 'db' | 'clock' | 'paymentProviders'>,
  orgId: string,
  invoiceIds: readonly string[],
): Promise<InvoiceReminder[][]> {
  const db = c.db;
  // Days are the org's: planned dates, due today and the day an invoice was sent are on its wall.
  const zone = await orgTimeZone(db, orgId);
  const today = todayIn(zone, c.clock.now());
  const ids = [...invoiceIds];
  const invoices = new Map((await db.getRepository(Invoice).findBy({ orgId, id: In(ids) })).map((i) => [i.id, i]));
  const records = await db
    .getRepository(InvoiceReminderRecord)
    .find({ where: { orgId, invoiceId: In(ids) }, order: { offsetDays: 'ASC' } });
  const clientIds = [...new Set([...invoices.values()].map((i) => i.clientId))];
  const policies = await loadClientOverrides(db.manager, ReminderPolicy, orgId, clientIds);
  const views = ids.map((id) => {
    const invoice = invoices.get(id);
    return invoice
      ? viewOf(
          invoice,
          records.filter((r) => r.invoiceId === id),
          policies,
          zone,
        )
      : [];
  });
  for (const [n, view] of views.entries()) {
    const due = view.filter((r) => r.status === 'PLANNED' && r.plannedFor <= today);
    if (!due.length) continue;
    const held = await c.paymentProviders.paymentUnderWay(db.manager, orgId, ids[n]!);
    if (held) for (const r of due) r.reason = POSTPONED(held);
  }
  return views;
}

function viewOf(
  invoice: Invoice,
  rows: InvoiceReminderRecord[],
  policies: ClientOverrides<ReminderPolicy>,
  zone: string,
): InvoiceReminder[] {
  const out: InvoiceReminder[] = rows.map((r) => ({
    offsetDays: r.offsetDays,
    plannedFor: r.plannedFor,
    status: r.status,
    sentAt: r.sentAt,
    reason: r.reason,
  }));
  const policy = effectiveOf(invoice.clientId, policies);
  if (!remindable(invoice) || !policy.enabled) return out;
  const pending = pendingOffsets({
    dueDate: invoice.dueDate,
    sentDay: todayIn(zone, invoice.finalizedAt!),
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
