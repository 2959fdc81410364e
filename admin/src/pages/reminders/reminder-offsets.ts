/**
 * Reminder days as a person types them ("-3, 0, 7, 14") and reads them ("3 days before due, on the due
 * date, 7 days after"). The server checks the range and repeats; this only turns text into numbers.
 */
export function parseOffsets(text: string): { ok: true; offsets: number[] } | { ok: false; error: string } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const offsets: number[] = [];
  for (const p of parts) {
    if (!/^[+-]?\d+$/.test(p)) return { ok: false, error: `“${p}” is not a whole number of days` };
    offsets.push(Number(p));
  }
  return { ok: true, offsets };
}

export const formatOffsets = (offsets: readonly number[]): string => offsets.join(', ');

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** One offset in words: "3 days before due", "on the due date", "7 days after due". */
export function offsetInWords(offset: number): string {
  if (offset < 0) return `${days(-offset)} before due`;
  if (offset === 0) return 'on the due date';
  return `${days(offset)} after due`;
}

export function scheduleInWords(offsets: readonly number[]): string {
  if (!offsets.length) return 'No reminders.';
  return `Reminders ${[...offsets]
    .sort((a, b) => a - b)
    .map(offsetInWords)
    .join(', ')}.`;
}
