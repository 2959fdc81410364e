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
