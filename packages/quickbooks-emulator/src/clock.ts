// Controllable clock: every expiry (tokens, auth codes, rate windows, CDC stamps) reads
// time from here so tests can jump forward with POST /__emulator/clock/advance.

export class Clock {
  constructor(public offsetMs = 0) {}
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

// Sandbox companies live in Pacific time; QBO renders timestamps with the company's
// UTC offset ("2026-11-21T09:15:02-08:00"), so we do the same instead of "Z".
const TZ = 'America/Los_Angeles';
const partsFmt = new Intl.DateTimeFormat('en-US', {
  timeZone: TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'longOffset',
});

function parts(ms: number) {
  const p: Record<string, string> = {};
  for (const { type, value } of partsFmt.formatToParts(new Date(ms))) p[type] = value;
  const off = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, off };
}

/** "2026-11-21T09:15:02-08:00" (MetaData times). */
export function qboDateTime(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}${p.off}`;
}

/** "2026-11-21T09:15:02.123-08:00" (envelope `time`). */
export function qboTimeMillis(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}.${String(ms % 1000).padStart(3, '0')}${p.off}`;
}

/** "2026-11-21" in company time zone (TxnDate defaults). */
export function qboDate(ms: number): string {
  return parts(ms).date;
}

/** Legacy webhook `lastUpdated` style: "2015-10-05T14:42:19-0700". */
export function webhookTime(ms: number): string {
  return qboDateTime(ms).replace(/([+-]\d\d):(\d\d)$/, '$1$2');
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
