/**
 * Business dates in an organization's own time zone. Settle stores instants in UTC, but a date a person
 * reads (issued on, due on, received on, overdue since) is the date on the wall of the business: a New
 * York MSP's payment recorded at 8 pm on the 31st is received on the 31st, not on the 1st.
 */

/** What an organization without a chosen zone (and every org before zones existed) uses. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The IANA zones this runtime knows (ICU's list omits 'UTC' itself, which is always accepted). */
export function timeZoneNames(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

let known: Set<string> | null = null;

/** Whether `name` is an IANA zone an organization may choose (exactly as listed; no offsets or abbreviations). */
export function isTimeZone(name: string): boolean {
  known ??= new Set([DEFAULT_TIME_ZONE, ...timeZoneNames()]);
  return known.has(name);
}

// A formatter is costly to build (ICU data) and cheap to reuse; a server sees a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) it is in `timeZone` at the instant `now`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(now);
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `at`, in milliseconds. */
function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant the day `date` (YYYY-MM-DD) begins in `timeZone`: its first moment on that wall (00:00, or
 * the end of a daylight-saving gap that skips midnight).
 */
export function startOfDayIn(timeZone: string, date: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let at = midnightUtc - offsetMs(timeZone, midnightUtc);
  at = midnightUtc - offsetMs(timeZone, at); // the offset in force at that instant, not at UTC midnight
  // In a gap (midnight skipped), the day starts at the first instant whose date is `date`.
  while (todayIn(timeZone, new Date(at)) < date) at += 15 * 60_000;
  while (todayIn(timeZone, new Date(at - 1)) === date) at -= 15 * 60_000;
  return new Date(at);
}
