import { createHmac } from 'node:crypto';

/**
 * The `Settle-Signature` header of one delivery attempt: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" under the endpoint's secret>`. Receivers check it as examples/src/verify-webhook.ts does.
 */
export function settleSignature(body: string, secret: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
