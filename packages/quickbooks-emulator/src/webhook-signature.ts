// intuit-signature = base64(HMAC-SHA256(key = verifier token, message = raw body bytes)).
// Exported so Settle's receiver and tests use the exact same algorithm.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhookPayload(rawBody: string | Buffer, verifierToken: string): string {
  return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

export function verifyWebhookSignature(
  rawBody: string | Buffer,
  signature: string | undefined,
  verifierToken: string,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhookPayload(rawBody, verifierToken), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
