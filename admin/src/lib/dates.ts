/** LocalDate strings (YYYY-MM-DD) are calendar dates: never pass them through Date's timezone maths. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function firstOfMonth(offsetMonths = 0): string {
  const d = new Date();
  const x = new Date(d.getFullYear(), d.getMonth() + offsetMonths, 1);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-01`;
}

export function lastOfMonth(offsetMonths = 0): string {
  const d = new Date();
  const x = new Date(d.getFullYear(), d.getMonth() + offsetMonths + 1, 0);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function formatDate(localDate: string | null | undefined): string {
  return localDate ? dateOnly.format(new Date(`${localDate}T00:00:00Z`)) : '—';
}
