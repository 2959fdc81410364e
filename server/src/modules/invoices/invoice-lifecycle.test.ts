import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { daysFromToday, expectNoChange, failure, ok } from '../../../test/api.js';
import { FIELDS, invoiceApi, SEND, UPDATE } from './invoice-lifecycle.test-support.js';

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Lifecycle Org');
const { client, create, emailFor } = invoiceApi(s, a);

describe('createInvoice', () => {
  it('computes lines, discounts and tax in USD (2 decimals) and emails the invoice with its portal link on send', async () => {
    const c = await client('USD');
    const inv = await create({
      clientId: c,
      notes: 'Thanks',
      lines: [
        { description: 'Setup', quantity: '2.5', unitPrice: 12345, discount: 345, taxRateBps: 825 },
        { kind: 'DISCOUNT', description: 'Loyalty', quantity: '1', unitPrice: 1000 },
      ],
    });
    // 2.5 × 123.45 = 308.625 → 308.63; − 3.45 = 305.18; tax 8.25% = 25.17735 → 25.18; discount line −10.00.
    expect(inv.lines.map((l: Record<string, unknown>) => [l.kind, l.amount, l.taxAmount])).toEqual([
      ['MANUAL', 30518, 2518],
      ['DISCOUNT', -1000, 0],
    ]);
    expect(inv).toMatchObject({
      status: 'DRAFT',
      currency: 'USD',
      subtotal: 29518,
      taxTotal: 2518,
      total: 32036,
      balanceDue: 32036,
      amountPaid: 0,
      notes: 'Thanks',
      finalizedAt: null,
    });

    const sent = ok(await s.gql(SEND, { id: inv.id }, a.token)).sendInvoice;
    expect(sent.status).toBe('SENT');
    expect(sent.finalizedAt).not.toBeNull();
    expect(sent.portalUrl).toBe(`${s.url}/portal/invoices/${inv.id}`);
    const [mail] = await emailFor(inv.id);
    expect(mail!.to_address).toBe('ap@usd.test');
    expect(mail!.subject).toContain('USD 320.36');
    expect(mail!.text_body).toContain(`${s.url}/portal/invoices/${inv.id}`);
    const outbox = ok(await s.gql(`{emails(first:100){nodes{kind relatedId status}}}`, {}, a.token)).emails.nodes;
    expect(outbox).toContainEqual({ kind: 'INVOICE', relatedId: inv.id, status: 'QUEUED' });

    const timeline = ok(
      await s.gql(`query($id:ID!){invoice(id:$id){timeline{action actorType before after}}}`, { id: inv.id }, a.token),
    ).invoice.timeline;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['invoice.created', 'invoice.sent']);
    expect(timeline[1]).toMatchObject({ actorType: 'USER', before: { status: 'DRAFT' }, after: { status: 'SENT' } });
  });

  it('uses the currency exponent: JPY has no minor unit, KWD has three', async () => {
    const jpy = await create({
      clientId: await client('JPY'),
      lines: [{ description: 'Audit', quantity: '3', unitPrice: 1500, taxRateBps: 1000 }],
    });
    expect(jpy).toMatchObject({ currency: 'JPY', subtotal: 4500, taxTotal: 450, total: 4950 });
    // 1.5 × 12.345 KWD = 18.5175 → 18.518; tax 5% = 0.9259 → 0.926.
    const kwd = await create({
      clientId: await client('KWD'),
      lines: [{ description: 'Support', quantity: '1.5', unitPrice: 12345, taxRateBps: 500 }],
    });
    expect(kwd).toMatchObject({ currency: 'KWD', subtotal: 18518, taxTotal: 926, total: 19444 });
    ok(await s.gql(SEND, { id: jpy.id }, a.token));
    ok(await s.gql(SEND, { id: kwd.id }, a.token));
    expect((await emailFor(jpy.id))[0]!.subject).toContain('JPY 4,950');
    expect((await emailFor(kwd.id))[0]!.subject).toContain('KWD 19.444');
  });

  it('refuses sending an invoice without lines', async () => {
    const inv = await create({ clientId: await client('USD'), lines: [] });
    expect(failure(await s.gql(SEND, { id: inv.id }, a.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('updateDraftInvoice', () => {
  it('edits notes and dates and replaces lines; a removed time line gives its entries back', async () => {
    const f = await billingFixture(s.container, a.org.id, { catalogPrice: 6000 });
    const svc2 = await s.container.catalog.create(a.org.id, f.actor, {
      code: 'ZZZ-2',
      name: 'Project',
      prices: [{ currency: 'USD', unitAmount: 9000 }],
    });
    const kept = await f.approvedEntry(60);
    const dropped = await s.container.timeEntries.log(a.org.id, f.actor, {
      ticketId: f.ticket.id,
      serviceId: svc2.id,
      technicianId: f.tech.id,
      workDate: '2026-11-05',
      minutes: 30,
      submit: true,
    });
    await s.container.timeEntries.approve(a.org.id, f.actor, [dropped.id]);
    const gen = await s.container.generation.generate(a.org.id, f.actor, {
      clientIds: [f.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const draft = ok(
      await s.gql(`query($id:ID!){invoice(id:$id){${FIELDS}}}`, { id: gen.invoices[0]!.id }, a.token),
    ).invoice;
    expect(draft.lines).toHaveLength(2);
    const timeLine = draft.lines.find((l: { serviceId: string }) => l.serviceId === f.service.id);

    const updated = ok(
      await s.gql(
        UPDATE,
        {
          id: draft.id,
          i: {
            notes: 'Net 15',
            issueDate: '2026-12-01',
            dueDate: '2026-12-16',
            lines: [
              {
                id: timeLine.id,
                kind: 'TIME',
                description: 'Support (Nov)',
                serviceId: f.service.id,
                quantity: '1',
                unitPrice: 6000,
              },
              { description: 'Cables', quantity: '4', unitPrice: 250, taxRateBps: 1000 },
            ],
          },
        },
        a.token,
      ),
    ).updateDraftInvoice;
    expect(updated).toMatchObject({
      status: 'DRAFT',
      notes: 'Net 15',
      issueDate: '2026-12-01',
      dueDate: '2026-12-16',
      subtotal: 7000,
      taxTotal: 100,
      total: 7100,
      balanceDue: 7100,
    });
    expect(updated.lines.map((l: { id: string; description: string }) => l.description)).toEqual([
      'Support (Nov)',
      'Cables',
    ]);
    expect(updated.lines[0].id).toBe(timeLine.id);
    expect((await s.container.timeEntries.get(a.org.id, kept.id)).invoiceId).toBe(draft.id);
    expect(await s.container.timeEntries.get(a.org.id, dropped.id)).toMatchObject({
      invoiceId: null,
      invoiceLineId: null,
      status: 'APPROVED',
    });

    // The released entry is billed by the next generation.
    const next = await s.container.generation.generate(a.org.id, f.actor, {
      clientIds: [f.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    expect(next.invoices).toHaveLength(1);
    expect((await s.container.timeEntries.get(a.org.id, dropped.id)).invoiceId).toBe(next.invoices[0]!.id);

    expect(failure(await s.gql(UPDATE, { id: draft.id, i: { dueDate: '2026-11-01' } }, a.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dueDate',
    });
  });

  it('refuses editing a sent invoice (here part paid), naming the field and its status in words, and changes nothing', async () => {
    const f = await billingFixture(s.container, a.org.id);
    const sent = await f.sentInvoice(60);
    await s.container.settlement.settle(a.org.id, f.actor, {
      invoiceId: sent.id,
      amount: 1000,
      source: 'MANUAL' as never,
      method: 'CHECK' as never,
    });
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(UPDATE, { id: sent.id, i: { notes: 'sneaky' } }, a.token))).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'id',
        message: `Invoice ${sent.number} is partially paid; only drafts can be edited`,
      });
      expect(
        failure(
          await s.gql(
            UPDATE,
            { id: sent.id, i: { lines: [{ description: 'x', quantity: '1', unitPrice: 1 }] } },
            a.token,
          ),
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });
  });
});

describe('updateDraftInvoice: one line, one row, one total', () => {
  it('refuses a line id named twice (whatever its case), naming the field, and writes nothing', async () => {
    const f = await billingFixture(s.container, a.org.id, { catalogPrice: 10000 });
    const draft = await f.draftInvoice(60); // 1 h at 100.00
    const [line] = await s.container.db.query(`SELECT id FROM invoice_lines WHERE invoice_id = $1`, [draft.id]);
    const l = { kind: 'TIME', description: 'Support', quantity: '1', unitPrice: 10000, serviceId: f.service.id };
    await expectNoChange(s, async () => {
      for (const twice of [
        [
          { id: line.id, ...l },
          { id: line.id, ...l },
        ],
        [
          { id: line.id, ...l },
          { description: 'Cables', quantity: '1', unitPrice: 100 },
          { id: line.id.toUpperCase(), ...l },
        ],
      ]) {
        const err = failure(await s.gql(UPDATE, { id: draft.id, i: { lines: twice } }, a.token));
        expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field: `lines.${twice.length - 1}.id` });
        expect(err.message).toContain('listed twice');
      }
      // The service refuses it too, whoever calls it.
      await expect(
        s.container.invoices.updateDraft(a.org.id, f.actor, draft.id, {
          lines: [
            { id: line.id, ...l, discount: 0, taxRateBps: 0 },
            { id: line.id.toUpperCase(), ...l, discount: 0, taxRateBps: 0 },
          ] as never,
        }),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.1.id' });
    });
  });

  it('totals are those of the lines stored: an edit keeping a line by an id in capitals bills it once', async () => {
    const f = await billingFixture(s.container, a.org.id, { catalogPrice: 10000 });
    const draft = await f.draftInvoice(60);
    const [line] = await s.container.db.query(`SELECT id FROM invoice_lines WHERE invoice_id = $1`, [draft.id]);
    const updated = ok(
      await s.gql(
        UPDATE,
        {
          id: draft.id,
          i: {
            lines: [
              {
                id: line.id.toUpperCase(),
                kind: 'TIME',
                description: 'Support',
                quantity: '1.5',
                unitPrice: 10000,
                serviceId: f.service.id,
              },
              { description: 'Cables', quantity: '2', unitPrice: 250, taxRateBps: 1000 },
            ],
          },
        },
        a.token,
      ),
    ).updateDraftInvoice;
    expect(updated.lines.map((x: { id: string }) => x.id)[0]).toBe(line.id);
    const [stored] = await s.container.db.query(
      `SELECT i.subtotal::int, i.tax_total::int, i.total::int, i.balance_due::int,
              (SELECT sum(amount)::int FROM invoice_lines WHERE invoice_id = i.id) AS lines_amount,
              (SELECT sum(tax_amount)::int FROM invoice_lines WHERE invoice_id = i.id) AS lines_tax,
              (SELECT count(*)::int FROM invoice_lines WHERE invoice_id = i.id) AS n
         FROM invoices i WHERE i.id = $1`,
      [draft.id],
    );
    expect(stored).toEqual({
      subtotal: 15500,
      tax_total: 50,
      total: 15550,
      balance_due: 15550,
      lines_amount: 15500,
      lines_tax: 50,
      n: 2,
    });
    expect(updated).toMatchObject({ subtotal: 15500, taxTotal: 50, total: 15550 });
    // The time entry stays billed by its (kept) line.
    const [entry] = await s.container.db.query(`SELECT invoice_line_id FROM time_entries WHERE invoice_id = $1`, [
      draft.id,
    ]);
    expect(entry.invoice_line_id).toBe(line.id);
  });
});

describe('void, uncollectible and overdue', () => {
  it('voids, marks uncollectible, and refuses both where they make no sense', async () => {
    const f = await billingFixture(s.container, a.org.id);
    const one = await f.sentInvoice(60);
    const v = ok(
      await s.gql(`mutation($id:ID!){voidInvoice(id:$id){status balanceDue}}`, { id: one.id }, a.token),
    ).voidInvoice;
    expect(v.status).toBe('VOID');
    const two = await f.sentInvoice(30);
    expect(
      ok(
        await s.gql(
          `mutation($id:ID!){markInvoiceUncollectible(id:$id){status displayStatus}}`,
          { id: two.id },
          a.token,
        ),
      ).markInvoiceUncollectible,
    ).toEqual({ status: 'UNCOLLECTIBLE', displayStatus: 'UNCOLLECTIBLE' });
    expect(
      failure(await s.gql(`mutation($id:ID!){markInvoiceUncollectible(id:$id){status}}`, { id: one.id }, a.token)),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(
      failure(await s.gql(`mutation($id:ID!){markInvoiceUncollectible(id:$id){status}}`, { id: two.id }, a.token)),
    ).toMatchObject({ message: `Only open invoices can be marked uncollectible; ${two.number} is uncollectible` });
    expect(failure(await s.gql(SEND, { id: one.id }, a.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

    const paid = await f.sentInvoice(15);
    await s.container.settlement.settle(a.org.id, f.actor, {
      invoiceId: paid.id,
      amount: paid.total,
      source: 'MANUAL' as never,
      method: 'CHECK' as never,
    });
    expect(failure(await s.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: paid.id }, a.token)).code).toBe(
      'CONFLICT',
    );
    const actions = (
      await s.container.audit.list(a.org.id, { entityType: 'Invoice', entityId: two.id }, { first: 10 })
    ).nodes.map((e) => e.action);
    expect(actions[0]).toBe('invoice.marked_uncollectible');
  });

  it('derives OVERDUE for an open invoice past its due date and filters by it', async () => {
    const c = await client('USD', 'Late Payer');
    const late = await create({ clientId: c, lines: [{ description: 'Work', quantity: '1', unitPrice: 5000 }] });
    ok(
      await s.gql(UPDATE, { id: late.id, i: { issueDate: daysFromToday(-40), dueDate: daysFromToday(-10) } }, a.token),
    );
    const draftView = ok(
      await s.gql(`query($id:ID!){invoice(id:$id){displayStatus isOverdue}}`, { id: late.id }, a.token),
    ).invoice;
    expect(draftView).toEqual({ displayStatus: 'DRAFT', isOverdue: false }); // drafts are never overdue
    const sent = ok(await s.gql(SEND, { id: late.id }, a.token)).sendInvoice;
    expect(sent).toMatchObject({ status: 'SENT', displayStatus: 'OVERDUE', isOverdue: true });

    const onTime = await create({ clientId: c, lines: [{ description: 'Work', quantity: '1', unitPrice: 5000 }] });
    ok(await s.gql(SEND, { id: onTime.id }, a.token));
    const q = `query($s:[InvoiceDisplayStatus!],$c:ID){invoices(first:50,filter:{status:$s,clientId:$c}){totalCount edges{node{id displayStatus}}}}`;
    const overdue = ok(await s.gql(q, { s: ['OVERDUE'], c }, a.token)).invoices;
    expect(overdue.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([late.id]);
    const open = ok(await s.gql(q, { s: ['SENT'], c }, a.token)).invoices;
    expect(open.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([onTime.id]);
    expect(ok(await s.gql(q, { s: ['SENT', 'OVERDUE'], c }, a.token)).invoices.totalCount).toBe(2);

    // Paying it in full ends the overdue state.
    await s.container.settlement.settle(a.org.id, { type: 'SYSTEM', id: null, label: 't', source: 'system' } as never, {
      invoiceId: late.id,
      amount: 5000,
      source: 'MANUAL' as never,
      method: 'WIRE' as never,
    });
    expect(ok(await s.gql(q, { s: ['OVERDUE'], c }, a.token)).invoices.totalCount).toBe(0);
  });
});
