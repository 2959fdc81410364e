/**
 * Per-realm pacing in this process: requests start at least 1/rate seconds apart, so Settle stays under
 * Intuit's limit (sandbox 10/s, production 500/min) instead of learning it from 429s.
 */
const nextSlot = new Map<string, number>();

/** When set (benchmark), every request's start time is appended here. */
export const requestLog: { enabled: boolean; starts: number[] } = { enabled: false, starts: [] };

export async function throttle(realmId: string, perSecond: number): Promise<void> {
  if (!(perSecond > 0)) {
    if (requestLog.enabled) requestLog.starts.push(Date.now());
    return;
  }
  const gap = 1000 / perSecond;
  const now = Date.now();
  const slot = Math.max(now, nextSlot.get(realmId) ?? 0);
  nextSlot.set(realmId, slot + gap);
  if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  if (requestLog.enabled) requestLog.starts.push(Date.now());
}
