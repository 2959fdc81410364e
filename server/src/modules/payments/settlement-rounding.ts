import type { Actor } from '../../platform/actor.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { invoiceKey } from '../invoices/invoice-state.js';
import type { Payment } from './payment.entity.js';
import type { CreditMemoInput, SettleItem } from './settlement.types.js';

type IssueMemo = (orgId: string, actor: Actor, input: CreditMemoInput) => Promise<{ invoice: Invoice }>;

/**
 * A payment of the full balance rounded down to a provider's step (Stripe's three-decimal currencies)
 * leaves 1 to 9 minor units nobody can pay online: a credit memo saying why closes them, in the batch's
 * transaction under the lock it holds, so the invoice is PAID. A replay is never in `recorded`, so it
 * credits nothing again. Each recorded snapshot (the caller's answer, the confirmation email) is updated.
 */
export async function closeRemainders(
  recorded: Array<{ item: SettleItem; invoice: Invoice; payment: Payment }>,
  invoices: Map<string, Invoice>,
  issue: IssueMemo,
): Promise<void> {
  const done = new Set<string>();
  for (const r of [...recorded].reverse()) {
    const key = invoiceKey(r.invoice.orgId, r.invoice.id);
    const rule = r.item.input.closeRemainder;
    const now = invoices.get(key)!;
    if (done.has(key)) continue; // only the invoice's last payment of the batch leaves its balance
    done.add(key);
    if (!rule || r.item.input.amount <= 0 || now.status === InvoiceStatus.VOID) continue;
    if (now.balanceDue <= 0 || now.balanceDue >= rule.below) continue;
    const input = { invoiceId: now.id, amount: now.balanceDue, reason: rule.reason };
    Object.assign(r.invoice, (await issue(now.orgId, r.item.actor, input)).invoice);
  }
}
