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

/** Minutes of work as hours and minutes: 90 → "1h 30m", 120 → "2h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h ${String(m).padStart(2, '0')}m`;
}
