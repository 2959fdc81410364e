/** LocalDate strings (YYYY-MM-DD) are calendar dates: never pass them through Date's timezone maths. Today is the org's: see org-today.ts. */

/** The first day of the month `offsetMonths` from the one `date` falls in: ("2026-03-31", -1) → "2026-02-01". */
export function firstOfMonth(date: string, offsetMonths = 0): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + offsetMonths, 1)).toISOString().slice(0, 10);
}

/** The last day of the month `offsetMonths` from the one `date` falls in: ("2026-03-31", -1) → "2026-02-28". */
export function lastOfMonth(date: string, offsetMonths = 0): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m + offsetMonths, 0)).toISOString().slice(0, 10);
}

/** Minutes of work as hours and minutes: 90 → "1h 30m", 120 → "2h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h ${String(m).padStart(2, '0')}m`;
}

/** A LocalDate `days` later (or earlier), by calendar: "2026-11-30" + 1 → "2026-12-01". */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a LocalDate falls in. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * A duration as typed by a person, in minutes: "1h 30m", "1h", "45m", "1:30", "1.5" (hours) or "90 min";
 * null when it is none of those.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  let m = /^(\d+):([0-5]\d)$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?$/.exec(t);
  if (m && (m[1] || m[2])) return Math.round(Number(m[1] ?? 0) * 60) + Number(m[2] ?? 0);
  m = /^\d+(?:\.\d+)?$/.exec(t);
  if (m) return Math.round(Number(t) * 60);
  return null;
}
