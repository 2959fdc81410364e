// Verifying a Settle webhook in Node (copy this file into your receiver; it needs nothing but node:crypto).
//
//   app.post('/settle-webhooks', express.raw({ type: 'application/json' }), (req, res) => {
//     const body = req.body.toString('utf8'); // the raw body: parsing and re-serializing breaks the signature
//     if (!verifySettleSignature(body, req.get('Settle-Signature'), process.env.SETTLE_WEBHOOK_SECRET!))
//       return res.status(400).end();
//     const event = JSON.parse(body); // { id, type, created, api_version, data: { object } }
//     // …handle it idempotently (the same event id may arrive more than once), then:
//     res.status(200).end();
//   });
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` (`t=<unix seconds>,v1=<hex>`, the Settle-Signature header) signs `body` with
 * `secret` and its time is within `toleranceSeconds` of now (older replays are refused). Any `v1` of
 * the header may match (several are sent while a secret rotation is under way).
 */
export function verifySettleSignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  let t = NaN;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't') t = Number(value);
    else if (key === 'v1' && value) signatures.push(value);
  }
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'), 'utf8');
  return signatures.some((s) => {
    const given = Buffer.from(s, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
