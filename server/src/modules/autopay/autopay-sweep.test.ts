import { describe, expect, it } from 'vitest';
import { portalSession } from '../../../test/fixtures.js';
import { connectedOrg, invoiceOf, stripeWorldForFile } from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayDueInvoice, chargerOf } from './autopay-test-kit.js';

/** The sweep over every org: invoices it cannot charge now never keep it from the others. */
const w = stripeWorldForFile();

describe('autopay sweep (emulator, PostgreSQL)', () => {
  it("invoices left due in one org (no saved method) do not starve another org's charges", async () => {
    // Org A: autopay on, but the client never saved a method: its invoices stay due, oldest first.
    const a = await connectedOrg(w, 'No Method Co');
    const portal = await portalSession(w.settle, a.org.id, a.fx.client.id);
    await w.settle.gql(`mutation { setAutopay(enabled: true) { enabled } }`, {}, portal);
    const stuck = [await a.fx.sentInvoice(60), await a.fx.sentInvoice(30)];
    await w.settle.container.db.query(
      `UPDATE invoices SET issue_date = '2026-01-01', due_date = '2026-01-15' WHERE id = ANY($1::uuid[])`,
      [stuck.map((i) => i.id)],
    );
    // Org B: a saved card and an invoice due later.
    const { o: b, inv, clock } = await autopayDueInvoice(w, { card_number: '4242424242424242' });

    // A batch holds only org A's two: the sweep reads on and charges org B's invoice.
    const counts = await chargerOf(w).runDue(clock.now(), 2);
    expect(counts).toMatchObject({ charged: 1, skipped: 2 });
    expect((await attemptsOf(w, inv.id)).map((a) => a.status)).toEqual(['SUCCEEDED']);
    expect((await invoiceOf(w, b.org.id, inv.id)).status).toBe('PAID');
    for (const i of stuck) expect(await attemptsOf(w, i.id)).toEqual([]);
  });
});
