/** Days past due → AR aging bucket. Not yet due (or due today) is "current". */
export type AgingBucket = 'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'days90plus';

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days1to30';
  if (daysPastDue <= 60) return 'days31to60';
  if (daysPastDue <= 90) return 'days61to90';
  return 'days90plus';
}

export function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(toDate + 'T00:00:00Z') - Date.parse(fromDate + 'T00:00:00Z')) / 86_400_000);
}

/** Statuses whose unpaid balance is still owed; an UNCOLLECTIBLE invoice is written off, not outstanding. */
const OUTSTANDING_STATUSES: ReadonlySet<string> = new Set(['SENT', 'PARTIALLY_PAID']);

export function isOutstanding(status: string, balanceDue: number): boolean {
  return OUTSTANDING_STATUSES.has(status) && balanceDue > 0;
}
