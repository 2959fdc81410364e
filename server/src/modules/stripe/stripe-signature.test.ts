import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WEBHOOK_TOLERANCE_SECONDS } from './stripe-client.js';

/**
 * verifyWebhook checks Stripe signatures by hand (the ack path is hot); here it is held against the
 * SDK's own constructEvent on the cases that matter: both must accept exactly the same headers, and
 * return the same event. Only a timestamp from the future is refused by verifyWebhook alone.
 */
const sdk = new Stripe('sk_test_x', { telemetry: false });
const SECRET = 'whsec_test_secret';
const NOW = 1_796_000_000_000;
const body = Buffer.from(
  JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', created: 1, data: { object: { id: 'in_1' } } }),
);
const sign = (t: number, payload: Buffer = body, secret = SECRET) =>
  createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');
const t = NOW / 1000 - 10;

const cases: Array<[string, string | undefined, Buffer?]> = [
  ['valid', `t=${t},v1=${sign(t)}`],
  ['valid among several v1', `t=${t},v1=${'0'.repeat(64)},v1=${sign(t)},v0=abc`],
  ['wrong secret', `t=${t},v1=${sign(t, body, 'whsec_other')}`],
  ['body changed', `t=${t},v1=${sign(t)}`, Buffer.from(body.toString().replace('in_1', 'in_2'))],
  ['signed for another time', `t=${t},v1=${sign(t + 1)}`],
  ['only v0', `t=${t},v0=${sign(t)}`],
  ['no signature', `t=${t}`],
  ['no timestamp', `v1=${sign(t)}`],
  ['upper-case hex', `t=${t},v1=${sign(t).toUpperCase()}`],
  ['signature with a tail', `t=${t},v1=${sign(t)}=x`],
  ['too old', `t=${t - WEBHOOK_TOLERANCE_SECONDS - 5},v1=${sign(t - WEBHOOK_TOLERANCE_SECONDS - 5)}`],
  ['not a header', 'nonsense'],
  ['missing', undefined],
];

const accepts = (f: () => unknown) => {
  try {
    return f();
  } catch {
    return 'refused';
  }
};

describe('verifyWebhook, held against the SDK', () => {
  it.each(cases)('%s', (_name, header, payload = body) => {
    const mine = accepts(() => verifyWebhook(payload, header, SECRET, NOW));
    const theirs = accepts(() =>
      sdk.webhooks.constructEvent(payload, header as string, SECRET, WEBHOOK_TOLERANCE_SECONDS, undefined, NOW),
    );
    expect(mine).toEqual(theirs);
  });

  it('refuses a timestamp from the future, and a second t, which the SDK lets through', () => {
    const ahead = t + WEBHOOK_TOLERANCE_SECONDS + 60;
    expect(accepts(() => verifyWebhook(body, `t=${ahead},v1=${sign(ahead)}`, SECRET, NOW))).toBe('refused');
    expect(accepts(() => verifyWebhook(body, `t=${t},t=${ahead},v1=${sign(ahead)}`, SECRET, NOW))).toBe('refused');
    expect(accepts(() => verifyWebhook(body, `t=${t},v1=${sign(t)}`, SECRET, NOW))).toMatchObject({ id: 'evt_1' });
  });
});
