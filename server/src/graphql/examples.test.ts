import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { overdueInvoices } from '../../../examples/src/overdue-invoices.js';
import { verifySettleSignature } from '../../../examples/src/verify-webhook.js';
import { watchInvoices, type InvoiceUpdate } from '../../../examples/src/watch-invoices.js';
import { billingFixture, payByCheck } from '../../test/fixtures.js';
import { eventually } from '../../test/harness.js';
import { orgForFile, settleForFile } from '../../test/for-file.js';

// The integration in examples/, run as an integrator would run it: over HTTP and WebSocket with an API token.
const s = settleForFile({ worker: false });
const org = orgForFile(s, 'Examples');

describe('examples/: a typed integration against a started Settle', () => {
  it('lists overdue invoices and hears a payment on one of them', async () => {
    const f = await billingFixture(s.container, org.org.id);
    const inv = await f.sentInvoice(120);
    await s.container.db.query(`UPDATE invoices SET due_date = '2026-01-15' WHERE id = $1`, [inv.id]);
    const api = { url: s.url, token: org.apiToken };

    const overdue = await overdueInvoices(api);
    expect(overdue).toContainEqual(
      expect.objectContaining({ id: inv.id, number: inv.number, dueDate: '2026-01-15', client: 'Client' }),
    );

    const heard: InvoiceUpdate[] = [];
    const stop = watchInvoices(api, (invoice) => heard.push(invoice));
    try {
      // The socket listens once its first update can arrive: pay again until one is heard.
      await eventually(async () => {
        if (!heard.length) await payByCheck(s.container, org.org.id, inv.id, 100);
        return heard.length > 0;
      }, 'the payment to reach the subscriber');
      expect(heard[0]).toMatchObject({ id: inv.id, currency: 'USD' });
      expect(heard[0]!.amountPaid).toBeGreaterThan(0);
    } finally {
      await stop();
    }
  });

  it('verifies a Settle-Signature header and refuses a forged, stale or altered one', () => {
    const secret = 'whsec_example';
    const body = JSON.stringify({ id: 'evt_1', type: 'invoice.paid' });
    const t = Math.floor(Date.now() / 1000);
    const sign = (at: number, key = secret, text = body) =>
      `t=${at},v1=${createHmac('sha256', key).update(`${at}.${text}`).digest('hex')}`;
    expect(verifySettleSignature(body, sign(t), secret)).toBe(true);
    expect(verifySettleSignature(body, `${sign(t, 'old')},${sign(t).split(',')[1]}`, secret)).toBe(true);
    expect(verifySettleSignature(body, sign(t, 'other'), secret)).toBe(false);
    expect(verifySettleSignature(body, sign(t - 3600), secret)).toBe(false);
    expect(verifySettleSignature(`${body} `, sign(t), secret)).toBe(false);
    expect(verifySettleSignature(body, undefined, secret)).toBe(false);
  });
});
