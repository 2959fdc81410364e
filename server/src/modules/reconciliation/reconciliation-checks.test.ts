import { describe, expect, it } from 'vitest';
import { reconcile } from './reconciliation-check-list.js';
import type {
  ReconciliationInput,
  SettleInvoiceFacts,
  SettleMoneyFacts,
  StripeChargeFacts,
} from './reconciliation-snapshot.js';

// The comparisons alone: three systems' facts in, discrepancies out, no database or API.
function world() {
  const invoice: SettleInvoiceFacts = {
    id: 'inv-1',
    number: 'INV-1',
    currency: 'USD',
    status: 'PAID',
    total: 10000,
    paid: 10000,
    balance: 0,
    stripeInvoiceId: 'in_1',
    qbInvoiceId: '101',
  };
  const payment: SettleMoneyFacts = {
    id: 'pay-1',
    invoiceId: 'inv-1',
    kind: 'PAYMENT',
    source: 'STRIPE',
    amount: 10000,
    currency: 'USD',
    externalId: 'pi_1',
    qbId: '201',
  };
  const charge: StripeChargeFacts = {
    id: 'ch_1',
    paymentIntent: 'pi_1',
    amount: 10000,
    currency: 'USD',
    status: 'succeeded',
    fee: 320,
  };
  const input: ReconciliationInput = {
    settle: {
      invoices: [invoice],
      money: [payment],
      feeLinks: new Map([['pi_1', '301']]),
      inFlight: new Set(),
      feesBooked: true,
      payouts: [
        {
          id: 'payout-1',
          stripePayoutId: 'po_1',
          amount: 9680,
          currency: 'USD',
          arrivalDate: '2026-11-20',
          qbDepositId: '501',
        },
      ],
      payoutsBooked: true,
    },
    stripe: {
      invoices: new Map([
        [
          'in_1',
          {
            id: 'in_1',
            status: 'paid',
            total: 10000,
            amountPaid: 10000,
            amountRemaining: 0,
            currency: 'USD',
            paymentIntents: ['pi_1'],
          },
        ],
      ]),
      charges: [charge],
      refunds: [],
      payouts: [{ id: 'po_1', amount: 9680, currency: 'USD', status: 'paid', arrivalDate: '2026-11-20' }],
    },
    quickbooks: {
      invoices: new Map([['101', { id: '101', total: 10000, balance: 0, voided: false }]]),
      payments: new Map([['201', { id: '201', total: 10000, voided: false, invoiceIds: ['101'] }]]),
      refundReceipts: new Map(),
      purchases: new Map([['301', { id: '301', total: 320, voided: false }]]),
      deposits: new Map([['501', { id: '501', total: 9680, voided: false }]]),
    },
  };
  return { input, invoice, payment, charge };
}

/** A 25.00 refund of the card payment, as Stripe lists it. */
const DASHBOARD_REFUND = {
  id: 're_1',
  chargeId: 'ch_1',
  paymentIntent: 'pi_1',
  amount: 2500,
  currency: 'USD',
  status: 'succeeded',
};

const types = (input: ReconciliationInput) => reconcile(input).map((f) => [f.type, f.fix]);
/** The one finding of `input` (there must be exactly one). */
const onlyFinding = (input: ReconciliationInput) => {
  const [f, ...rest] = reconcile(input);
  expect(rest).toEqual([]);
  return f;
};

describe('reconciliation checks', () => {
  it('three systems that agree give nothing', () => {
    expect(reconcile(world().input)).toEqual([]);
  });

  it('an invoice edited in QuickBooks: AMOUNT_MISMATCH with both totals, fixed by updating QuickBooks', () => {
    const { input } = world();
    input.quickbooks!.invoices.set('101', { id: '101', total: 12000, balance: 2000, voided: false });
    const f = onlyFinding(input);
    expect(f).toMatchObject({
      type: 'AMOUNT_MISMATCH',
      systems: ['SETTLE', 'QUICKBOOKS'],
      settleAmount: 10000,
      quickBooksAmount: 12000,
      fix: 'UPDATE_QUICKBOOKS_INVOICE',
      invoiceNumber: 'INV-1',
    });
    expect(f!.detail).toContain('120.00 in QuickBooks');
  });

  it('a payment deleted in QuickBooks: the payment is missing and the balance differs', () => {
    const { input } = world();
    input.quickbooks!.payments.clear();
    input.quickbooks!.invoices.set('101', { id: '101', total: 10000, balance: 10000, voided: false });
    expect(types(input)).toEqual([
      ['BALANCE_MISMATCH', null],
      ['MISSING_PAYMENT_IN_QUICKBOOKS', 'PUSH_PAYMENT_TO_QUICKBOOKS'],
    ]);
  });

  it('a payment still queued for QuickBooks is in flight, not a discrepancy', () => {
    const { input } = world();
    input.quickbooks!.payments.clear();
    input.settle.inFlight.add('pay-1');
    expect(types(input)).toEqual([]);
  });

  it('an invoice never sent to QuickBooks can be pushed; one deleted there needs a person', () => {
    const { input, invoice } = world();
    input.quickbooks!.invoices.clear();
    expect(types(input)).toEqual([['MISSING_IN_QUICKBOOKS', null]]);
    invoice.qbInvoiceId = null;
    expect(types(input)).toEqual([['MISSING_IN_QUICKBOOKS', 'PUSH_INVOICE_TO_QUICKBOOKS']]);
    invoice.status = 'VOID';
    expect(types(input)).toEqual([]);
  });

  it('void in Settle but open in QuickBooks is fixable; voided only in QuickBooks needs a person', () => {
    const { input, invoice } = world();
    invoice.status = 'VOID';
    invoice.stripeInvoiceId = null;
    input.settle.money = [];
    input.quickbooks!.payments.clear();
    expect(types(input)).toEqual([['STATUS_MISMATCH', 'VOID_QUICKBOOKS_INVOICE']]);
    invoice.status = 'PAID';
    input.quickbooks!.invoices.set('101', { id: '101', total: 0, balance: 0, voided: true });
    expect(types(input)).toEqual([['STATUS_MISMATCH', null]]);
  });

  it('a Stripe invoice still open on a settled invoice is voided; one voided in Stripe while owed needs a person', () => {
    const { input, invoice } = world();
    const s = input.stripe!.invoices.get('in_1')!;
    Object.assign(s, { status: 'open', amountPaid: 0, amountRemaining: 10000 });
    expect(types(input)).toEqual([['OPEN_IN_STRIPE_BUT_SETTLED', 'VOID_STRIPE_INVOICE']]);
    Object.assign(invoice, { status: 'SENT', paid: 0, balance: 10000 });
    input.settle.money = [];
    input.quickbooks!.payments.clear();
    input.quickbooks!.invoices.set('101', { id: '101', total: 10000, balance: 10000, voided: false });
    s.status = 'void';
    expect(types(input)).toEqual([['STATUS_MISMATCH', null]]);
  });

  it('a Stripe invoice paid in the dashboard while Settle still waits', () => {
    const { input, invoice } = world();
    Object.assign(invoice, { status: 'SENT', paid: 0, balance: 10000 });
    input.settle.money = [];
    input.quickbooks!.payments.clear();
    input.quickbooks!.invoices.set('101', { id: '101', total: 10000, balance: 10000, voided: false });
    const [f] = reconcile(input);
    expect(f).toMatchObject({ type: 'PAID_IN_STRIPE_NOT_IN_SETTLE', stripeAmount: 10000, settleAmount: 10000 });
  });

  it('a refund made in the Stripe dashboard is missing in Settle', () => {
    const { input } = world();
    input.stripe!.refunds.push(DASHBOARD_REFUND);
    expect(onlyFinding(input)).toMatchObject({
      type: 'REFUND_MISSING_IN_SETTLE',
      subjectId: 're_1',
      stripeAmount: 2500,
      fix: null,
    });
  });

  it('a Settle refund missing in QuickBooks is pushed; once there, the reopened Settle balance is no mismatch', () => {
    const { input, invoice } = world();
    Object.assign(invoice, { status: 'PARTIALLY_PAID', paid: 7500, balance: 2500 });
    input.settle.money.push({
      id: 'ref-1',
      invoiceId: 'inv-1',
      kind: 'REFUND',
      source: 'STRIPE',
      amount: 2500,
      currency: 'USD',
      externalId: 're_1',
      qbId: null,
    });
    input.stripe!.refunds.push(DASHBOARD_REFUND);
    expect(types(input)).toEqual([['REFUND_MISSING', 'PUSH_REFUND_TO_QUICKBOOKS']]);
    input.settle.money[1]!.qbId = '401';
    input.quickbooks!.refundReceipts.set('401', { id: '401', total: 2500, voided: false });
    expect(types(input)).toEqual([]);
  });

  it('fees: missing in QuickBooks (fixable) or of another amount (a person)', () => {
    const { input } = world();
    input.quickbooks!.purchases.set('301', { id: '301', total: 300, voided: false });
    expect(types(input)).toEqual([['FEE_AMOUNT_MISMATCH', null]]);
    input.quickbooks!.purchases.clear();
    const [f] = reconcile(input);
    expect(f).toMatchObject({ type: 'FEE_MISSING', fix: 'PUSH_FEE_TO_QUICKBOOKS', fixData: { paymentId: 'pay-1' } });
    input.settle.feesBooked = false;
    expect(reconcile(input)).toEqual([]);
  });

  it('Stripe payments: a charge of another amount, or none at all', () => {
    const { input, charge } = world();
    charge.amount = 9000;
    expect(types(input)).toEqual([['PAYMENT_AMOUNT_MISMATCH', null]]);
    input.stripe!.charges = [];
    expect(types(input)).toEqual([['MISSING_PAYMENT_IN_STRIPE', null]]);
  });

  it('a payment entered in QuickBooks on a Settle invoice that Settle does not have', () => {
    const { input } = world();
    input.quickbooks!.payments.set('202', { id: '202', total: 500, voided: false, invoiceIds: ['101'] });
    const [f] = reconcile(input);
    expect(f).toMatchObject({ type: 'PAYMENT_MISSING_IN_SETTLE', quickBooksAmount: 500, invoiceId: 'inv-1' });
  });

  it('a payout whose Deposit was deleted or voided in QuickBooks: PAYOUT_MISSING_IN_QUICKBOOKS, re-pushed', () => {
    const { input } = world();
    input.quickbooks!.deposits.clear();
    const f = onlyFinding(input);
    expect(f).toMatchObject({
      type: 'PAYOUT_MISSING_IN_QUICKBOOKS',
      systems: ['SETTLE', 'QUICKBOOKS'],
      subjectId: 'payout-1',
      settleAmount: 9680,
      quickBooksAmount: null,
      fix: 'PUSH_DEPOSIT_TO_QUICKBOOKS',
      invoiceId: null,
    });
    expect(f!.detail).toContain('po_1');
    expect(f!.detail).toContain('was deleted in QuickBooks');
    input.quickbooks!.deposits.set('501', { id: '501', total: 0, voided: true });
    expect(reconcile(input)[0]).toMatchObject({ type: 'PAYOUT_MISSING_IN_QUICKBOOKS', quickBooksAmount: 0 });
    expect(reconcile(input)[0]!.detail).toContain('was voided in QuickBooks');
    input.settle.payouts[0]!.qbDepositId = null;
    expect(reconcile(input)[0]!.detail).toContain('never reached QuickBooks');
  });

  it('a payout Deposit edited in QuickBooks: PAYOUT_AMOUNT_MISMATCH for a person', () => {
    const { input } = world();
    input.quickbooks!.deposits.set('501', { id: '501', total: 9000, voided: false });
    const f = onlyFinding(input);
    expect(f).toMatchObject({ type: 'PAYOUT_AMOUNT_MISMATCH', settleAmount: 9680, quickBooksAmount: 9000, fix: null });
    expect(f!.detail).toContain('96.80');
    expect(f!.detail).toContain('90.00');
  });

  it('a paid Stripe payout Settle never recorded: PAYOUT_MISSING_IN_SETTLE, recorded from Stripe', () => {
    const { input } = world();
    input.stripe!.payouts.push(
      { id: 'po_2', amount: 4000, currency: 'USD', status: 'paid', arrivalDate: '2026-11-21' },
      { id: 'po_3', amount: 5000, currency: 'USD', status: 'in_transit', arrivalDate: '2026-11-22' },
    );
    expect(onlyFinding(input)).toMatchObject({
      type: 'PAYOUT_MISSING_IN_SETTLE',
      systems: ['STRIPE', 'SETTLE'],
      subjectId: 'po_2',
      stripeAmount: 4000,
      fix: 'RECORD_STRIPE_PAYOUT',
    });
  });

  it('payouts: a queued Deposit is in flight, and nothing is compared while payouts are not mapped', () => {
    const { input } = world();
    input.quickbooks!.deposits.clear();
    input.stripe!.payouts.push({
      id: 'po_2',
      amount: 4000,
      currency: 'USD',
      status: 'paid',
      arrivalDate: '2026-11-21',
    });
    input.settle.inFlight.add('payout-1');
    expect(types(input)).toEqual([['PAYOUT_MISSING_IN_SETTLE', 'RECORD_STRIPE_PAYOUT']]);
    input.settle.payoutsBooked = false;
    expect(reconcile(input)).toEqual([]);
  });

  it('systems the org has not connected are not compared', () => {
    const { input } = world();
    input.quickbooks!.invoices.clear();
    input.stripe!.charges = [];
    expect(reconcile({ ...input, stripe: null, quickbooks: null })).toEqual([]);
  });
});
