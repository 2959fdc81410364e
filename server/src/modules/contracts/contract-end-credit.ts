import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import type { DraftLine } from '../invoices/invoice-writer.js';
import { invoiceTotals, lineAmounts } from '../invoices/invoice-math.js';
import { addDaysIso, daysBetween, periodOf, plainAmount, proratedAmount, type CycleSpec } from './contract-cycle.js';

/** A period an invoice charged, as `contract_charges` holds it. */
export interface ChargedPeriod {
  start: string;
  end: string;
  quantity: number;
  amount: number;
}

/** What invoices already carried for the unused time of a charged period (`contract_end_credits`). */
export interface EndCreditsSoFar {
  /** Credit +, reinstated charge −, minor units. */
  amount: number;
  /**
   * The highest sequence number so far (rows released with their line leave gaps): the next one is
   * count + 1 (unique per line and period, so two runs collide).
   */
  count: number;
}

/** An end credit an invoice carries, to record once with it. */
export interface EndCreditRecord {
  contractId: string;
  contractLineId: string;
  periodStart: string;
  seq: number;
  endDate: string | null;
  /** Credit +, reinstated charge −. */
  amount: number;
}

/** The unused time of one charged period and what it is worth. */
export interface UnusedTime {
  from: string;
  to: string;
  days: number;
  fullDays: number;
  amount: number;
}

/**
 * The part of a charged period after the contract's (or line's) end: from the day after the end to the
 * period's last day, credited as Stripe prorates a cancellation, by day at the quantity that was charged
 * for those days (the period's, then each billed quantity change's from its date) and the price it was
 * charged at (atChargedPrice), rounded half up per stretch, never more than the period was charged. Null when the
 * contract runs to the period's end.
 */
export function unusedTime(
  spec: CycleSpec,
  charged: ChargedPeriod,
  billedChanges: ReadonlyArray<{ effectiveDate: string; oldQuantity: number; newQuantity: number }>,
  unitPrice: number,
): UnusedTime | null {
  if (!spec.endDate || spec.endDate >= charged.end) return null;
  const from = spec.endDate < charged.start ? charged.start : addDaysIso(spec.endDate, 1);
  // The full period the charge is part of (the end date no longer cuts it here).
  const fullDays =
    periodOf({ ...spec, endDate: null }, charged.start)?.fullDays ?? daysBetween(charged.start, charged.end) + 1;
  // Quantity changes billed within the period changed what its days were charged at (a change on its
  // first day only when the period had been charged at the old quantity: else the charge has the new).
  const within = billedChanges.filter(
    (c) =>
      c.effectiveDate <= charged.end &&
      (c.effectiveDate > charged.start || (c.effectiveDate === charged.start && c.oldQuantity === charged.quantity)),
  );
  const worth = atChargedPrice(charged, fullDays, unitPrice);
  let amount = 0;
  let at = from;
  let quantity = charged.quantity;
  for (const c of within) if (c.effectiveDate <= from) quantity = c.newQuantity;
  for (const c of within.filter((c) => c.effectiveDate > from)) {
    amount += worth(quantity, daysBetween(at, c.effectiveDate));
    at = c.effectiveDate;
    quantity = c.newQuantity;
  }
  amount += worth(quantity, daysBetween(at, charged.end) + 1);
  return {
    from,
    to: charged.end,
    days: daysBetween(from, charged.end) + 1,
    fullDays,
    amount: Math.min(amount, charged.amount),
  };
}

/**
 * What `days` of a charged period (of `fullDays`) at a quantity are worth at the price the period was
 * charged at, rounded half up: the current price while it still gives the charge's amount, else the price
 * the charge implies (its amount over its quantity and days), so a catalog price or negotiated rate
 * changed since the charge neither inflates nor shrinks what its unused days give back.
 */
export function atChargedPrice(
  charged: ChargedPeriod,
  fullDays: number,
  currentPrice: number,
): (quantity: number, days: number) => number {
  const chargedDays = daysBetween(charged.start, charged.end) + 1;
  if (!charged.quantity || proratedAmount(charged.quantity, currentPrice, chargedDays, fullDays) === charged.amount)
    return (quantity, days) => proratedAmount(quantity, currentPrice, days, fullDays);
  const per = BigInt(charged.quantity) * BigInt(chargedDays);
  return (quantity, days) => Number((BigInt(quantity) * BigInt(charged.amount) * BigInt(days) * 2n + per) / (2n * per));
}

/**
 * What an invoice still owes the client for a charged period: the unused time's worth less what earlier
 * invoices carried. Positive: a credit. Negative: the end moved later (or was removed) after the credit
 * was invoiced, and the time credited is charged again. Zero: nothing.
 */
export function endCreditDue(unused: UnusedTime | null, soFar: EndCreditsSoFar | undefined): number {
  return (unused?.amount ?? 0) - (soFar?.amount ?? 0);
}

/**
 * The client's next invoice must not total less than zero because of a contract ended early: its end
 * credits (last first) are reduced to what keeps the total at zero, and the rest is returned as
 * `remainder` (minor units, tax included: the total with the full credits, negated, less what is left)
 * to keep as client credit. Other lines (and other credits) are left as they are: an invoice negative
 * without the end credits stays so, for a person to look at.
 */
export function endCreditsWithinTotal<L extends DraftLine & { endCredit?: EndCreditRecord }>(
  lines: readonly L[],
  currency?: string,
): { lines: L[]; remainder: number } {
  const totalOf = (ls: readonly L[]) => invoiceTotals(ls.map((l) => lineAmounts(l))).total;
  const full = totalOf(lines);
  if (full >= 0) return { lines: [...lines], remainder: 0 };
  const out = [...lines];
  for (let i = out.length - 1; i >= 0 && totalOf(out) < 0; i--) {
    const line = out[i]!;
    if (!line.endCredit || line.kind !== InvoiceLineKind.DISCOUNT) continue;
    // The largest credit that keeps the total at or above zero (the total only grows as it shrinks).
    let lo = 0;
    let hi = line.unitPrice;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      out[i] = { ...line, unitPrice: mid };
      if (totalOf(out) >= 0) lo = mid;
      else hi = mid - 1;
    }
    out[i] = { ...line, unitPrice: lo };
  }
  const left = totalOf(out);
  if (left < 0) return { lines: [...lines], remainder: 0 };
  const remainder = left - full;
  return {
    lines: out.map((l, i) =>
      l.unitPrice === lines[i]!.unitPrice
        ? l
        : {
            ...l,
            description: `${l.description}; ${plainAmount(lines[i]!.unitPrice - l.unitPrice, currency)} of it kept as credit on the account`,
          },
    ),
    remainder,
  };
}
