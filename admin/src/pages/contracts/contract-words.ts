import type { BillingTiming, ContractCycle, PriceSource } from '../../gql/graphql';

/** ISO weekday (1 = Monday) → its name, as WEEKLY contracts anchor on a weekday. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const CYCLE_OPTIONS: Array<{ value: ContractCycle; label: string }> = [
  { value: 'MONTHLY', label: 'Monthly' },
  { value: 'QUARTERLY', label: 'Quarterly' },
  { value: 'YEARLY', label: 'Yearly' },
  { value: 'WEEKLY', label: 'Every N weeks' },
];

export const TIMING_OPTIONS: Array<{ value: BillingTiming; label: string }> = [
  { value: 'ADVANCE', label: 'In advance (when a period starts)' },
  { value: 'ARREARS', label: 'In arrears (when a period ends)' },
];

export const PRICE_SOURCE_OPTIONS: Array<{ value: PriceSource; label: string }> = [
  { value: 'NEGOTIATED', label: "Client's rate" },
  { value: 'CATALOG', label: 'Catalog price' },
  { value: 'FIXED', label: 'Fixed price' },
];

/**
 * A contract's cycle as a sentence: "Monthly on day 1, in advance", "Every 2 weeks on Monday, in arrears".
 * Month cycles anchor on a day of the month, weekly ones on a weekday.
 */
export function cycleInWords(c: {
  cycle: ContractCycle;
  intervalWeeks: number;
  anchorDay: number;
  billingTiming: BillingTiming;
}): string {
  const timing = c.billingTiming === 'ADVANCE' ? 'in advance' : 'in arrears';
  if (c.cycle === 'WEEKLY') {
    const every = c.intervalWeeks === 1 ? 'Weekly' : `Every ${c.intervalWeeks} weeks`;
    return `${every} on ${WEEKDAYS[c.anchorDay - 1] ?? `weekday ${c.anchorDay}`}, ${timing}`;
  }
  const name = CYCLE_OPTIONS.find((o) => o.value === c.cycle)?.label ?? c.cycle;
  return `${name} on day ${c.anchorDay}, ${timing}`;
}

/** The day of the month (1–31) or ISO weekday (1–7) a date falls on, the anchor the server defaults to. */
export function defaultAnchor(cycle: ContractCycle, startDate: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return null;
  if (cycle !== 'WEEKLY') return Number(startDate.slice(8, 10));
  return ((new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}
