import { currencyExponent } from '../../platform/money.js';
import { describedEnum } from '../../graphql/described-enum.js';

/** How often a recurring line is charged. WEEKLY repeats every `intervalWeeks` weeks. */
export const ContractCycle = describedEnum(
  'ContractCycle',
  'How often recurring lines are charged: every 1, 3 or 12 months, or every N weeks.',
  {
    MONTHLY: 'Every month, on the anchor day.',
    QUARTERLY: 'Every three months.',
    YEARLY: 'Every year.',
    WEEKLY: 'Every week.',
  },
);
export type ContractCycle = keyof typeof ContractCycle;

/** In advance: a period is charged when it starts. In arrears: when it ends. */
export const BillingTiming = describedEnum(
  'BillingTiming',
  'ADVANCE: each period is invoiced when it starts; ARREARS: when it ends.',
  {
    ADVANCE: 'Each period is billed at its start.',
    ARREARS: 'Each period is billed after it ends.',
  },
);
export type BillingTiming = keyof typeof BillingTiming;

export interface CycleSpec {
  cycle: ContractCycle;
  /** WEEKLY only: weeks per period (1 = weekly, 2 = fortnightly). */
  intervalWeeks: number;
  /** Month cycles: day of the month periods start on (29–31 fall on a short month's last day, as Stripe does). WEEKLY: ISO weekday 1 (Monday) – 7. */
  anchorDay: number;
  /** First day billed (YYYY-MM-DD). */
  startDate: string;
  /** Last day billed, inclusive; null: open-ended. */
  endDate: string | null;
}

/** One service period of a contract: [start, end] inclusive, and the full period it is part of. */
export interface ServicePeriod {
  start: string;
  end: string;
  /** Days charged in this period, and days in the full period (equal unless the first or last is partial). */
  days: number;
  fullDays: number;
}

/**
 * An amount as the lines' descriptions print it: in the currency's own decimals, without its code
 * (USD 4000 → "40.00", JPY 4000 → "4000", KWD 40000 → "40.000"); 2 decimals when no currency is known.
 */
export function plainAmount(minor: number, currency?: string): string {
  const exp = currency ? currencyExponent(currency) : 2;
  if (!exp) return String(minor);
  const abs = Math.abs(minor);
  const unit = 10 ** exp;
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / unit)}.${String(abs % unit).padStart(exp, '0')}`;
}

const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDaysIso = (date: string, days: number) => iso(ms(date) + days * DAY);
export const daysBetween = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY);

const MONTHS: Record<Exclude<ContractCycle, 'WEEKLY'>, number> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12 };

/** The anchor day in a month: day 31 in February is the 28th (29th in a leap year). */
function anchoredDate(year: number, month0: number, anchorDay: number): string {
  const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  return iso(Date.UTC(year, month0, Math.min(anchorDay, last)));
}

/**
 * The boundary dates (days a new period starts) are a fixed grid, so a period is always the same
 * stretch whatever day the contract started: months step from the start month by 1, 3 or 12, weeks by
 * `intervalWeeks` from the first anchor weekday on or after the start.
 */
function boundaryGrid(spec: CycleSpec): (k: number) => string {
  if (spec.cycle === 'WEEKLY') {
    const start = ms(spec.startDate);
    const weekday = ((new Date(start).getUTCDay() + 6) % 7) + 1;
    const first = start + ((spec.anchorDay - weekday + 7) % 7) * DAY;
    return (k) => iso(first + k * spec.intervalWeeks * 7 * DAY);
  }
  const step = MONTHS[spec.cycle];
  const [y, m] = spec.startDate.split('-').map(Number) as [number, number];
  return (k) => anchoredDate(y, m - 1 + k * step, spec.anchorDay);
}

/**
 * The contract's service periods that start before `until` (exclusive), in order. The first and last
 * may be partial (started mid-period, or ended by the end date); `days`/`fullDays` is their share.
 */
export function servicePeriods(spec: CycleSpec, until: string, limit = 5000): ServicePeriod[] {
  const at = boundaryGrid(spec);
  let k = 0;
  while (at(k) > spec.startDate) k--;
  while (at(k + 1) <= spec.startDate) k++;
  const out: ServicePeriod[] = [];
  const stop = spec.endDate && addDaysIso(spec.endDate, 1) < until ? addDaysIso(spec.endDate, 1) : until;
  for (; out.length < limit; k++) {
    const fullStart = at(k);
    const fullEnd = addDaysIso(at(k + 1), -1);
    const start = fullStart < spec.startDate ? spec.startDate : fullStart;
    if (start >= stop) break;
    const end = spec.endDate && spec.endDate < fullEnd ? spec.endDate : fullEnd;
    out.push({ start, end, days: daysBetween(start, end) + 1, fullDays: daysBetween(fullStart, fullEnd) + 1 });
    if (spec.endDate && end >= spec.endDate) break;
  }
  return out;
}

/** The day a period is invoiced: its first day in advance, the day after its last in arrears. */
export function billingDate(period: Pick<ServicePeriod, 'start' | 'end'>, timing: BillingTiming): string {
  return timing === 'ADVANCE' ? period.start : addDaysIso(period.end, 1);
}

/** The period holding a date, or null outside the contract. */
export function periodOf(spec: CycleSpec, date: string): ServicePeriod | null {
  if (date < spec.startDate || (spec.endDate && date > spec.endDate)) return null;
  return servicePeriods(spec, addDaysIso(date, 1)).at(-1) ?? null;
}

/** quantity × unit price for `days` of a `fullDays` period, rounded half up to the minor unit. */
export function proratedAmount(quantity: number, unitPrice: number, days: number, fullDays: number): number {
  const exact = BigInt(quantity) * BigInt(unitPrice) * BigInt(days);
  const d = BigInt(fullDays);
  return Number((exact * 2n + d) / (2n * d));
}

/** Why a cycle cannot stand, as [field, message], or null. */
export function cycleProblem(spec: CycleSpec): [string, string] | null {
  if (spec.cycle === 'WEEKLY') {
    if (!Number.isInteger(spec.intervalWeeks) || spec.intervalWeeks < 1 || spec.intervalWeeks > 52)
      return ['intervalWeeks', 'Weeks between invoices must be a whole number from 1 to 52'];
    if (!Number.isInteger(spec.anchorDay) || spec.anchorDay < 1 || spec.anchorDay > 7)
      return ['anchorDay', 'For a weekly cycle the anchor day is a weekday, 1 (Monday) to 7 (Sunday)'];
  } else if (!Number.isInteger(spec.anchorDay) || spec.anchorDay < 1 || spec.anchorDay > 31)
    return ['anchorDay', 'The anchor day is a day of the month, 1 to 31'];
  if (spec.endDate && spec.endDate < spec.startDate) return ['endDate', 'The contract ends before it starts'];
  return null;
}
