import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { call, control, invoiceInQuickBooks, operations, settled, startQbWorld } from './quickbooks.test-support.js';

// QuickBooks mails the invoice (with its Pay Now link) from a queued operation, which may run late.
const w = forFile(() => startQbWorld());

describe('an invoice mailed by QuickBooks', () => {
  it('voided in Settle before QuickBooks got to mail it: the client is not sent it', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    // QuickBooks is busy for a moment: the mail is retried, and the void overtakes it.
    await control(w.emu, '/faults', { kind: 503, count: 3, pathPattern: '/send' });
    await w.settle.gql(
      `mutation($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { id } }`,
      { id: s.invoice.id },
      s.token,
    );
    await c.invoices.void(s.org.id, SYSTEM_ACTOR, s.invoice.id);
    await settled(w, s.org.id);
    await control(w.emu, '/faults', undefined, 'DELETE');
    const ops = await operations(w, s.org.id);
    expect(ops.filter((o) => o.kind !== 'PUSH_INVOICE').map((o) => [o.kind, o.status])).toEqual([
      ['EMAIL_INVOICE', 'SKIPPED'],
      ['VOID_INVOICE', 'DONE'],
    ]);
    expect((await call<any>((cb) => s.qbo.getInvoice(s.qbId, cb))).EmailStatus).not.toBe('EmailSent');
  });

  it('asked twice at once, and again, while its email waits: QuickBooks mails it once; asked after, once more', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    const email = () =>
      w.settle.gql(`mutation($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { id } }`, { id: s.invoice.id }, s.token);
    const mailed = async () =>
      (await operations(w, s.org.id)).filter((o) => o.kind === 'EMAIL_INVOICE').map((o) => o.status);
    // QuickBooks is busy for a while: the first email waits, retried, while the same request comes again.
    await control(w.emu, '/faults', { kind: 503, count: 5, pathPattern: '/send' });
    const clicks = await Promise.all([email(), email()]);
    const replay = await email();
    for (const r of [...clicks, replay]) expect(r.errors).toBeUndefined();
    expect(await mailed()).toEqual(['PENDING']);
    await settled(w, s.org.id);
    await control(w.emu, '/faults', undefined, 'DELETE');
    expect(await mailed()).toEqual(['DONE']);
    // Mailed already: asking again is a resend, and QuickBooks mails it again.
    expect((await email()).errors).toBeUndefined();
    await settled(w, s.org.id);
    expect(await mailed()).toEqual(['DONE', 'DONE']);
  });
});
