import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import type { DraftLine } from '../invoices/invoice-writer.js';
import {
  billingDate,
  periodOf,
  plainAmount,
  proratedAmount,
  servicePeriods,
  type BillingTiming,
  type CycleSpec,
  type ServicePeriod,
} from './contract-cycle.js';
import {
  atChargedPrice,
  endCreditDue,
  unusedTime,
  type ChargedPeriod,
  type EndCreditRecord,
  type EndCreditsSoFar,
} from './contract-end-credit.js';

/** What the charge math needs of a contract, a line and its history (no database). */
export interface ContractFacts extends CycleSpec {
  id: string;
  name: string;
  billingTiming: BillingTiming;
  /** The client's currency: what the lines' descriptions print amounts in (2 decimals when absent). */
  currency?: string;
  lines: LineFacts[];
}

export interface LineFacts {
  id: string;
  serviceId: string;
  /** Printed name: the line's description, else the service's name. */
  label: string;
  /** The quantity today (after every change). */
  quantity: number;
  endDate: string | null;
  /** Unit price in the client's currency, or null when none can be found (the run then reports it). */
  unitPrice: number | null;
  /** Quantity changes, oldest first. */
  changes: Array<{ id: string; effectiveDate: string; oldQuantity: number; newQuantity: number; billed: boolean }>;
  /** Period starts already charged, with the quantity they were charged at. */
  charged: Map<string, number>;
  /** The charged periods in full (for the unused time when the contract ends inside one). */
  chargedPeriods?: ChargedPeriod[];
  /** What invoices already carried for unused time, by period start. */
  endCredits?: Map<string, EndCreditsSoFar>;
}

/** A line of the next invoice, with what it settles (so the run can record it once). */
export interface ContractDraftLine extends DraftLine {
  charge?: { contractLineId: string; periodStart: string; periodEnd: string; quantity: number; amount: number };
  quantityChangeId?: string;
  endCredit?: EndCreditRecord;
}

/** The quantity on a date: the last change that took effect by then, else the quantity before the first change. */
export function quantityOn(line: Pick<LineFacts, 'quantity' | 'changes'>, date: string): number {
  let q = line.changes[0]?.oldQuantity ?? line.quantity;
  for (const c of line.changes) if (c.effectiveDate <= date) q = c.newQuantity;
  return q;
}

function specOf(c: ContractFacts, line: LineFacts): CycleSpec {
  const ends = [c.endDate, line.endDate].filter((d): d is string => !!d).sort();
  return { ...c, endDate: ends[0] ?? null };
}

const span = (from: string, to: string) => (from === to ? from : `${from} – ${to}`);

/**
 * The recurring lines an invoice on `billDate` carries for one contract: every period of every line
 * whose billing date is on or before it (and on or after `billFrom`, the day automatic billing began)
 * and not yet charged, at the quantity on the period's first day; and, for each quantity change whose
 * period is billed by then, a credit at the old quantity and a charge at the new one for the rest of
 * that period, prorated by day. Throws MissingPrice for a line with a due charge and no price.
 */
export function contractLinesDue(
  c: ContractFacts,
  billDate: string,
  billFrom: string,
  taxRateBps: number,
): ContractDraftLine[] {
  const out: ContractDraftLine[] = [];
  for (const line of c.lines) {
    const spec = specOf(c, line);
    const due = servicePeriods(spec, nextDay(billDate)).filter((p) => {
      const on = billingDate(p, c.billingTiming);
      return on <= billDate && on >= billFrom && !line.charged.has(p.start);
    });
    const charges = due.map((p) => baseLine(line, p, quantityOn(line, p.start), taxRateBps, c.currency));
    out.push(...charges);
    for (const change of line.changes) {
      if (change.billed) continue;
      const p = periodOf(spec, change.effectiveDate);
      if (!p || nextDay(p.end) > billDate) continue;
      // At a period's first day a change needs no proration (the period is charged at the new
      // quantity), unless that period was charged before it took effect.
      if (change.effectiveDate === p.start && line.charged.get(p.start) !== change.oldQuantity) continue;
      out.push(...prorationLines(line, p, change, taxRateBps));
    }
    out.push(
      ...endCreditLines(
        c.id,
        line,
        spec,
        billDate,
        taxRateBps,
        charges.map((l) => l.charge!),
      ),
    );
  }
  return out;
}

/**
 * A contract (or line) ended inside periods already charged (in advance, or an end date set in the
 * past): from the day after the end, each such period's unused time is credited (or, the end moved
 * later since, charged again), once: what earlier invoices carried is taken off. The periods are those
 * charged before and those this invoice charges (`chargingNow`): a period whose charge was released (its
 * invoice voided to bill again, its line removed from a draft) and is charged anew keeps none of the
 * credit its old charge got but what its new charge leaves unused, and a credited period charged no
 * more has its whole credit taken back.
 */
function endCreditLines(
  contractId: string,
  line: LineFacts,
  spec: CycleSpec,
  billDate: string,
  taxRateBps: number,
  chargingNow: ReadonlyArray<NonNullable<ContractDraftLine['charge']>>,
): ContractDraftLine[] {
  const out: ContractDraftLine[] = [];
  const periods: Array<ChargedPeriod & { released?: boolean }> = [
    ...(line.chargedPeriods ?? []),
    ...chargingNow.map((ch) => ({
      start: ch.periodStart,
      end: ch.periodEnd,
      quantity: ch.quantity,
      amount: ch.amount,
    })),
  ];
  for (const start of line.endCredits?.keys() ?? [])
    if (!periods.some((p) => p.start === start))
      periods.push({ start, end: start, quantity: 0, amount: 0, released: true });
  for (const charged of periods) {
    const soFar = line.endCredits?.get(charged.start);
    if (!soFar && (!spec.endDate || spec.endDate >= charged.end)) continue;
    if (spec.endDate && nextDay(spec.endDate) > billDate) continue;
    const unused = charged.released ? null : unusedTime(spec, charged, billedChanges(line), priceOf(line));
    const amount = endCreditDue(unused, soFar);
    if (!amount) continue;
    const ended = spec.endDate ? `ends ${spec.endDate}` : 'no longer ends';
    const what = unused
      ? `${span(unused.from, unused.to)} (${unused.days} of ${unused.fullDays} days)`
      : span(charged.start, charged.end);
    const rebilled = !line.chargedPeriods?.some((p) => p.start === charged.start);
    out.push({
      kind: amount > 0 ? InvoiceLineKind.DISCOUNT : InvoiceLineKind.ITEM,
      description:
        amount > 0
          ? `Unused time on ${line.label} · ${what}, contract ${ended}`
          : rebilled
            ? `Credit for unused time on ${line.label} taken back · period from ${charged.start}: the charge it credited was released`
            : `Time charged again on ${line.label} · ${span(charged.start, charged.end)}, contract ${ended}`,
      serviceId: line.serviceId,
      quantity: '1',
      unitPrice: Math.abs(amount),
      discount: 0,
      taxRateBps,
      endCredit: {
        contractId,
        contractLineId: line.id,
        periodStart: charged.start,
        seq: (soFar?.count ?? 0) + 1,
        endDate: spec.endDate,
        amount,
      },
    });
  }
  return out;
}

const billedChanges = (line: LineFacts) => line.changes.filter((c) => c.billed);

function baseLine(
  line: LineFacts,
  p: ServicePeriod,
  quantity: number,
  taxRateBps: number,
  currency: string | undefined,
): ContractDraftLine {
  const price = priceOf(line);
  const amount = proratedAmount(quantity, price, p.days, p.fullDays);
  const partial = p.days < p.fullDays;
  return {
    kind: InvoiceLineKind.ITEM,
    description: partial
      ? `${line.label} · ${span(p.start, p.end)} (${p.days} of ${p.fullDays} days, ${quantity} × ${plainAmount(price, currency)})`
      : `${line.label} · ${span(p.start, p.end)}`,
    serviceId: line.serviceId,
    quantity: partial ? '1' : String(quantity),
    unitPrice: partial ? amount : price,
    discount: 0,
    taxRateBps,
    charge: { contractLineId: line.id, periodStart: p.start, periodEnd: p.end, quantity, amount },
  };
}

function prorationLines(
  line: LineFacts,
  p: ServicePeriod,
  change: LineFacts['changes'][number],
  taxRateBps: number,
): ContractDraftLine[] {
  const price = priceOf(line);
  const days = p.days - (Date.parse(change.effectiveDate) - Date.parse(p.start)) / 86_400_000;
  const from = `${span(change.effectiveDate, p.end)} (${days} of ${p.fullDays} days)`;
  // The old quantity's days were paid at the price the period was charged at; the new one's cost today's.
  const charged = line.chargedPeriods?.find((c) => c.start === p.start);
  const credit = charged
    ? atChargedPrice(charged, p.fullDays, price)(change.oldQuantity, days)
    : proratedAmount(change.oldQuantity, price, days, p.fullDays);
  const charge = proratedAmount(change.newQuantity, price, days, p.fullDays);
  const common = { serviceId: line.serviceId, quantity: '1', discount: 0, taxRateBps, quantityChangeId: change.id };
  return [
    {
      ...common,
      kind: InvoiceLineKind.DISCOUNT,
      description: `Unused time on ${change.oldQuantity} × ${line.label} · ${from}`,
      unitPrice: credit,
    },
    {
      ...common,
      kind: InvoiceLineKind.ITEM,
      description: `Remaining time on ${change.newQuantity} × ${line.label} · ${from}`,
      unitPrice: charge,
    },
  ].filter((l) => l.unitPrice > 0 || l.kind === InvoiceLineKind.ITEM);
}

function priceOf(line: LineFacts): number {
  if (line.unitPrice === null) throw new MissingPrice(line.label);
  return line.unitPrice;
}

export class MissingPrice extends Error {
  constructor(readonly label: string) {
    super(`No price for "${label}" in the client's currency: set a catalog price, a client rate or a fixed price`);
  }
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The billing dates of a contract from `from` to `until` (inclusive), for the upcoming-run view and the runner. */
export function contractBillingDates(c: ContractFacts, from: string, until: string): string[] {
  const dates = new Set<string>();
  const add = (on: string) => on >= from && on <= until && dates.add(on);
  for (const line of c.lines) {
    const spec = specOf(c, line);
    for (const p of servicePeriods(spec, nextDay(until))) add(billingDate(p, c.billingTiming));
    // A proration is billed the day after its period ends, even when no period follows (the contract ended).
    for (const change of line.changes) {
      const p = !change.billed && periodOf(spec, change.effectiveDate);
      if (p) add(nextDay(p.end));
    }
    // Unused time of a period charged past the end is credited the day after the end.
    if (spec.endDate && line.chargedPeriods?.some((p) => p.end > spec.endDate!)) add(nextDay(spec.endDate));
  }
  return [...dates].sort();
}
