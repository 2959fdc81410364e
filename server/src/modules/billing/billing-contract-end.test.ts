import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { contractLinesDue } from '../contracts/contract-charges.js';
import { EndCreditTaken, recordEndCredits } from '../contracts/contract-end-credits.js';
import { loadContractFacts } from '../contracts/contract-facts.js';
import { contractsOf } from '../contracts/contracts.services.js';
import { loadPricing } from '../invoices/invoice-generation.service.js';
import { billingWorld } from './billing-test-kit.js';

const s = settleForFile({ worker: false });

/** 5 seats × 40.00, January charged in advance; the contract then ends on the 15th: 16 of 31 days unused. */
const UNUSED = 10323; // 5 × 40.00 × 16/31 = 103.2258… → 103.23
const CREDIT = 'Unused time on Managed seat · 2026-01-16 – 2026-01-31 (16 of 31 days), contract ends 2026-01-15';

async function endedMidJanuary() {
  const w = await billingWorld(s, { since: '2026-01-01' });
  await w.runAt('2026-01-02');
  expect((await w.invoices()).map((i) => Number(i.total))).toEqual([20000]);
  w.clock.set('2026-01-10T12:00:00Z');
  await contractsOf(s.container).update(w.org.id, SYSTEM_ACTOR, w.contract!.id, { endDate: '2026-01-15' });
  const audit = () =>
    s.container.db.query(
      `SELECT action, before, after FROM audit_events WHERE org_id = $1 AND entity_id = $2 AND action LIKE 'contract.end%' ORDER BY created_at`,
      [w.org.id, w.contract!.id],
    ) as Promise<Array<{ action: string; before: any; after: any }>>;
  const endCredits = () =>
    s.container.db.query(
      `SELECT seq, amount::int AS amount, invoice_id FROM contract_end_credits WHERE org_id = $1 ORDER BY seq`,
      [w.org.id],
    ) as Promise<Array<{ seq: number; amount: number; invoice_id: string }>>;
  /** Invoice `index` credits the unused days before 150.00 of time, and the one end credit is recorded on it. */
  const expectCreditedOn = async (index: number) => {
    const inv = (await w.invoices())[index]!;
    expect(inv.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([
      ['DISCOUNT', CREDIT, -UNUSED],
      ['TIME', 'Support', 15000],
    ]);
    expect(await endCredits()).toEqual([{ seq: 1, amount: UNUSED, invoice_id: inv.id }]);
  };
  return { w, audit, endCredits, expectCreditedOn };
}

describe('a contract ended inside a period charged in advance', () => {
  it('credits the unused days on the next invoice, shown in the preview first, and a later run credits nothing again', async () => {
    const { w, audit, endCredits } = await endedMidJanuary();
    await w.f.approvedEntry(90, '2026-01-14'); // 150.00 of time: the invoice stays positive
    const preview = await w.billing.forecast.preview(w.org.id, w.f.client.id);
    expect(preview.billDate).toBe('2026-01-16');
    expect(preview.lines.map((l) => [l.description, l.amount])).toEqual([
      [CREDIT, -UNUSED],
      ['Support', 15000],
    ]);
    expect(preview.total).toBe(15000 - UNUSED);

    await w.runAt('2026-01-17');
    let inv = await w.invoices();
    expect(inv).toHaveLength(2);
    expect(inv[1]!.lines.map((l) => [l.kind, l.description, l.amount])).toEqual([
      ['DISCOUNT', CREDIT, -UNUSED],
      ['TIME', 'Support', 15000],
    ]);
    expect(Number(inv[1]!.total)).toBe(15000 - UNUSED);
    expect(await endCredits()).toEqual([{ seq: 1, amount: UNUSED, invoice_id: inv[1]!.id }]);

    // Later runs (February's time-only date, a clock a year ahead) never credit it again.
    await w.f.approvedEntry(60, '2026-01-20');
    await w.runAt('2026-02-02');
    await w.runAt('2027-01-02');
    inv = await w.invoices();
    expect(inv.flatMap((i) => i.lines.filter((l) => l.kind === 'DISCOUNT'))).toHaveLength(1);
    expect(inv[2]!.lines.map((l) => l.description)).toEqual(['Support']);
    expect(await endCredits()).toHaveLength(1);
    expect((await w.billing.forecast.preview(w.org.id, w.f.client.id)).lines).toEqual([]);

    const trail = await audit();
    expect(trail.map((a) => a.action)).toEqual(['contract.end-date-changed', 'contract.end-credited']);
    expect(trail[0]).toMatchObject({
      before: { endDate: null },
      after: {
        endDate: '2026-01-15',
        chargedPeriodsToSettle: [{ periodStart: '2026-01-01', periodEnd: '2026-01-31' }],
      },
    });
    expect(trail[1]!.after).toMatchObject({ amount: UNUSED, invoiceId: inv[1]!.id, periodStart: '2026-01-01' });
  });

  it('two runs that both saw the credit due never both record it: the second fails and writes nothing', async () => {
    const { w, endCredits } = await endedMidJanuary();
    const contracts = (
      await loadContractFacts(
        s.container.db.manager,
        w.org.id,
        new Map([[w.f.client.id, w.f.client]]),
        await loadPricing(s.container.db.manager, w.org.id, [w.f.client.id]),
        '2026-01-17',
      )
    ).get(w.f.client.id)!;
    // What a second worker read before the first committed.
    const seenEarlier = contractLinesDue(contracts[0]!, '2026-01-16', '2026-01-01', 0);
    expect(seenEarlier.map((l) => l.endCredit?.seq)).toEqual([1]);
    await w.runAt('2026-01-17');
    expect(await endCredits()).toHaveLength(1);
    const [, invoice] = await w.invoices();
    const deps = { audit: s.container.audit, events: s.container.events };
    await expect(
      s.container.db.transaction((tx) =>
        recordEndCredits(tx, deps, SYSTEM_ACTOR, {
          orgId: w.org.id,
          clientId: w.f.client.id,
          invoice: { id: invoice!.id, number: invoice!.number, currency: 'USD' },
          lines: seenEarlier,
          remainder: 0,
        }),
      ),
    ).rejects.toBeInstanceOf(EndCreditTaken);
    expect(await endCredits()).toHaveLength(1);
  });

  it('an invoice the credit would take below zero totals zero; the rest is kept as client credit', async () => {
    const { w, audit } = await endedMidJanuary();
    await w.runAt('2026-01-17');
    const inv = await w.invoices();
    expect(inv).toHaveLength(2);
    expect(Number(inv[1]!.total)).toBe(0);
    expect(inv[1]!.lines).toEqual([
      expect.objectContaining({
        kind: 'DISCOUNT',
        amount: 0,
        description: `${CREDIT}; 103.23 of it kept as credit on the account`,
      }),
    ]);
    const credit = await s.container.db.query(
      `SELECT source, amount::int AS amount, invoice_id FROM client_credits WHERE client_id = $1`,
      [w.f.client.id],
    );
    expect(credit).toEqual([{ source: 'CONTRACT_END', amount: UNUSED, invoice_id: inv[1]!.id }]);
    expect((await audit()).at(-1)!.after).toMatchObject({ amount: UNUSED, keptAsClientCredit: UNUSED });
    // Nothing more on the next runs.
    await w.runAt('2026-03-02');
    const [{ n }] = await s.container.db.query(`SELECT count(*)::int AS n FROM client_credits WHERE client_id = $1`, [
      w.f.client.id,
    ]);
    expect(n).toBe(1);
    expect(await w.invoices()).toHaveLength(2);
  });
});

describe('an end credit and the charge it credits', () => {
  it('a period charged again after its invoice was voided to bill again takes back the credit its first charge got', async () => {
    const { w, endCredits } = await endedMidJanuary();
    await w.f.approvedEntry(90, '2026-01-14'); // 150.00 of time: the credit stays on the invoice
    await w.runAt('2026-01-17');
    const [jan, credited] = await w.invoices();
    expect(credited!.lines.map((l) => l.amount)).toEqual([-UNUSED, 15000]);
    await s.container.invoices.send(w.org.id, SYSTEM_ACTOR, jan!.id);
    // January's charge is voided to bill again: its period is charged anew, now cut at the end date.
    await s.container.invoices.void(w.org.id, SYSTEM_ACTOR, jan!.id, { releaseTimeEntries: true });
    await w.runAt('2026-02-02');
    const rebilled = (await w.invoices())[2]!;
    const FIRST_HALF = 9677; // 5 × 40.00 × 15/31 = 96.774… → 96.77
    // The credit of the voided charge's unused days is charged back: January costs 96.77 in all, not 96.77 − 103.23.
    expect(rebilled.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['ITEM', FIRST_HALF],
      ['ITEM', UNUSED],
    ]);
    const januaryNet = [credited!, rebilled].flatMap((i) => i.lines.filter((l) => l.kind !== 'TIME'));
    expect(januaryNet.reduce((sum, l) => sum + l.amount, 0)).toBe(FIRST_HALF);
    expect((await endCredits()).map((e) => e.amount)).toEqual([UNUSED, -UNUSED]);
    // And never again.
    await w.runAt('2026-03-02');
    expect(await w.invoices()).toHaveLength(3);
  });
});

describe('an end credit is given while an invoice line gives it', () => {
  it('the invoice carrying it voided to bill again: the next invoice credits the unused days again', async () => {
    const { w, endCredits, expectCreditedOn } = await endedMidJanuary();
    await w.f.approvedEntry(90, '2026-01-14');
    await w.runAt('2026-01-17');
    const credited = (await w.invoices())[1]!;
    await s.container.invoices.send(w.org.id, SYSTEM_ACTOR, credited.id);
    await s.container.invoices.void(w.org.id, SYSTEM_ACTOR, credited.id, { releaseTimeEntries: true });
    expect(await endCredits()).toEqual([]);
    const [released] = await s.container.db.query(
      `SELECT after FROM audit_events WHERE org_id = $1 AND action = 'contract.charges_released'`,
      [w.org.id],
    );
    expect(released.after).toMatchObject({
      invoiceId: credited.id,
      cause: 'invoice voided',
      endCredits: [{ periodStart: '2026-01-01', amount: UNUSED, keptAsClientCredit: 0 }],
    });
    await w.runAt('2026-02-02');
    await expectCreditedOn(2);
  });

  it('a plain void keeps it given, as it keeps the time', async () => {
    const { w, endCredits } = await endedMidJanuary();
    await w.f.approvedEntry(90, '2026-01-14');
    await w.runAt('2026-01-17');
    const credited = (await w.invoices())[1]!;
    await s.container.invoices.void(w.org.id, SYSTEM_ACTOR, credited.id);
    await w.runAt('2026-02-02');
    expect(await w.invoices()).toHaveLength(2);
    expect(await endCredits()).toEqual([{ seq: 1, amount: UNUSED, invoice_id: credited.id }]);
  });

  it('its line removed from the draft: the next invoice credits the unused days', async () => {
    const { w, endCredits, expectCreditedOn } = await endedMidJanuary();
    await w.f.approvedEntry(90, '2026-01-14');
    await w.runAt('2026-01-17');
    const credited = (await w.invoices())[1]!;
    const [, time] = (await s.container.db.query(
      `SELECT id, kind, description, service_id AS "serviceId", quantity::text, unit_price::int AS "unitPrice"
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [credited.id],
    )) as Array<Record<string, unknown>>;
    await s.container.invoices.updateDraft(w.org.id, SYSTEM_ACTOR, credited.id, {
      lines: [{ ...(time as any), discount: 0, taxRateBps: 0 }],
    });
    expect(await endCredits()).toEqual([]);
    expect(Number((await w.invoices())[1]!.total)).toBe(15000);
    await w.f.approvedEntry(90, '2026-01-20');
    await w.runAt('2026-02-02');
    await expectCreditedOn(2);
  });

  it('what the invoice could not hold stays given: the client keeps it as client credit', async () => {
    const { w, endCredits } = await endedMidJanuary();
    await w.runAt('2026-01-17');
    const zero = (await w.invoices())[1]!;
    expect(Number(zero.total)).toBe(0);
    await s.container.invoices.void(w.org.id, SYSTEM_ACTOR, zero.id, { releaseTimeEntries: true });
    expect(await endCredits()).toEqual([{ seq: 1, amount: UNUSED, invoice_id: zero.id }]);
    await w.f.approvedEntry(90, '2026-01-20');
    await w.runAt('2026-02-02');
    expect((await w.invoices())[2]!.lines.map((l) => l.kind)).toEqual(['TIME']);
    const credit = await s.container.db.query(
      `SELECT source, amount::int AS amount FROM client_credits WHERE client_id = $1`,
      [w.f.client.id],
    );
    expect(credit).toEqual([{ source: 'CONTRACT_END', amount: UNUSED }]);
  });

  it('given back in part (a line that held part of it): the next invoice credits the rest once', async () => {
    const { w, endCredits } = await endedMidJanuary();
    await w.f.approvedEntry(30, '2026-01-14'); // 50.00 of time: the invoice holds 50.00 of the 103.23
    await w.runAt('2026-01-17');
    const part = (await w.invoices())[1]!;
    expect(part.lines.map((l) => l.amount)).toEqual([-5000, 5000]);
    await s.container.invoices.void(w.org.id, SYSTEM_ACTOR, part.id, { releaseTimeEntries: true });
    expect(await endCredits()).toEqual([{ seq: 1, amount: UNUSED - 5000, invoice_id: part.id }]);
    await w.runAt('2026-02-02');
    const next = (await w.invoices())[2]!;
    // The time is billed again, and the 50.00 of credit it held with it: the client has 53.23 as client credit.
    expect(next.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['DISCOUNT', -5000],
      ['TIME', 5000],
    ]);
    expect((await endCredits()).map((e) => [e.seq, e.amount])).toEqual([
      [1, UNUSED - 5000],
      [2, 5000],
    ]);
  });
});

describe('amounts in the words of contract lines', () => {
  it("are printed in the client's currency's decimals (JPY none, KWD three)", async () => {
    const w = await billingWorld(s, { since: '2026-01-01', contract: null });
    const bill = async (currency: string, unitPrice: number) => {
      const client = await s.container.clients.create(w.org.id, SYSTEM_ACTOR, {
        name: `Client ${currency}`,
        billingEmail: `ap@${currency.toLowerCase()}.test`,
        currency,
      });
      // From the 16th: January is a partial period (16 of 31 days), its line says the price it prorates.
      const c = await contractsOf(s.container).create(w.org.id, SYSTEM_ACTOR, {
        clientId: client.id,
        name: 'Kiosks',
        cycle: 'MONTHLY',
        billingTiming: 'ADVANCE',
        startDate: '2026-01-16',
        anchorDay: 1,
        lines: [{ serviceId: w.f.service.id, quantity: 5, priceSource: 'FIXED', unitPrice, description: 'Kiosk' }],
      });
      return { client, c };
    };
    const yen = await bill('JPY', 4000);
    const dinar = await bill('KWD', 40000);
    await w.runAt('2026-01-17');
    const lines = (await w.invoices()).map((i) => [i.client_id, i.lines[0]!.description, i.lines[0]!.amount]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [yen.client.id, 'Kiosk · 2026-01-16 – 2026-01-31 (16 of 31 days, 5 × 4000)', 10323],
        [dinar.client.id, 'Kiosk · 2026-01-16 – 2026-01-31 (16 of 31 days, 5 × 40.000)', 103226],
      ]),
    );
  });
});

describe('the price of unused time', () => {
  it('is the price the period was charged at, not a catalog price changed since', async () => {
    const w = await billingWorld(s, { since: '2026-01-01', catalogPrice: 4000, contract: null });
    const contract = await contractsOf(s.container).create(w.org.id, SYSTEM_ACTOR, {
      clientId: w.f.client.id,
      name: 'Managed services',
      cycle: 'MONTHLY',
      billingTiming: 'ADVANCE',
      startDate: '2026-01-01',
      lines: [{ serviceId: w.f.service.id, quantity: 5, priceSource: 'CATALOG', description: 'Managed seat' }],
    });
    await w.runAt('2026-01-02');
    expect((await w.invoices()).map((i) => Number(i.total))).toEqual([20000]);
    // The catalog price doubles, then the contract ends on the 15th: 16 of January's 31 days were paid at 40.00.
    await s.container.catalog.update(w.org.id, SYSTEM_ACTOR, w.f.service.id, {
      prices: [{ currency: 'USD', unitAmount: 8000 }],
    });
    w.clock.set('2026-01-10T12:00:00Z');
    await contractsOf(s.container).update(w.org.id, SYSTEM_ACTOR, contract.id, { endDate: '2026-01-15' });
    await w.f.approvedEntry(180, '2026-01-14'); // 480.00 of time at the new price: the invoice stays positive
    await w.runAt('2026-01-17');
    const credited = (await w.invoices())[1]!;
    expect(credited.lines.filter((l) => l.kind === 'DISCOUNT').map((l) => l.amount)).toEqual([-UNUSED]);
  });

  it('an end set more than a year back still credits every period charged after it', async () => {
    const w = await billingWorld(s, { since: '2025-01-01' });
    await w.runAt('2026-03-02'); // January 2025 to March 2026, 15 months charged
    expect(await w.invoices()).toHaveLength(15);
    // The client left at the end of January 2025: 14 periods were charged after it.
    w.clock.set('2026-03-10T12:00:00Z');
    await contractsOf(s.container).update(w.org.id, SYSTEM_ACTOR, w.contract!.id, { endDate: '2025-01-31' });
    await w.runAt('2026-04-02');
    const [row] = (await s.container.db.query(
      `SELECT count(*)::int AS periods, sum(amount)::int AS amount FROM contract_end_credits WHERE org_id = $1`,
      [w.org.id],
    )) as Array<{ periods: number; amount: number }>;
    expect(row).toEqual({ periods: 14, amount: 14 * 20000 });
  });
});
