import { addDays } from '../invoices/invoice-math.js';
import { badInput } from '../../platform/errors.js';

/**
 * The schedule math of payment reminders, pure: which offsets (days relative to the due date) are due on
 * a day, which are skipped after a missed sweep, and what is still planned. Days are UTC calendar days
 * ('YYYY-MM-DD'), so month ends and leap days come from the calendar, never from 30-day months.
 */

/** What an org starts with: off until someone turns it on, with this schedule prefilled. */
export const DEFAULT_OFFSETS: readonly number[] = [-3, 0, 7, 14];
export const MIN_OFFSET = -60;
export const MAX_OFFSET = 365;
export const MAX_OFFSETS = 10;

/** The day a reminder at `offset` is planned for. */
export const plannedFor = (dueDate: string, offset: number): string => addDays(dueDate, offset);

export interface ScheduleFacts {
  dueDate: string;
  /** The UTC day the invoice was first sent: a reminder planned on or before it would repeat the invoice email. */
  sentDay: string;
  offsets: readonly number[];
  /** Offsets already recorded for the invoice (sent, skipped or failed). */
  recorded: readonly number[];
}

/** The policy's offsets that apply to this invoice, ascending: those planned after the day it was sent. */
export function applicableOffsets(f: Pick<ScheduleFacts, 'dueDate' | 'sentDay' | 'offsets'>): number[] {
  return [...new Set(f.offsets)].sort((a, b) => a - b).filter((o) => plannedFor(f.dueDate, o) > f.sentDay);
}

/**
 * Offsets still to come: applicable ones after the last one recorded (a reminder is never sent after a
 * later one went out, e.g. when the policy gained an earlier offset).
 */
export function pendingOffsets(f: ScheduleFacts): number[] {
  const last = f.recorded.length ? Math.max(...f.recorded) : -Infinity;
  return applicableOffsets(f).filter((o) => o > last);
}

/**
 * What a sweep on `today` does for one invoice: send the latest due reminder, and record the earlier due
 * ones as skipped, so a sweep missed for days (or a clock jump) never sends several emails at once.
 */
export function dueReminders(f: ScheduleFacts, today: string): { send: number | null; skip: number[] } {
  const due = pendingOffsets(f).filter((o) => plannedFor(f.dueDate, o) <= today);
  if (!due.length) return { send: null, skip: [] };
  return { send: due[due.length - 1]!, skip: due.slice(0, -1) };
}

/** Days from `today` to the due date: positive before it, 0 on it, negative once overdue. */
export function daysUntil(dueDate: string, today: string): number {
  return Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "3 days overdue", "due today", "due in 1 day". */
export function dueWording(dueDate: string, today: string): string {
  const d = daysUntil(dueDate, today);
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (d < 0) return `${days(-d)} overdue`;
  if (d === 0) return 'due today';
  return `due in ${days(d)}`;
}

/** A policy as given: checked and sorted. Errors name the field. */
export function checkOffsets(enabled: boolean, offsets: readonly number[], field = 'offsets'): number[] {
  if (offsets.length > MAX_OFFSETS) throw badInput(field, `At most ${MAX_OFFSETS} reminders`);
  offsets.forEach((o, i) => {
    if (!Number.isInteger(o) || o < MIN_OFFSET || o > MAX_OFFSET)
      throw badInput(`${field}.${i}`, `An offset is a whole number of days between ${MIN_OFFSET} and ${MAX_OFFSET}`);
  });
  if (new Set(offsets).size !== offsets.length) throw badInput(field, 'Each offset may appear only once');
  if (enabled && !offsets.length) throw badInput(field, 'Give at least one reminder day, or turn reminders off');
  return [...offsets].sort((a, b) => a - b);
}
