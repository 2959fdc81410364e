import { DEFAULT_TIME_ZONE, todayIn } from '../../platform/time-zone.js';
import { contractBillingDates, type ContractFacts } from '../contracts/contract-charges.js';
import { addDaysIso } from '../contracts/contract-cycle.js';

/** How many billing dates one client may catch up on in one sweep (a clock that jumped years ahead). */
export const MAX_DATES_PER_SWEEP = 60;

/**
 * The last billing date whose grace period is over at `now`: a billing date D is billed once D 00:00 on
 * the org's wall (`timeZone`) + grace hours has passed.
 */
export function lastDueDate(now: Date, graceHours: number, timeZone = DEFAULT_TIME_ZONE): string {
  return todayIn(timeZone, new Date(now.getTime() - graceHours * 3_600_000));
}

/**
 * A client's billing dates in [from, until]: the contracts' (each period's start in advance, the day
 * after its end in arrears) and, for approved time, the 1st of every month that has no contract
 * billing date, so time is billed at least monthly even with a yearly contract or none.
 */
export function billingDates(contracts: ContractFacts[], from: string, until: string): string[] {
  if (from > until) return [];
  const dates = new Set(contracts.flatMap((c) => contractBillingDates(c, from, until)));
  const months = new Set([...dates].map((d) => d.slice(0, 7)));
  for (let m = firstOfMonthOnOrAfter(from); m <= until; m = nextMonth(m)) if (!months.has(m.slice(0, 7))) dates.add(m);
  return [...dates].sort();
}

/**
 * The dates to bill now for one client: after the last date already run (and not before automatic
 * billing began), up to the last date whose grace is over; at most MAX_DATES_PER_SWEEP, oldest first.
 */
export function datesDue(
  contracts: ContractFacts[],
  since: string,
  lastRun: string | null,
  now: Date,
  graceHours: number,
  timeZone = DEFAULT_TIME_ZONE,
): string[] {
  const from = lastRun && lastRun >= since ? addDaysIso(lastRun, 1) : since;
  return billingDates(contracts, from, lastDueDate(now, graceHours, timeZone)).slice(0, MAX_DATES_PER_SWEEP);
}

function firstOfMonthOnOrAfter(date: string): string {
  return date.endsWith('-01') ? date : nextMonth(date);
}

function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
