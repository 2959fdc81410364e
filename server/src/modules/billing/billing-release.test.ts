import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { billingWorld, seatsChangedMidApril } from './billing-test-kit.js';

const s = settleForFile({ worker: false });

type World = Awaited<ReturnType<typeof billingWorld>>;

const UPDATE = `mutation($id:ID!,$lines:[InvoiceLineInput!]){updateDraftInvoice(id:$id,input:{lines:$lines}){total lines{id}}}`;
const VOID = `mutation($id:ID!,$r:Boolean!){voidInvoice(id:$id,releaseTimeEntries:$r){status}}`;

/** The draft's lines as updateDraftInvoice takes them back (with their ids: kept as they are). */
async function linesOf(invoiceId: string) {
  return (await s.container.db.query(
    `SELECT id, kind, description, service_id AS "serviceId", quantity::text, unit_price::int AS "unitPrice"
       FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
    [invoiceId],
  )) as Array<{
    id: string;
    kind: string;
    description: string;
    serviceId: string;
    quantity: string;
    unitPrice: number;
  }>;
}

const charges = (w: World) =>
  s.container.db.query(
    `SELECT to_char(period_start,'YYYY-MM-DD') AS period, invoice_id FROM contract_charges WHERE org_id = $1 ORDER BY period_start`,
    [w.org.id],
  ) as Promise<Array<{ period: string; invoice_id: string }>>;

const released = (w: World) =>
  s.container.db.query(
    `SELECT entity_id, after FROM audit_events WHERE org_id = $1 AND action = 'contract.charges_released' ORDER BY created_at`,
    [w.org.id],
  ) as Promise<Array<{ entity_id: string; after: Record<string, unknown> }>>;

const MANUAL = { kind: 'MANUAL', description: 'Onsite visit', quantity: '1', unitPrice: 100 };

describe('a contract period is charged as long as an invoice line charges it', () => {
  it('a recurring line removed from a billing-run draft releases its period: the next invoice charges it', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2026-01-02');
    const [draft] = await w.invoices();
    const [seat] = await linesOf(draft!.id);
    // Kept by its id beside a new line: still charged.
    ok(await s.gql(UPDATE, { id: draft!.id, lines: [seat, MANUAL] }, w.token));
    expect(await charges(w)).toEqual([{ period: '2026-01-01', invoice_id: draft!.id }]);
    // Removed: January is no longer charged, and the contract's trail says by what and why.
    const edited = ok(await s.gql(UPDATE, { id: draft!.id, lines: [MANUAL] }, w.token)).updateDraftInvoice;
    expect(edited.total).toBe(100);
    expect(await charges(w)).toEqual([]);
    expect(await released(w)).toEqual([
      {
        entity_id: w.contract!.id,
        after: expect.objectContaining({
          invoiceId: draft!.id,
          invoiceNumber: draft!.number,
          cause: 'line removed from draft',
          periods: [expect.objectContaining({ periodStart: '2026-01-01', periodEnd: '2026-01-31', amount: 20000 })],
        }),
      },
    ]);
    // February's invoice charges January too; each period once.
    await w.runAt('2026-02-02');
    const feb = (await w.invoices())[1]!;
    expect(feb.lines.map((l) => [l.description, l.amount])).toEqual([
      ['Managed seat · 2026-01-01 – 2026-01-31', 20000],
      ['Managed seat · 2026-02-01 – 2026-02-28', 20000],
    ]);
    expect(await charges(w)).toEqual([
      { period: '2026-01-01', invoice_id: feb.id },
      { period: '2026-02-01', invoice_id: feb.id },
    ]);
  });

  it('voiding to bill again releases the periods (as it releases time); a plain void keeps them charged', async () => {
    const kept = await billingWorld(s, { since: '2026-01-01' });
    await kept.runAt('2026-01-02');
    const [jan] = await kept.invoices();
    await s.container.invoices.send(kept.org.id, SYSTEM_ACTOR, jan!.id);
    expect(ok(await s.gql(VOID, { id: jan!.id, r: false }, kept.token)).voidInvoice.status).toBe('VOID');
    expect(await charges(kept)).toEqual([{ period: '2026-01-01', invoice_id: jan!.id }]);
    await kept.runAt('2026-02-02');
    expect((await kept.invoices())[1]!.lines.map((l) => l.description)).toEqual([
      'Managed seat · 2026-02-01 – 2026-02-28',
    ]);

    const rebill = await billingWorld(s, { since: '2026-01-01' });
    await rebill.runAt('2026-01-02');
    const [first] = await rebill.invoices();
    await s.container.invoices.send(rebill.org.id, SYSTEM_ACTOR, first!.id);
    expect(ok(await s.gql(VOID, { id: first!.id, r: true }, rebill.token)).voidInvoice.status).toBe('VOID');
    expect(await charges(rebill)).toEqual([]);
    expect((await released(rebill)).map((r) => r.after)).toEqual([
      expect.objectContaining({ invoiceId: first!.id, cause: 'invoice voided' }),
    ]);
    await rebill.runAt('2026-02-02');
    expect((await rebill.invoices())[1]!.lines.map((l) => l.description)).toEqual([
      'Managed seat · 2026-01-01 – 2026-01-31',
      'Managed seat · 2026-02-01 – 2026-02-28',
    ]);
  });

  it('a seat change is settled while a line of its proration stays on the draft, and billed again once none does', async () => {
    const { w, line, may } = await seatsChangedMidApril(s);
    const [seats, credit, remaining] = await linesOf(may.id);
    expect([credit!.kind, remaining!.kind]).toEqual(['DISCOUNT', 'ITEM']);
    const change = () =>
      s.container.db.query(`SELECT invoice_id FROM contract_quantity_changes WHERE contract_line_id = $1`, [line.id]);
    // One of its two lines goes: still settled by the other (billing it again would credit twice).
    ok(await s.gql(UPDATE, { id: may.id, lines: [seats, remaining] }, w.token));
    expect(await change()).toEqual([{ invoice_id: may.id }]);
    // The other goes too: the next invoice carries the proration again. May stays charged by its line.
    ok(await s.gql(UPDATE, { id: may.id, lines: [seats] }, w.token));
    expect(await change()).toEqual([{ invoice_id: null }]);
    expect((await charges(w)).map((c) => c.period)).toEqual(['2026-04-01', '2026-05-01']);
    await w.runAt('2026-06-02');
    const june = (await w.invoices())[2]!;
    expect(june.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([
      ['ITEM', 'Managed seat · 2026-06-01 – 2026-06-30', 32000],
      ['DISCOUNT', 'Unused time on 5 × Managed seat · 2026-04-16 – 2026-04-30 (15 of 30 days)', -10000],
      ['ITEM', 'Remaining time on 8 × Managed seat · 2026-04-16 – 2026-04-30 (15 of 30 days)', 16000],
    ]);
    expect(await change()).toEqual([{ invoice_id: june.id }]);
  });

  it('a line id named twice is refused before anything is released', async () => {
    const w = await billingWorld(s, { since: '2026-01-01' });
    await w.runAt('2026-01-02');
    const [draft] = await w.invoices();
    const [seat] = await linesOf(draft!.id);
    expect(failure(await s.gql(UPDATE, { id: draft!.id, lines: [seat, seat] }, w.token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'lines.1.id',
    });
    expect(await charges(w)).toEqual([{ period: '2026-01-01', invoice_id: draft!.id }]);
  });
});
