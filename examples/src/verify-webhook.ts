import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a webhook Settle sent you: the `Settle-Signature` header is `t=<unix seconds>,v1=<hex>` where the
 * hex is HMAC-SHA256 of `<t>.<raw body>` with your endpoint's secret. Use the raw body exactly as it
 * arrived (not re-serialised JSON), and refuse old timestamps so a captured delivery cannot be replayed.
 */
export function verifySettleSignature(
  rawBody: string,
  header: string | undefined,
  secret: string,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  const fields = (header ?? '').split(',').map((kv) => kv.trim().split('=', 2) as [string, string?]);
  const t = Number(fields.find(([k]) => k === 't')?.[1]);
  // While a secret is being rotated a delivery carries one v1 per secret: any may match.
  const signatures = fields.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => v!);
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return signatures.some((v1) => timingSafeEqual(expected, Buffer.from(v1, 'hex')));
}
