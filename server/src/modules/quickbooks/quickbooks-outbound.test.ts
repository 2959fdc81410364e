import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import * as qb from './quickbooks.test-support.js';
import { todayIn } from '../../platform/time-zone.js';

const w = forFile(() => qb.startQbWorld());

const a = SYSTEM_ACTOR;
const setup = () => qb.bookingSetup(w, 12000);

const qbInvoice = async (id: string) => (await qb.qbEntities(w.emu, 'Invoice')).find((i) => i.Id === id);

describe('QuickBooks outbound', () => {
  it("a client's new name, billing email and address follow to its QuickBooks customer, also after someone edited it there", async () => {
    const s = await setup();
    await s.sentToQb();
    await qb.settled(w, s.org.id);
    const customerId = (await qb.qbIdOf(w, s.org.id, 'CLIENT', s.f.client.id))!;
    const qbo = await qb.directClient(w.emu);
    const customer = () => qb.call<any>((cb) => qbo.getCustomer(customerId, cb));
    // Someone edits the customer in QuickBooks first: Settle's SyncToken is stale now.
    const current = await customer();
    await qb.call((cb) =>
      qbo.updateCustomer({ Id: customerId, SyncToken: current.SyncToken, sparse: true, Notes: 'VIP' }, cb),
    );

    const name = `Renamed ${s.org.id.slice(0, 8)}`;
    await s.c.clients.update(s.org.id, a, s.f.client.id, { name, billingEmail: 'ap@renamed.test' });
    await qb.settled(w, s.org.id);
    expect(await customer()).toMatchObject({
      DisplayName: name,
      PrimaryEmailAddr: { Address: 'ap@renamed.test' },
      Notes: 'VIP',
    });
    const ops = (await qb.operations(w, s.org.id)).filter((o) => o.kind === 'UPDATE_CUSTOMER');
    expect(ops.map((o) => o.status)).toEqual(['DONE']);
    // An edit that changes neither name, email nor address sends nothing.
    await s.c.clients.update(s.org.id, a, s.f.client.id, { daysUntilDue: 45 });
    await qb.settled(w, s.org.id);
    expect((await qb.operations(w, s.org.id)).filter((o) => o.kind === 'UPDATE_CUSTOMER')).toHaveLength(1);
    // A new billing address becomes the customer's BillAddr.
    const address = { line1: ' 1 Harbour Rd ', city: 'Portland', region: 'OR', postalCode: '97201', country: 'us' };
    await s.c.clients.update(s.org.id, a, s.f.client.id, { billingAddress: address });
    await qb.settled(w, s.org.id);
    expect((await customer()).BillAddr).toMatchObject({
      Line1: '1 Harbour Rd',
      City: 'Portland',
      CountrySubDivisionCode: 'OR',
      PostalCode: '97201',
      Country: 'US',
    });
    expect((await qb.operations(w, s.org.id)).filter((o) => o.kind === 'UPDATE_CUSTOMER')).toHaveLength(2);
  });

  it('"Sync to QuickBooks" gives a client with no invoice its customer, with its address, once', async () => {
    const s = await setup();
    const address = { line1: '9 Dock St', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' };
    await s.c.clients.update(s.org.id, a, s.f.client.id, { billingAddress: address });
    const sync = (id: string) =>
      w.settle.gql(`mutation($id: ID!) { syncClientToQuickBooks(id: $id) { id } }`, { id }, s.token);
    expect((await sync(s.f.client.id)).errors).toBeUndefined();
    await qb.settled(w, s.org.id);
    const customerId = await qb.qbIdOf(w, s.org.id, 'CLIENT', s.f.client.id);
    const named = async () => (await qb.qbEntities(w.emu, 'Customer')).filter((c) => c.DisplayName === s.f.client.name);
    expect(await named()).toMatchObject([
      { Id: customerId, BillAddr: { Line1: '9 Dock St', City: 'Leeds', PostalCode: 'LS1 4AP', Country: 'GB' } },
    ]);
    // A second sync brings the same customer up to date: still one.
    expect((await sync(s.f.client.id)).errors).toBeUndefined();
    await qb.settled(w, s.org.id);
    expect(await named()).toHaveLength(1);
    const unknown = await sync('6b0c9e38-2d3a-4d8e-9a55-0c2f7c1e9b11');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('offers ACH Pay Now only for a US company (its country read at connect, or at the next push)', async () => {
    const s = await setup();
    const country = async () =>
      (await s.c.db.query(`SELECT company_country FROM qbo_connections WHERE org_id = $1`, [s.org.id]))[0]
        .company_country;
    const payNow = async (invoiceId: string) => {
      await qb.settled(w, s.org.id);
      const q = await qbInvoice((await qb.qbIdOf(w, s.org.id, 'INVOICE', invoiceId))!);
      return { card: q.AllowOnlineCreditCardPayment, ach: q.AllowOnlineACHPayment };
    };
    expect(await country()).toBe('US');
    expect(await payNow((await s.sentToQb()).id)).toEqual({ card: true, ach: true });
    // A Canadian company: cards yes, bank debits no.
    await s.c.db.query(`UPDATE qbo_connections SET company_country = 'CA' WHERE org_id = $1`, [s.org.id]);
    expect(await payNow((await s.sentToQb()).id)).toEqual({ card: true, ach: false });
    // A connection made before the country was recorded reads it from QuickBooks at its next push.
    await s.c.db.query(`UPDATE qbo_connections SET company_country = NULL WHERE org_id = $1`, [s.org.id]);
    expect(await payNow((await s.sentToQb()).id)).toEqual({ card: true, ach: true });
    expect(await country()).toBe('US');
  });

  it('pushes an invoice on send to QUICKBOOKS: customer found by email first, lines on the fallback item, DocNumber, due date, Pay Now flags', async () => {
    const s = await setup();
    const birds = await s.c.clients.create(s.org.id, a, {
      name: 'Bird Sanctuary (Settle)',
      billingEmail: 'birds@intuit.com',
      currency: 'USD',
    });
    const customersBefore = (await qb.qbEntities(w.emu, 'Customer')).length;
    const ticket = await s.c.tickets.create(s.org.id, a, { clientId: birds.id, title: 'Feeders' });
    const e = await s.c.timeEntries.log(s.org.id, a, {
      ticketId: ticket.id,
      serviceId: s.f.service.id,
      technicianId: s.f.tech.id,
      workDate: '2026-11-03',
      minutes: 90,
    });
    await s.c.timeEntries.submit(s.org.id, a, [e.id]);
    await s.c.timeEntries.approve(s.org.id, a, [e.id]);
    const gen = await s.c.generation.generate(s.org.id, a, {
      clientIds: [birds.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const inv = await s.c.invoices.send(s.org.id, a, gen.invoices[0]!.id, { destinations: ['QUICKBOOKS'] });
    await qb.settled(w, s.org.id);

    const qbId = await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    const q = await qbInvoice(qbId!);
    expect(q).toMatchObject({
      DocNumber: inv.number,
      DueDate: inv.dueDate,
      TotalAmt: inv.total / 100,
      CustomerRef: { value: '1' },
      AllowOnlineCreditCardPayment: true,
      AllowOnlineACHPayment: true,
      BillEmail: { Address: 'birds@intuit.com' },
    });
    const lines = q.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail');
    expect(lines[0]).toMatchObject({
      Amount: 180,
      SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1.5, UnitPrice: 120 },
    });
    // Found the seeded "Amy's Bird Sanctuary" by primary email: no new customer.
    expect((await qb.qbEntities(w.emu, 'Customer')).length).toBe(customersBefore);
    expect(await qb.qbIdOf(w, s.org.id, 'CLIENT', birds.id)).toBe('1');
    const ops = await qb.operations(w, s.org.id);
    expect(ops.map((o) => [o.kind, o.status])).toEqual([['PUSH_INVOICE', 'DONE']]);
    // lookup by email + createInvoice (+ the one-off fallback item lookup)
    expect(ops[0].requests).toBeLessThanOrEqual(3);
  });

  it('"Send to QuickBooks" pushes a draft; draft edits follow as sparse updates, also after a stale SyncToken', async () => {
    const s = await setup();
    const d = await s.draft(60);
    const sendToQb = `mutation($id: ID!) { sendInvoiceToQuickBooks(id: $id) { id status } }`;
    expect((await w.settle.gql(sendToQb, { id: d.id }, s.token)).errors).toBeUndefined();
    await qb.settled(w, s.org.id);
    const qbId = (await qb.qbIdOf(w, s.org.id, 'INVOICE', d.id))!;
    const customers = (await qb.qbEntities(w.emu, 'Customer')).filter(
      (c) => c.PrimaryEmailAddr?.Address === 'ap@client.test',
    );
    expect(customers.length).toBeGreaterThanOrEqual(1);

    await s.c.invoices.updateDraft(s.org.id, a, d.id, { notes: 'Ask for the PO number', dueDate: '2026-12-31' });
    await qb.settled(w, s.org.id);
    let q = await qbInvoice(qbId);
    expect(q).toMatchObject({ PrivateNote: 'Ask for the PO number', DueDate: '2026-12-31' });

    // Someone edits a field Settle does not own in QuickBooks: Settle's SyncToken is stale, the edit stays.
    const qbo = await qb.directClient(w.emu);
    await qb.call((cb) =>
      qbo.updateInvoice({ Id: qbId, SyncToken: q.SyncToken, sparse: true, ShipDate: '2026-12-20' }, cb),
    );
    await s.c.invoices.updateDraft(s.org.id, a, d.id, { notes: 'Second edit' });
    await qb.settled(w, s.org.id);
    q = await qbInvoice(qbId);
    expect(q).toMatchObject({ PrivateNote: 'Second edit', ShipDate: '2026-12-20' });
    const updates = () => qb.operations(w, s.org.id).then((ops) => ops.filter((o) => o.kind === 'UPDATE_INVOICE'));
    expect((await updates()).map((u) => [u.version, u.status])).toEqual([
      [1, 'DONE'],
      [2, 'DONE'],
    ]);
    expect((await updates())[1].requests).toBe(2); // read (is it edited there?), write on its SyncToken
    expect((await qb.qbEntities(w.emu, 'Invoice')).filter((i) => i.DocNumber === d.number)).toHaveLength(1);

    // An edit of what Settle owns (the memo) is not overwritten by Settle's next edit: it is an exception.
    q = await qbInvoice(qbId);
    await qb.call((cb) =>
      qbo.updateInvoice(
        { Id: qbId, SyncToken: q.SyncToken, sparse: true, CustomerMemo: { value: 'edited in QBO' } },
        cb,
      ),
    );
    await s.c.invoices.updateDraft(s.org.id, a, d.id, { notes: 'Third edit' });
    await qb.settled(w, s.org.id);
    expect(await qbInvoice(qbId)).toMatchObject({
      CustomerMemo: { value: 'edited in QBO' },
      PrivateNote: 'Second edit',
    });
    expect((await updates()).map((u) => u.status)).toEqual(['DONE', 'DONE', 'FAILED']);
    const ex = await w.settle.gql(
      `{ quickBooksExceptions {nodes{ kind differences { field quickBooks } }} }`,
      {},
      s.token,
    );
    expect(ex.data.quickBooksExceptions.nodes).toContainEqual({
      kind: 'INVOICE_CHANGED_IN_QUICKBOOKS',
      differences: expect.arrayContaining([{ field: 'CustomerMemo', quickBooks: 'edited in QBO' }]),
    });
  });

  it('QuickBooks as a destination at Generate: the org setting pushes drafts at generation; a generation may override it', async () => {
    const s = await setup();
    const GENERATE = `mutation($input: GenerateInvoicesInput!) { generateInvoices(input: $input) { invoices { id status } } }`;
    const generate = async (destinations?: string[]): Promise<any> => {
      await s.f.approvedEntry(30);
      const r = await w.settle.gql(
        GENERATE,
        { input: { clientIds: [s.f.client.id], periodStart: '2026-11-01', periodEnd: '2026-11-30', destinations } },
        s.token,
      );
      if (r.errors) return r.errors[0];
      await qb.settled(w, s.org.id);
      const [inv] = r.data.generateInvoices.invoices;
      expect(inv.status).toBe('DRAFT');
      return qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    };
    expect(await generate()).toBeNull(); // off by default
    expect(await generate(['QUICKBOOKS'])).toBeTruthy(); // asked for at this generation
    const on = await w.settle.gql(
      `mutation { updateQuickBooksMapping(input: { pushOnGenerate: true }) { mapping { pushOnGenerate } } }`,
      {},
      s.token,
    );
    expect(on.data.updateQuickBooksMapping.mapping.pushOnGenerate).toBe(true);
    const qbId = await generate();
    expect(qbId).toBeTruthy();
    expect(await qbInvoice(qbId)).toMatchObject({ AllowOnlineCreditCardPayment: false });
    expect(await generate([])).toBeNull(); // this generation says nowhere
    expect((await generate(['EMAIL'])).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'destinations' });
  });

  it('void, Email via QuickBooks (BillEmail), manual payment → linked QB Payment, credit memo', async () => {
    const s = await setup();
    const toVoid = await s.sentToQb(30);
    const paid = await s.sentToQb(60);
    await qb.settled(w, s.org.id);
    await s.c.invoices.void(s.org.id, a, toVoid.id);
    const emailed = await w.settle.gql(
      `mutation($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { id } }`,
      { id: paid.id },
      s.token,
    );
    expect(emailed.errors).toBeUndefined();
    const pay = await s.c.settlement.settle(s.org.id, a, {
      invoiceId: paid.id,
      amount: paid.total,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
      reference: '1042',
    });
    await qb.settled(w, s.org.id);
    await s.c.settlement.issueCreditMemo(s.org.id, a, { invoiceId: paid.id, amount: 2500, reason: 'Goodwill' });
    await qb.settled(w, s.org.id);

    const voided = await qbInvoice((await qb.qbIdOf(w, s.org.id, 'INVOICE', toVoid.id))!);
    expect(voided.__voided).toBe(true);
    const paidQbId = (await qb.qbIdOf(w, s.org.id, 'INVOICE', paid.id))!;
    const q = await qbInvoice(paidQbId);
    expect(q).toMatchObject({ EmailStatus: 'EmailSent', BillEmail: { Address: 'ap@client.test' }, Balance: 0 });
    const qbPaymentId = await qb.qbIdOf(w, s.org.id, 'PAYMENT', pay.payment.id);
    const qbPayment = (await qb.qbEntities(w.emu, 'Payment')).find((p) => p.Id === qbPaymentId);
    expect(qbPayment).toMatchObject({ TotalAmt: paid.total / 100, PaymentRefNum: '1042' });
    expect(qbPayment.Line[0].LinkedTxn).toEqual([{ TxnId: paidQbId, TxnType: 'Invoice' }]);
    const memoQbId = await eventually(
      async () =>
        (
          await w.settle.container.db.query(
            `SELECT qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = 'CREDIT_MEMO'`,
            [s.org.id],
          )
        )[0]?.qb_id,
      'credit memo link',
    );
    const memo = (await qb.qbEntities(w.emu, 'CreditMemo')).find((m) => m.Id === memoQbId);
    expect(memo).toMatchObject({ TotalAmt: 25, CustomerRef: q.CustomerRef });
    expect((await qb.operations(w, s.org.id)).every((o) => o.status === 'DONE')).toBe(true);
  });

  it("a discount memo on an open invoice is dated in QuickBooks on the org's wall, not the UTC date", async () => {
    const s = await setup();
    // A zone whose date differs from UTC's now, whatever the hour: 14 hours ahead, or 11 behind.
    const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    await s.c.db.query(`UPDATE organizations SET time_zone = $2 WHERE id = $1`, [s.org.id, zone]);
    const open = await s.sentToQb(60);
    await qb.settled(w, s.org.id);
    const { creditMemo } = await s.c.settlement.issueCreditMemo(s.org.id, a, {
      invoiceId: open.id,
      amount: 1500,
      reason: 'Discount',
    });
    await qb.settled(w, s.org.id);
    const wall = todayIn(zone, creditMemo.createdAt);
    expect(wall).not.toBe(creditMemo.createdAt.toISOString().slice(0, 10));
    const memoQbId = (await qb.qbIdOf(w, s.org.id, 'CREDIT_MEMO', creditMemo.id))!;
    const applied = (await qb.qbEntities(w.emu, 'Payment')).find((p) =>
      String(p.PrivateNote ?? '').includes(creditMemo.id),
    );
    expect(applied?.TxnDate).toBe(wall);
    const memo = (await qb.qbEntities(w.emu, 'CreditMemo')).find((m) => m.Id === memoQbId);
    expect(memo?.TxnDate).toBe(wall);
  });

  it('Email via QuickBooks waits for what happened to the invoice to reach QuickBooks, and refuses a draft', async () => {
    const s = await setup();
    const inv = await s.sentToQb(60);
    await qb.settled(w, s.org.id);
    // The payment's push fails twice (retried with backoff) while the email is asked for.
    await qb.control(w.emu, '/faults', { status: 500, count: 2, method: 'POST', pathPattern: '/payment$' });
    await payByCheck(s.c, s.org.id, inv.id, 3000);
    const email = `mutation($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { id } }`;
    expect((await w.settle.gql(email, { id: inv.id }, s.token)).errors).toBeUndefined();
    await qb.settled(w, s.org.id);
    const ran = (await qb.ranInOrder(w, s.org.id)).map((o) => [o.kind, o.status]);
    expect(ran).toEqual([
      ['PUSH_INVOICE', 'DONE'],
      ['PUSH_PAYMENT', 'DONE'],
      ['EMAIL_INVOICE', 'DONE'],
    ]);
    const q = await qbInvoice((await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id))!);
    expect(q).toMatchObject({ EmailStatus: 'EmailSent', Balance: (inv.total - 3000) / 100 });

    const draft = await s.draft(15);
    const refused = await w.settle.gql(email, { id: draft.id }, s.token);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.errors?.[0].message).toContain('is a draft');
  });

  it('429 and 500 from QuickBooks are retried with backoff and never duplicate the invoice or payment', async () => {
    const s = await setup();
    const d = await s.draft(45);
    await qb.control(w.emu, '/faults', { status: 429, count: 2, method: 'POST', pathPattern: '/invoice$' });
    await qb.control(w.emu, '/faults', { status: 500, count: 1, method: 'POST', pathPattern: '/invoice$' });
    const inv = await s.c.invoices.send(s.org.id, a, d.id, { destinations: ['QUICKBOOKS'] });
    await qb.control(w.emu, '/faults', { status: 500, count: 2, method: 'POST', pathPattern: '/payment$' });
    await payByCheck(s.c, s.org.id, inv.id, 1000);
    await qb.settled(w, s.org.id);
    const ops = await qb.operations(w, s.org.id);
    expect(ops.map((o) => [o.kind, o.status, o.attempts])).toEqual([
      ['PUSH_INVOICE', 'DONE', 4],
      ['PUSH_PAYMENT', 'DONE', 3],
    ]);
    expect((await qb.qbEntities(w.emu, 'Invoice')).filter((i) => i.DocNumber === inv.number)).toHaveLength(1);
    const qbInvId = await qb.qbIdOf(w, s.org.id, 'INVOICE', inv.id);
    const payments = (await qb.qbEntities(w.emu, 'Payment')).filter(
      (p) => p.Line?.[0]?.LinkedTxn?.[0]?.TxnId === qbInvId,
    );
    expect(payments).toHaveLength(1);
    expect((await qbInvoice(qbInvId!)).Balance).toBe(inv.total / 100 - 10);
  });

  it('a rejected write lands in the exceptions list; retry resolves it once fixed', async () => {
    const s = await setup();
    const d = await s.draft(30);
    // Point the mapping at an item QuickBooks does not know: the push fails for good (no retry).
    await w.settle.container.db.query(`UPDATE qbo_connections SET default_item_id = '99999' WHERE org_id = $1`, [
      s.org.id,
    ]);
    await s.c.invoices.send(s.org.id, a, d.id, { destinations: ['QUICKBOOKS'] });
    await qb.settled(w, s.org.id);
    const list = await w.settle.gql(`{ quickBooksExceptions {nodes{ id kind message resolvedAt }} }`, {}, s.token);
    expect(list.data.quickBooksExceptions.nodes).toHaveLength(1);
    expect(list.data.quickBooksExceptions.nodes[0]).toMatchObject({ kind: 'PUSH_INVOICE', resolvedAt: null });
    expect(list.data.quickBooksExceptions.nodes[0].message).toMatch(/QuickBooks 400/);

    await w.settle.container.db.query(`UPDATE qbo_connections SET default_item_id = NULL WHERE org_id = $1`, [
      s.org.id,
    ]);
    const retried = await w.settle.gql(
      `mutation($id: ID!) { retryQuickBooksException(id: $id) { resolvedAt resolvedBy } }`,
      { id: list.data.quickBooksExceptions.nodes[0].id },
      s.token,
    );
    expect(retried.data.retryQuickBooksException.resolvedAt).not.toBeNull();
    await qb.settled(w, s.org.id);
    expect(await qb.qbIdOf(w, s.org.id, 'INVOICE', d.id)).not.toBeNull();
    expect(
      (await w.settle.gql(`{ quickBooksExceptions {nodes{ id }} }`, {}, s.token)).data.quickBooksExceptions.nodes,
    ).toHaveLength(0);
  });
});
