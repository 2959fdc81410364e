import { describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { portalSession } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { connectedOrg, postForm, stripeWorldForFile } from '../stripe/stripe-test-kit.js';
import { AutopayHold } from './autopay.entities.js';
import { autopayOf } from './autopay.integration.js';
import { attemptsOf, chargerOf } from './autopay-test-kit.js';

/** Why autopay did not charge a due invoice, kept by the sweep and shown to billing staff on the invoice. */
const w = stripeWorldForFile();

const HOLD = `query($id: ID!) { invoice(id: $id) { id autopayHold { reason since checkedAt } } }`;
const LIST_HOLDS = `query { invoices(first: 50) { nodes { id autopayHold { reason } } } }`;
const AUTOPAY = `mutation($on: Boolean!) { setAutopay(enabled: $on) { enabled } }`;

describe('autopay holds (emulator, PostgreSQL)', () => {
  it('a due invoice with no default method shows NO_DEFAULT_METHOD to staff until a charge is made', async () => {
    const o = await connectedOrg(w);
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    ok(await w.settle.gql(AUTOPAY, { on: true }, portal));
    const inv = await o.fx.sentInvoice(60);
    const first = new Date(`${inv.dueDate}T12:00:00Z`);
    const clock = new ManualClock(first.toISOString());
    w.settle.container.clock = clock;
    const hold = async () => ok(await w.settle.gql(HOLD, { id: inv.id }, o.token)).invoice.autopayHold;

    expect(await hold()).toBeNull();
    expect(await chargerOf(w).runDue(clock.now())).toMatchObject({ skipped: 1, charged: 0 });
    expect(await hold()).toEqual({
      reason: 'NO_DEFAULT_METHOD',
      since: first.toISOString(),
      checkedAt: first.toISOString(),
    });
    // Found again a day later: still held since the first look, checked now.
    const later = new Date(first.getTime() + 86_400_000);
    clock.set(later);
    await chargerOf(w).runDue(clock.now());
    expect(await hold()).toEqual({
      reason: 'NO_DEFAULT_METHOD',
      since: first.toISOString(),
      checkedAt: later.toISOString(),
    });
    // A list of invoices reads it too.
    const listed = ok(await w.settle.gql(LIST_HOLDS, {}, o.token)).invoices.nodes;
    expect(listed.find((n: { id: string }) => n.id === inv.id).autopayHold).toEqual({ reason: 'NO_DEFAULT_METHOD' });

    // With the client's autopay off the reason no longer applies: not shown (the row is left for the sweep).
    ok(await w.settle.gql(AUTOPAY, { on: false }, portal));
    expect(await hold()).toBeNull();
    ok(await w.settle.gql(AUTOPAY, { on: true }, portal));
    expect((await hold()).reason).toBe('NO_DEFAULT_METHOD');

    // The portal user may read the invoice, never its hold; another org sees neither.
    expect(failure(await w.settle.gql(HOLD, { id: inv.id }, portal)).code).toBe('FORBIDDEN');
    const other = await connectedOrg(w, 'Other Co');
    expect(failure(await w.settle.gql(HOLD, { id: inv.id }, other.token)).code).toBe('NOT_FOUND');
    expect(await autopayOf(w.settle.container).holds.forInvoices(other.org.id, [inv.id])).toEqual([]);

    // The client saves a card (the default): the next sweep charges it, and the hold is gone.
    const { url } = ok(
      await w.settle.gql(`mutation { startSavePaymentMethod { url } }`, {}, portal),
    ).startSavePaymentMethod;
    expect((await postForm(url, { card_number: '4242424242424242' })).status).toBe(303);
    expect(await chargerOf(w).runDue(clock.now())).toMatchObject({ charged: 1 });
    expect((await attemptsOf(w, inv.id)).map((a) => a.status)).toEqual(['SUCCEEDED']);
    expect(await hold()).toBeNull();
    expect(await w.settle.container.db.getRepository(AutopayHold).countBy({ invoiceId: inv.id })).toBe(0);
  });
});
