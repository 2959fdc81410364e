// Currency and tax in QuickBooks (issue #16): foreign-currency invoices on a per-currency customer with
// QuickBooks' exchange rate, or a clear refusal with multicurrency off; tax through tax codes, with
// QuickBooks' total equal to Settle's. The tests share one emulated company and run in order: the
// first needs multicurrency off, the second turns it on (QuickBooks never lets it be turned off).
import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { billingFixture, payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import {
  bookingOrg,
  call,
  createTaxCode,
  directClient,
  operations,
  qbEntities,
  quickBooksOf,
  qbIdOf,
  sendLinesToQb,
  settled,
  startQbWorld,
  turnOnMulticurrency,
} from './quickbooks.test-support.js';
import { QuickBooksCurrencyTax } from './quickbooks-currency-tax.js';
import { QuickBooksConnection } from './quickbooks.entities.js';

const w = forFile(() => startQbWorld());

async function exceptions(token: string) {
  const r = await w.settle.gql<any>(`{ quickBooksExceptions {nodes{ id kind message }} }`, {}, token);
  return r.data.quickBooksExceptions.nodes as Array<{ id: string; kind: string; message: string }>;
}

async function qbRead(what: 'Invoice' | 'Payment' | 'Customer' | 'CreditMemo', id: string | null) {
  const qbo = await directClient(w.emu);
  return call<any>((cb) => qbo[`get${what}`](id, cb));
}

describe('QuickBooks currency', () => {
  it('an invoice in EUR is refused while the company has multicurrency off: one attempt, a reason an accountant understands', async () => {
    const o = await bookingOrg(w);
    const f = await billingFixture(w.settle.container, o.org.id, { currency: 'EUR', clientName: 'Euro Off' });
    const inv = await sendLinesToQb(w, o.org.id, f.client.id, [[10000, 0]]);
    await settled(w, o.org.id);
    expect((await operations(w, o.org.id)).map((op) => [op.kind, op.status, op.attempts])).toEqual([
      ['PUSH_INVOICE', 'FAILED', 1],
    ]);
    expect(await exceptions(o.token)).toMatchObject([
      {
        kind: 'PUSH_INVOICE',
        message:
          `Invoice ${inv.number} is in EUR, but the QuickBooks company keeps its books in USD and has multicurrency ` +
          'turned off. Turn on multicurrency in QuickBooks (Settings → Account and settings → Advanced → Currency), ' +
          'then retry; or bill this client in USD.',
      },
    ]);
    expect(await qbIdOf(w, o.org.id, 'INVOICE', inv.id)).toBeNull();
    expect(await qbIdOf(w, o.org.id, 'CLIENT_CURRENCY', `${f.client.id}:EUR`)).toBeNull();
  });

  it("with multicurrency on, a EUR invoice is booked in EUR at QuickBooks' rate on the client's EUR customer; its payment and credit carry that rate, QuickBooks' balance is 0, client edits follow", async () => {
    await turnOnMulticurrency(w.emu);
    const qbo = await directClient(w.emu);
    const setRate = (rate: number) =>
      call((cb) => qbo.updateExchangeRate({ SourceCurrencyCode: 'EUR', Rate: rate, AsOfDate: '2020-01-01' }, cb));
    await setRate(1.1);
    const o = await bookingOrg(w);
    const c = w.settle.container;
    const f = await billingFixture(c, o.org.id, { currency: 'EUR', clientName: 'Euro On' });
    const inv = await sendLinesToQb(w, o.org.id, f.client.id, [[20000, 0]]);
    await settled(w, o.org.id);
    const qbInvoiceId = await qbIdOf(w, o.org.id, 'INVOICE', inv.id);
    const customerId = await qbIdOf(w, o.org.id, 'CLIENT_CURRENCY', `${f.client.id}:EUR`);
    expect(await qbRead('Invoice', qbInvoiceId)).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 200,
      HomeTotalAmt: 220,
      CustomerRef: { value: customerId },
      AllowOnlineCreditCardPayment: false, // QuickBooks Payments takes the home currency only
    });
    expect(await qbRead('Customer', customerId)).toMatchObject({
      DisplayName: 'Euro On (EUR)',
      CurrencyRef: { value: 'EUR' },
    });

    // The rate moves in QuickBooks; the invoice's payment and credit still carry the invoice's rate.
    await setRate(1.2);
    const paid = await payByCheck(c, o.org.id, inv.id, inv.total);
    await settled(w, o.org.id);
    const memo = await c.settlement.issueCreditMemo(o.org.id, SYSTEM_ACTOR, {
      invoiceId: inv.id,
      amount: 2500,
      reason: 'Goodwill',
    });
    await settled(w, o.org.id);
    expect(await qbRead('Payment', await qbIdOf(w, o.org.id, 'PAYMENT', paid.payment.id))).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 200,
      CustomerRef: { value: customerId },
    });
    expect(await qbRead('CreditMemo', await qbIdOf(w, o.org.id, 'CREDIT_MEMO', memo.creditMemo.id))).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 25,
    });
    expect(await qbRead('Invoice', qbInvoiceId)).toMatchObject({ Balance: 0, HomeBalance: 0 });
    // A refund of part of the check: a RefundReceipt in EUR at the invoice's rate, from where the check went.
    const refund = await payByCheck(c, o.org.id, inv.id, -5000);
    await settled(w, o.org.id);
    const receiptId = await qbIdOf(w, o.org.id, 'REFUND', refund.payment.id);
    const receipt = (await qbEntities(w.emu, 'RefundReceipt')).find((r) => r.Id === receiptId);
    expect(receipt).toMatchObject({
      CurrencyRef: { value: 'EUR' },
      ExchangeRate: 1.1,
      TotalAmt: 50,
      CustomerRef: { value: customerId },
    });

    // A client edit follows to its customer in each currency, under that customer's name.
    await c.clients.update(o.org.id, SYSTEM_ACTOR, f.client.id, { name: 'Euro Renamed', billingEmail: 'ap@euro.test' });
    await settled(w, o.org.id);
    expect(await qbRead('Customer', customerId)).toMatchObject({
      DisplayName: 'Euro Renamed (EUR)',
      PrimaryEmailAddr: { Address: 'ap@euro.test' },
    });
    expect(await exceptions(o.token)).toEqual([]);
  });
});

describe('QuickBooks tax', () => {
  it("a taxed invoice reaches QuickBooks through its tax code, and QuickBooks' TotalAmt is Settle's total", async () => {
    const code = await createTaxCode(w.emu, 'Test state 8%', 8);
    const o = await bookingOrg(w);
    const f = await billingFixture(w.settle.container, o.org.id, { clientName: 'Taxed Co' });
    // Settle rounds tax per line (0.6432 → 0.64, twice: 1.28); QuickBooks per rate (16.08 × 8 % = 1.2864 → 1.29).
    const inv = await sendLinesToQb(w, o.org.id, f.client.id, [
      [804, 800],
      [804, 800],
      [1000, 0],
    ]);
    expect([inv.taxTotal, inv.total]).toEqual([128, 2736]);
    await settled(w, o.org.id);
    const q = await qbRead('Invoice', await qbIdOf(w, o.org.id, 'INVOICE', inv.id));
    expect(q.TotalAmt).toBe(27.36);
    expect(q.TxnTaxDetail).toMatchObject({
      TxnTaxCodeRef: { value: code },
      TotalTax: 1.28,
      TaxLine: [
        { Amount: 1.28, TaxLineDetail: { TaxPercent: 8, NetAmountTaxable: 16.08, OverrideDeltaAmount: -0.01 } },
      ],
    });
    const items = q.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail');
    expect(items.map((l: any) => l.SalesItemLineDetail.TaxCodeRef.value)).toEqual(['TAX', 'TAX', 'NON']);
    expect(q.PrivateNote).toContain("overrides QuickBooks' per-rate rounding by -0.01 USD");
    expect(await exceptions(o.token)).toEqual([]);

    // Should QuickBooks still answer another total, the push reports it for a person.
    const db = w.settle.container.db;
    const [op] = await operations(w, o.org.id);
    const conn = await db.manager.findOneByOrFail(QuickBooksConnection, { orgId: o.org.id });
    const ctx = { op, conn, qb: quickBooksOf(w.settle.container).connections.provider(conn) };
    await new QuickBooksCurrencyTax(db).checkTotal(ctx, inv, { Id: q.Id, TotalAmt: 27.37 });
    expect(await exceptions(o.token)).toMatchObject([
      {
        kind: 'TOTAL_MISMATCH',
        message:
          `Invoice ${inv.number} totals 27.36 USD in Settle but 27.37 USD in QuickBooks (QuickBooks invoice ${q.Id}). ` +
          'Check its lines and tax in QuickBooks.',
      },
    ]);
  });

  it('a tax rate with no QuickBooks code is refused with the reason; the code chosen in the mapping lets the retry through', async () => {
    const o = await bookingOrg(w);
    const f = await billingFixture(w.settle.container, o.org.id, { clientName: 'County Co' });
    const inv = await sendLinesToQb(w, o.org.id, f.client.id, [[10000, 650]]);
    await settled(w, o.org.id);
    const [refused] = await exceptions(o.token);
    expect(refused!.message).toBe(
      `Invoice ${inv.number} has tax at 6.5%, and no active QuickBooks sales tax code has that rate. Create one in ` +
        "QuickBooks, or choose the code for 6.5% in Settle's QuickBooks settings (tax codes), then retry.",
    );
    expect((await operations(w, o.org.id)).map((op) => [op.status, op.attempts])).toEqual([['FAILED', 1]]);

    // Two codes with that rate: the first would be matched; the accountant chooses the second.
    await createTaxCode(w.emu, 'County A 6.5%', 6.5);
    const chosen = await createTaxCode(w.emu, 'County B 6.5%', 6.5);
    const mapping = `mutation($input: QuickBooksMappingInput!) {
      updateQuickBooksMapping(input: $input) { mapping { taxCodes { rateBps taxCodeId } } } }`;
    const bad = await w.settle.gql(mapping, { input: { taxCodes: [{ rateBps: 650, taxCodeId: '9999' }] } }, o.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxCodes' });
    const set = await w.settle.gql<any>(
      mapping,
      { input: { taxCodes: [{ rateBps: 650, taxCodeId: chosen }] } },
      o.token,
    );
    expect(set.data.updateQuickBooksMapping.mapping.taxCodes).toEqual([{ rateBps: 650, taxCodeId: chosen }]);
    await w.settle.gql(`mutation($id: ID!) { retryQuickBooksException(id: $id) { id } }`, { id: refused!.id }, o.token);
    await settled(w, o.org.id);
    const q = await qbRead('Invoice', await qbIdOf(w, o.org.id, 'INVOICE', inv.id));
    expect(q).toMatchObject({ TotalAmt: 106.5, TxnTaxDetail: { TxnTaxCodeRef: { value: chosen }, TotalTax: 6.5 } });
    expect(await exceptions(o.token)).toEqual([]);
  });
});
