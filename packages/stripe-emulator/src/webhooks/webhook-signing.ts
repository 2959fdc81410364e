import { createHmac, randomBytes } from 'node:crypto';

/** `whsec_` + random; Stripe uses the whole string (prefix included) as the HMAC key. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

/** Exactly Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>`. */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** `*` matches all; `invoice.*` style wildcards are accepted too for convenience. */
export function eventMatches(enabled: string[], type: string): boolean {
  return enabled.some((e) => e === '*' || e === type || (e.endsWith('.*') && type.startsWith(e.slice(0, -1))));
}
