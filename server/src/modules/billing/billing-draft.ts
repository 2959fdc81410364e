import type { Client } from '../clients/client.entity.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import type { BillingSettings } from './billing-settings.js';
import type { BillingRunStatus } from './billing.entities.js';
import type { ContractDraftLine } from '../contracts/contract-charges.js';
import { addDaysIso } from '../contracts/contract-cycle.js';
import type { TimeLine } from '../invoices/time-itemization.js';
import { addDays } from '../invoices/invoice-math.js';
import type { NewDraft } from '../invoices/invoice-writer.js';
import { renderMemo } from '../invoices/memo-template.js';
import type { Organization } from '../organizations/organization.entity.js';

/** A contract period charged by one invoice (recorded once in contract_charges). */
export type ContractCharge = NonNullable<ContractDraftLine['charge']>;

/**
 * The invoice a billing date makes for one client (pure): the due recurring lines first, then the time.
 * Its period is the recurring periods it charges; time only: the month before the billing date.
 */
export function billingDraft(
  org: Organization,
  client: Client,
  date: string,
  issueDate: string,
  recurring: ContractDraftLine[],
  time: TimeLine[],
): { draft: NewDraft; charges: ContractCharge[] } {
  const charges = recurring.flatMap((l) => (l.charge ? [l.charge] : []));
  const periodStart = charges.map((c) => c.periodStart).sort()[0] ?? `${addDaysIso(date, -1).slice(0, 8)}01`;
  const periodEnd =
    charges
      .map((c) => c.periodEnd)
      .sort()
      .at(-1) ?? addDaysIso(date, -1);
  const draft: NewDraft = {
    client,
    issueDate,
    dueDate: addDays(issueDate, client.daysUntilDue ?? org.daysUntilDue),
    periodStart,
    periodEnd,
    memo: (dueDate, number) =>
      renderMemo(client.memoTemplate ?? org.memoTemplate, {
        client_name: client.name,
        period_start: periodStart,
        period_end: periodEnd,
        invoice_number: number,
        due_date: dueDate,
        org_name: org.name,
      }),
    lines: [...recurring, ...time],
  };
  return { draft, charges };
}

/** One client's billing date in a run. */
export interface DueItem {
  client: Client;
  s: BillingSettings;
  date: string;
}

/** What became of one client's date, as its run row records it. */
export interface RunOutcome {
  status: BillingRunStatus;
  invoiceId?: string;
  total?: number;
  message?: string;
}

/**
 * Draft mode keeps the invoice for review; auto-send sends it, unless it cannot go out as it is (no
 * billing email, credits past the charges): then it waits as a draft and the admin is told why.
 */
export function reviewOutcome({ client, s }: DueItem, invoice: Invoice): RunOutcome {
  const made = { invoiceId: invoice.id, total: invoice.total };
  if (s.review !== 'AUTO_SEND') return { status: 'DRAFTED', ...made };
  if (!client.billingEmail.trim())
    return {
      status: 'NEEDS_ATTENTION',
      ...made,
      message: `${client.name} has no billing email: invoice ${invoice.number} waits as a draft. Add the email, then send it.`,
    };
  if (invoice.total < 0)
    return {
      status: 'NEEDS_ATTENTION',
      ...made,
      message: `Invoice ${invoice.number} totals less than zero (credits exceed charges): it waits as a draft.`,
    };
  return { status: 'SENT', ...made };
}

/** Items split into batches of at most `size` that share a billing date, dates in the order first met. */
export function chunksByDate(items: DueItem[], size: number): DueItem[][] {
  const byDate = new Map<string, DueItem[]>();
  for (const item of items) {
    const same = byDate.get(item.date);
    if (same) same.push(item);
    else byDate.set(item.date, [item]);
  }
  return [...byDate.values()].flatMap((same) =>
    Array.from({ length: Math.ceil(same.length / size) }, (_, n) => same.slice(n * size, (n + 1) * size)),
  );
}
