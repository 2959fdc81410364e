import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import QuickBooks from 'node-quickbooks';
import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { payByCheck } from '../../../test/fixtures.js';
import * as qb from './quickbooks.test-support.js';

// Intuit refuses a refresh token (revoked, expired after 100 days): until someone reconnects, nothing
// reaches QuickBooks. What happens in Settle meanwhile must reach it after, or QuickBooks' Pay Now still
// asks for money already paid.
const w = forFile(() => qb.startQbWorld());

describe('QuickBooks tokens that cannot be refreshed', () => {
  it('payments recorded until QuickBooks is reconnected reach it then: its invoice is paid there, once', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    // The access token is due for a refresh, and Intuit no longer knows the refresh token.
    await c.db.query(
      `UPDATE qbo_connections SET refresh_token_sealed = $2, access_token_expires_at = now() WHERE org_id = $1`,
      [s.org.id, c.secrets.seal('revoked-refresh-token')],
    );
    const first = await payByCheck(c, s.org.id, s.invoice.id, 4000);
    await eventually(async () => {
      const [row] = await c.db.query(`SELECT status FROM qbo_connections WHERE org_id = $1`, [s.org.id]);
      return row.status === 'ERROR';
    }, 'the refresh to be refused');
    // Paid in full while QuickBooks waits to be reconnected.
    const second = await payByCheck(c, s.org.id, s.invoice.id, 6000);
    expect(await c.db.query(`SELECT kind FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toEqual([]);

    expect(await qb.connectViaOAuth(w, s.token)).toContain('quickbooks=connected');
    await qb.settled(w, s.org.id);
    expect(await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb))).toMatchObject({ Balance: 0 });
    const notes = (await qb.qbEntities(w.emu, 'Payment')).map((p) => String(p.PrivateNote));
    for (const paid of [first, second]) expect(notes.filter((n) => n.includes(paid.payment.id))).toHaveLength(1);
    const ops = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'PUSH_PAYMENT');
    expect(ops.map((o) => o.status)).toEqual(['DONE', 'DONE']);
  });

  it('disconnecting instead drops what waited: the connection reads disconnected, nothing stays pending', async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    await c.db.query(`UPDATE qbo_connections SET status = 'ERROR' WHERE org_id = $1`, [s.org.id]);
    await payByCheck(c, s.org.id, s.invoice.id, 10000);
    const r = await w.settle.gql(`mutation { disconnectQuickBooks { status } }`, {}, s.token);
    expect(r.data.disconnectQuickBooks).toEqual({ status: 'DISCONNECTED' });
    const ops = await qb.operations(w, s.org.id);
    expect(ops.filter((o) => o.status === 'PENDING')).toEqual([]);
    expect(ops.find((o) => o.kind === 'PUSH_PAYMENT')).toMatchObject({ status: 'SKIPPED' });
  });

  it("Intuit's token endpoint out of reach for a moment: the operation that needed a refresh is retried, not failed", async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    await c.db.query(`UPDATE qbo_connections SET access_token_expires_at = now() WHERE org_id = $1`, [s.org.id]);
    const tokenUrl = QuickBooks.TOKEN_URL;
    QuickBooks.TOKEN_URL = 'http://127.0.0.1:9/oauth2/v1/tokens/bearer'; // nothing listens there
    try {
      await payByCheck(c, s.org.id, s.invoice.id, 10000);
      await eventually(async () => {
        const op = (await qb.operations(w, s.org.id)).find((o) => o.kind === 'PUSH_PAYMENT');
        return Boolean(op?.last_error);
      }, 'the refresh to fail');
    } finally {
      QuickBooks.TOKEN_URL = tokenUrl;
    }
    await qb.settled(w, s.org.id);
    expect((await qb.operations(w, s.org.id)).map((o) => [o.kind, o.status])).toEqual([
      ['PUSH_INVOICE', 'DONE'],
      ['PUSH_PAYMENT', 'DONE'],
    ]);
    expect(await c.db.query(`SELECT kind FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toEqual([]);
    expect(await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb))).toMatchObject({ Balance: 0 });
  });

  it("Intuit's token endpoint that never answers: the refresh gives up in time and the operation is retried", async () => {
    const s = await qb.invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    await c.db.query(`UPDATE qbo_connections SET access_token_expires_at = now() WHERE org_id = $1`, [s.org.id]);
    const silent = createServer(() => {}); // takes the request, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const settings = qb.quickBooksOf(c).connections.settings;
    const [tokenUrl, timeoutMs] = [QuickBooks.TOKEN_URL, settings.timeoutMs];
    QuickBooks.TOKEN_URL = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/oauth2/v1/tokens/bearer`;
    settings.timeoutMs = 300;
    try {
      await payByCheck(c, s.org.id, s.invoice.id, 10000);
      await eventually(async () => {
        const op = (await qb.operations(w, s.org.id)).find((o) => o.kind === 'PUSH_PAYMENT');
        return String(op?.last_error).includes('timed out');
      }, 'the refresh to give up');
    } finally {
      QuickBooks.TOKEN_URL = tokenUrl;
      settings.timeoutMs = timeoutMs;
      silent.closeAllConnections();
      silent.close();
    }
    await qb.settled(w, s.org.id);
    expect((await qb.operations(w, s.org.id)).map((o) => o.status)).toEqual(['DONE', 'DONE']);
  });
});
