import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';

const s = settleForFile({ worker: false });

const GENERATE = `mutation($c:[ID!],$from:LocalDate!,$to:LocalDate!){
  generateInvoices(input:{clientIds:$c,periodStart:$from,periodEnd:$to,issueDate:"2026-12-01"}){
    invoices{id number status clientId currency memo issueDate dueDate periodStart periodEnd subtotal total
      lines{kind description serviceId quantity unitPrice amount}}
    skipped{clientId reason}}}`;

type Fixture = Awaited<ReturnType<typeof billingFixture>>;

/** Every approved entry of the org is on exactly one invoice, and each line's hours are its entries' minutes. */
async function assertEachEntryBilledOnce(orgId: string, expectedEntries: number) {
  const entries = await s.container.db.query(
    `SELECT id, invoice_id, invoice_line_id, minutes FROM time_entries WHERE org_id = $1 AND status = 'APPROVED'`,
    [orgId],
  );
  expect(entries).toHaveLength(expectedEntries);
  expect(entries.every((e: { invoice_id: string | null }) => e.invoice_id)).toBe(true);
  // An entry points at one line, and that line belongs to the invoice the entry points at.
  const mismatched = await s.container.db.query(
    `SELECT t.id FROM time_entries t JOIN invoice_lines l ON l.id = t.invoice_line_id WHERE t.org_id = $1 AND l.invoice_id <> t.invoice_id`,
    [orgId],
  );
  expect(mismatched).toHaveLength(0);
  const lines = await s.container.db.query(
    `SELECT l.id, l.quantity::numeric * 60 AS line_minutes, (SELECT sum(minutes) FROM time_entries t WHERE t.invoice_line_id = l.id) AS entry_minutes
       FROM invoice_lines l WHERE l.org_id = $1 AND l.kind = 'TIME'`,
    [orgId],
  );
  for (const l of lines) expect(Number(l.line_minutes)).toBe(Number(l.entry_minutes));
  const [{ billed }] = await s.container.db.query(
    `SELECT coalesce(sum(quantity * 60), 0)::int AS billed FROM invoice_lines WHERE org_id = $1 AND kind = 'TIME'`,
    [orgId],
  );
  const [{ worked }] = await s.container.db.query(
    `SELECT sum(minutes)::int AS worked FROM time_entries WHERE org_id = $1 AND status = 'APPROVED'`,
    [orgId],
  );
  expect(billed).toBe(worked);
  // One invoice per client, never an empty one.
  const perClient = await s.container.db.query(
    `SELECT client_id, count(*)::int AS n FROM invoices WHERE org_id = $1 AND status <> 'VOID' GROUP BY client_id`,
    [orgId],
  );
  expect(perClient.every((r: { n: number }) => r.n === 1)).toBe(true);
  const empty = await s.container.db.query(
    `SELECT i.id FROM invoices i WHERE org_id = $1 AND NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id)`,
    [orgId],
  );
  expect(empty).toHaveLength(0);
}

describe('generateInvoices', () => {
  it('prices by entry override > client negotiated rate > catalog price, one line per service and rate, in hours', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id, { catalogPrice: 10000, clientName: 'Acme' });
    const svc2 = ok(
      await s.gql(
        `mutation{createService(input:{code:"ZZ-ONSITE",name:"On-site",prices:[{currency:"USD",unitAmount:5000}]}){id}}`,
        {},
        token,
      ),
    ).createService;
    ok(
      await s.gql(
        `mutation($c:ID!,$s:ID!){updateClient(id:$c,input:{rates:[{serviceId:$s,unitAmount:8000}]}){rates{serviceId unitAmount}}}`,
        { c: f.client.id, s: f.service.id },
        token,
      ),
    );
    const other = await s.container.clients.create(org.id, f.actor, {
      name: 'Bolt',
      billingEmail: 'ap@bolt.test',
      currency: 'USD',
    });
    const otherTicket = await s.container.tickets.create(org.id, f.actor, { clientId: other.id, title: 'x' });

    await f.approvedEntry(60); // client rate 8000
    await f.approvedEntry(30); // client rate 8000, same line
    await f.approvedEntry(30, '2026-11-04', { rateOverride: 20000 }); // own line at the override
    const onsite = await s.container.timeEntries.log(org.id, f.actor, {
      ticketId: f.ticket.id,
      serviceId: svc2.id,
      technicianId: f.tech.id,
      workDate: '2026-11-05',
      minutes: 90,
    });
    const bolt = await s.container.timeEntries.log(org.id, f.actor, {
      ticketId: otherTicket.id,
      serviceId: f.service.id,
      technicianId: f.tech.id,
      workDate: '2026-11-05',
      minutes: 120,
    });
    await s.container.timeEntries.submit(org.id, f.actor, [onsite.id, bolt.id]);
    await s.container.timeEntries.approve(org.id, f.actor, [onsite.id, bolt.id]);

    const r = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices;
    expect(r.skipped).toEqual([]);
    const acme = r.invoices.find((i: { clientId: string }) => i.clientId === f.client.id);
    expect(acme.status).toBe('DRAFT');
    const strip = (l: Record<string, unknown>) => ({
      serviceId: l.serviceId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amount: l.amount,
    });
    expect(acme.lines.map(strip)).toEqual([
      { serviceId: f.service.id, quantity: '0.5', unitPrice: 20000, amount: 10000 }, // entry override
      { serviceId: f.service.id, quantity: '1.5', unitPrice: 8000, amount: 12000 }, // negotiated rate
      { serviceId: svc2.id, quantity: '1.5', unitPrice: 5000, amount: 7500 }, // catalog price
    ]);
    expect(acme.lines.every((l: { kind: string }) => l.kind === 'TIME')).toBe(true);
    expect(acme.total).toBe(29500);
    const boltInv = r.invoices.find((i: { clientId: string }) => i.clientId === other.id);
    expect(boltInv.lines.map(strip)).toEqual([
      { serviceId: f.service.id, quantity: '2', unitPrice: 10000, amount: 20000 },
    ]);
    await assertEachEntryBilledOnce(org.id, 5);
  });

  it('bills only approved, billable time inside the period (bounds inclusive) and says why clients are skipped', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    const before = await f.approvedEntry(60, '2026-10-31');
    const first = await f.approvedEntry(60, '2026-11-01');
    const last = await f.approvedEntry(30, '2026-11-30');
    const after = await f.approvedEntry(60, '2026-12-01');
    const log = (extra: object) =>
      s.container.timeEntries.log(org.id, f.actor, {
        ticketId: f.ticket.id,
        serviceId: f.service.id,
        technicianId: f.tech.id,
        workDate: '2026-11-10',
        minutes: 60,
        ...extra,
      });
    const submitted = await log({ submit: true });
    const unbillable = await log({ billable: false });
    await s.container.timeEntries.submit(org.id, f.actor, [unbillable.id]);
    await s.container.timeEntries.approve(org.id, f.actor, [unbillable.id]);

    // A EUR client whose service has only a USD price cannot be priced: skipped with the reason.
    const eur = await s.container.clients.create(org.id, f.actor, {
      name: 'Euro',
      billingEmail: 'ap@eu.test',
      currency: 'EUR',
    });
    const eurTicket = await s.container.tickets.create(org.id, f.actor, { clientId: eur.id, title: 'x' });
    const eurEntry = await s.container.timeEntries.log(org.id, f.actor, {
      ticketId: eurTicket.id,
      serviceId: f.service.id,
      technicianId: f.tech.id,
      workDate: '2026-11-10',
      minutes: 60,
      submit: true,
    });
    await s.container.timeEntries.approve(org.id, f.actor, [eurEntry.id]);
    const idle = await s.container.clients.create(org.id, f.actor, {
      name: 'Idle',
      billingEmail: 'ap@idle.test',
      currency: 'USD',
    });

    const r = ok(
      await s.gql(GENERATE, { c: [f.client.id, eur.id, idle.id], from: '2026-11-01', to: '2026-11-30' }, token),
    ).generateInvoices;
    expect(r.invoices).toHaveLength(1);
    expect(r.invoices[0].lines).toMatchObject([{ quantity: '1.5', unitPrice: 10000 }]);
    expect(r.invoices[0]).toMatchObject({
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
      issueDate: '2026-12-01',
      dueDate: '2026-12-31',
    });
    const reasons = Object.fromEntries(
      r.skipped.map((x: { clientId: string; reason: string }) => [x.clientId, x.reason]),
    );
    expect(reasons[eur.id]).toMatch(/No EUR price for service\(s\) SVC-/);
    expect(reasons[idle.id]).toMatch(/No approved, un-invoiced billable time/);

    const billed = await s.container.db.query(
      `SELECT id FROM time_entries WHERE org_id = $1 AND invoice_id IS NOT NULL ORDER BY id`,
      [org.id],
    );
    expect(billed.map((e: { id: string }) => e.id)).toEqual([first.id, last.id].sort());
    for (const e of [before, after, submitted, unbillable, eurEntry])
      expect((await s.container.timeEntries.get(org.id, e.id)).invoiceId).toBeNull();

    // Asking again finds nothing new: the billed entries are taken.
    const again = ok(
      await s.gql(GENERATE, { c: [f.client.id], from: '2026-11-01', to: '2026-11-30' }, token),
    ).generateInvoices;
    expect(again.invoices).toEqual([]);
    expect(failure(await s.gql(GENERATE, { from: '2026-11-30', to: '2026-11-01' }, token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'periodEnd',
    });
  });

  it('a client that fails is skipped with its reason and the others are generated: the answer is never an error after writes', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const a = await billingFixture(s.container, org.id, { clientName: 'A-first' });
    const b = await billingFixture(s.container, org.id, { clientName: 'B-second' });
    const c = await billingFixture(s.container, org.id, { clientName: 'C-third' });
    await a.approvedEntry(60, '2026-11-02');
    // 2 h at 10^13 minor units an hour: past the maximum invoice total, which is bad input for B alone.
    await b.approvedEntry(120, '2026-11-02', { rateOverride: 10_000_000_000_000 });
    await c.approvedEntry(30, '2026-11-02');
    // An unexpected failure (not Settle's refusal) while C's invoice is written.
    const off = s.container.events.on('invoice.generated', async ({ invoices }) => {
      if (invoices.some((i) => i.clientId === c.client.id)) throw new Error('disk on fire');
    });
    try {
      const res = await s.gql(
        GENERATE,
        { c: [a.client.id, b.client.id, c.client.id], from: '2026-11-01', to: '2026-11-30' },
        token,
      );
      expect(res.errors).toBeUndefined();
      const r = res.data!.generateInvoices;
      expect(r.invoices.map((i: { clientId: string }) => i.clientId)).toEqual([a.client.id]);
      const reasons = Object.fromEntries(
        r.skipped.map((x: { clientId: string; reason: string }) => [x.clientId, x.reason]),
      );
      expect(Object.keys(reasons).sort()).toEqual([b.client.id, c.client.id].sort());
      expect(reasons[b.client.id]).toMatch(/invoice total cannot exceed .*split the work across invoices/);
      expect(reasons[c.client.id]).toMatch(/unexpected error; nothing was written for this client/);
      expect(reasons[c.client.id]).not.toContain('disk on fire');
    } finally {
      off();
    }
    // What was answered is what was written: A's invoice, and B's and C's time still to bill.
    const rows = await s.container.db.query(`SELECT client_id FROM invoices WHERE org_id = $1`, [org.id]);
    expect(rows).toEqual([{ client_id: a.client.id }]);
    const [{ unbilled }] = await s.container.db.query(
      `SELECT count(*)::int AS unbilled FROM time_entries WHERE org_id = $1 AND invoice_id IS NULL`,
      [org.id],
    );
    expect(unbilled).toBe(2);
  });

  it('takes client ids in capitals as the same clients', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    await f.approvedEntry(60, '2026-11-02');
    const upper = f.client.id.toUpperCase();
    const r = ok(
      await s.gql(GENERATE, { c: [upper, f.client.id], from: '2026-11-01', to: '2026-11-30' }, token),
    ).generateInvoices;
    expect(r.invoices.map((i: { clientId: string }) => i.clientId)).toEqual([f.client.id]);
    expect(r.skipped).toEqual([]);
  });

  it('renders the memo template (client override, else the org default) with its variables', async () => {
    const { org, token } = await createOrgWithOwner(s, 'Memo Org');
    const f = await billingFixture(s.container, org.id, { clientName: 'Memo Client' });
    const g = await billingFixture(s.container, org.id, { clientName: 'Plain Client' });
    ok(
      await s.gql(
        `mutation($c:ID!){updateClient(id:$c,input:{daysUntilDue:15,
          memoTemplate:"{client_name}: {period_start}..{period_end}, {invoice_number} due {due_date} from {org_name}"}){id}}`,
        { c: f.client.id },
        token,
      ),
    );
    await f.approvedEntry(60);
    await g.approvedEntry(60);
    const r = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices;
    const memo = r.invoices.find((i: { clientId: string }) => i.clientId === f.client.id);
    expect(memo.memo).toBe(`Memo Client: 2026-11-01..2026-11-30, ${memo.number} due 2026-12-16 from Memo Org`);
    const plain = r.invoices.find((i: { clientId: string }) => i.clientId === g.client.id);
    expect(plain.memo).toBe('Services for Plain Client, 2026-11-01 to 2026-11-30.');
  });
});

describe('concurrent generation', () => {
  async function seed(clients: number, entriesEach: number) {
    const { org, token } = await createOrgWithOwner(s);
    const fixtures: Fixture[] = [];
    for (let i = 0; i < clients; i++) fixtures.push(await billingFixture(s.container, org.id, { clientName: `C${i}` }));
    for (const f of fixtures)
      for (let j = 0; j < entriesEach; j++)
        await f.approvedEntry(15 * (j + 1), `2026-11-${String(j + 1).padStart(2, '0')}`);
    return { org, token, fixtures };
  }

  it('never bills an entry twice when two generations race over HTTP', async () => {
    const { org, token, fixtures } = await seed(4, 4);
    const ids = fixtures.map((f) => f.client.id);
    const [x, y] = await Promise.all([
      s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token),
      s.gql(GENERATE, { c: [...ids].reverse(), from: '2026-11-01', to: '2026-11-30' }, token),
    ]);
    const made = [...ok(x).generateInvoices.invoices, ...ok(y).generateInvoices.invoices];
    expect(made).toHaveLength(4);
    await assertEachEntryBilledOnce(org.id, 16);
  });

  it('never bills an entry twice with ten generations at once, and numbers stay unique', async () => {
    const { org, fixtures } = await seed(5, 3);
    const ids = fixtures.map((f) => f.client.id);
    const actor = fixtures[0]!.actor;
    const runs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.container.generation.generate(org.id, actor, {
          clientIds: i % 3 === 0 ? undefined : i % 3 === 1 ? ids : [...ids].reverse(),
          periodStart: '2026-11-01',
          periodEnd: '2026-11-30',
        }),
      ),
    );
    expect(runs.flatMap((r) => r.invoices)).toHaveLength(5);
    await assertEachEntryBilledOnce(org.id, 15);
    const numbers = (
      await s.container.db.query(`SELECT number FROM invoices WHERE org_id = $1 ORDER BY number`, [org.id])
    ).map((r: { number: string }) => r.number);
    expect(numbers).toEqual(['INV-00001', 'INV-00002', 'INV-00003', 'INV-00004', 'INV-00005']);
  });
});

describe('invoice numbers', () => {
  it('follow a per-org sequence with the org prefix, without gaps or duplicates under concurrency', async () => {
    const a = await createOrgWithOwner(s);
    const b = await createOrgWithOwner(s);
    ok(await s.gql(`mutation{updateOrganizationSettings(input:{invoicePrefix:"ACME-"}){invoicePrefix}}`, {}, a.token));
    const fa = await billingFixture(s.container, a.org.id);
    const fb = await billingFixture(s.container, b.org.id);
    const create = `mutation($c:ID!){createInvoice(input:{clientId:$c,lines:[{description:"Setup",quantity:"1",unitPrice:1000}]}){number}}`;
    const [as, bs] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, () => s.gql(create, { c: fa.client.id }, a.token))),
      Promise.all(Array.from({ length: 3 }, () => s.gql(create, { c: fb.client.id }, b.token))),
    ]);
    const numsA = as.map((r) => ok(r).createInvoice.number).sort();
    expect(numsA).toEqual(Array.from({ length: 12 }, (_, i) => `ACME-${String(i + 1).padStart(5, '0')}`));
    expect(bs.map((r) => ok(r).createInvoice.number).sort()).toEqual(['INV-00001', 'INV-00002', 'INV-00003']);
  });
});

describe('void and re-bill', () => {
  it('releases a voided invoice’s time when asked, and the next generation bills it again', async () => {
    const { org, token } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    const e1 = await f.approvedEntry(60);
    const e2 = await f.approvedEntry(30);
    const first = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices
      .invoices[0];

    // Voiding without release keeps the time on the void invoice.
    const keep = await f.approvedEntry(45, '2026-11-20');
    const kept = ok(await s.gql(GENERATE, { from: '2026-11-20', to: '2026-11-20' }, token)).generateInvoices
      .invoices[0];
    ok(await s.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: kept.id }, token));
    expect((await s.container.timeEntries.get(org.id, keep.id)).invoiceId).toBe(kept.id);

    const voided = ok(
      await s.gql(`mutation($id:ID!){voidInvoice(id:$id,releaseTimeEntries:true){status}}`, { id: first.id }, token),
    ).voidInvoice;
    expect(voided.status).toBe('VOID');
    for (const e of [e1, e2])
      expect(await s.container.timeEntries.get(org.id, e.id)).toMatchObject({ invoiceId: null, status: 'APPROVED' });

    const again = ok(await s.gql(GENERATE, { from: '2026-11-01', to: '2026-11-30' }, token)).generateInvoices;
    expect(again.invoices).toHaveLength(1);
    expect(again.invoices[0].id).not.toBe(first.id);
    expect(again.invoices[0].number).not.toBe(first.number);
    expect(again.invoices[0].lines).toMatchObject([{ quantity: '1.5', unitPrice: 10000, amount: 15000 }]);
    for (const e of [e1, e2])
      expect((await s.container.timeEntries.get(org.id, e.id)).invoiceId).toBe(again.invoices[0].id);
    expect((await s.container.timeEntries.get(org.id, keep.id)).invoiceId).toBe(kept.id);
  });
});
