import { getDisplayLocale } from './locale';

/**
 * Dates in the display locale (see locale.ts). A LocalDate (YYYY-MM-DD) or the date part of a timestamp
 * is a calendar date: it is formatted in UTC so no timezone shifts it by a day.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const locale = getDisplayLocale();
  const key = `${kind} ${locale ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    cache.set(key, f);
  }
  return f;
}

/** "2026-01-05" (or "2026-01-05T10:00:00Z") → "Jan 5, 2026"; nothing → "—". */
export function formatDate(date: string | null | undefined): string {
  return date ? formatter('date').format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—';
}

/** A moment in the viewer's timezone, e.g. "Jan 5, 2026, 10:00 AM"; nothing → "—". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? formatter('dateTime').format(new Date(iso)) : '—';
}

/**
 * Today's date (YYYY-MM-DD) on the wall of `timeZone` (an IANA name, e.g. the organization's): what the server
 * calls today for that org, whatever the browser's own zone. An unknown name falls back to the browser's zone.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
