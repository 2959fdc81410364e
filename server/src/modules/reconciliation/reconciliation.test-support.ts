// Test support (not a test file): Settle with the Stripe and QuickBooks emulators, orgs whose invoices
// agree everywhere, and the edits a person makes directly in Stripe's dashboard or in QuickBooks.
import { eventually } from '../../../test/harness.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { call, directClient, settled } from '../quickbooks/quickbooks.test-support.js';
import {
  connectedOrg,
  payHosted,
  sentEverywhere,
  type BothWorld,
  type Org,
} from '../stripe/payment-artifacts.test-support.js';
import { reconciliationOf } from './reconciliation.integration.js';

export { startBothWorld, type BothWorld, type Org } from '../stripe/payment-artifacts.test-support.js';

const RUN = `mutation($p: PeriodInput!) { runReconciliation(period: $p) {
  id discrepancyCount stripeCalls quickBooksCalls systems csvUrl
  discrepancies { id type label systems invoiceId invoiceNumber subject currency settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult }
} }`;
const FIX = `mutation($id: ID!) { fixReconciliationDiscrepancy(id: $id) { id status fix fixResult } }`;

/** An org on Stripe (hosted invoices) and QuickBooks, with Stripe's fees booked to QuickBooks. */
export async function reconciledOrg(w: BothWorld): Promise<Org> {
  const o = await connectedOrg(w, { quickbooks: true });
  const accounts = (await w.settle.gql(`{ quickBooksAccounts { id name } }`, {}, o.token)).data
    .quickBooksAccounts as Array<{ id: string; name: string }>;
  const id = (name: string) => accounts.find((a) => a.name === name)!.id;
  const r = await w.settle.gql(
    `mutation($i: QuickBooksMappingInput!) { updateQuickBooksMapping(input: $i) { status } }`,
    { i: { feeExpenseAccountId: id('Stripe Fees'), feeBankAccountId: id('Stripe Clearing') } },
    o.token,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return o;
}

/** A 100.00 invoice sent everywhere and paid by card on its hosted Stripe page; waits until QuickBooks has it all. */
export async function paidByCard(w: BothWorld, o: Org) {
  const sent = await sentEverywhere(w, o);
  const paid = await payHosted(w, sent.stripeInvoiceId);
  if (paid.status >= 400) throw new Error(`hosted payment failed: ${paid.status}`);
  await eventually(
    async () =>
      (await w.settle.container.db.getRepository(Invoice).findOneByOrFail({ id: sent.invoice.id })).status ===
      InvoiceStatus.PAID,
    'the card payment to settle the invoice',
  );
  await quickBooksCaughtUp(w, o);
  return sent;
}

export const quickBooksCaughtUp = (w: BothWorld, o: Org) =>
  settled({ emu: w.qbEmu, settle: w.settle, close: async () => undefined }, o.org.id, 20_000);

/** The QuickBooks id Settle linked a Settle record to. */
export async function qbLink(w: BothWorld, orgId: string, type: string, settleId: string): Promise<string> {
  const [row] = await w.settle.container.db.query(
    `SELECT qb_id FROM qbo_links WHERE org_id = $1 AND settle_type = $2 AND settle_id = $3`,
    [orgId, type, settleId],
  );
  if (!row) throw new Error(`no ${type} link for ${settleId}`);
  return row.qb_id as string;
}

/** Someone working directly in QuickBooks, through the real SDK. */
export async function inQuickBooks(w: BothWorld) {
  const qbo = await directClient(w.qbEmu);
  type Kind = 'Invoice' | 'Payment' | 'Purchase' | 'Deposit';
  /** Deletes the entity with its current SyncToken, as QuickBooks' delete asks. */
  const remove = async (kind: Kind, id: string) => {
    const e = await call<any>((cb) => qbo[`get${kind}`](id, cb));
    return call<any>((cb) => qbo[`delete${kind}`]({ Id: id, SyncToken: e.SyncToken }, cb));
  };
  return {
    qbo,
    get: (kind: Kind, id: string) => call<any>((cb) => qbo[`get${kind}`](id, cb)),
    /** Changes the invoice's first line to `amount` (dollars): a sparse update with its SyncToken. */
    async editInvoiceAmount(id: string, amount: number) {
      const inv = await call<any>((cb) => qbo.getInvoice(id, cb));
      const lines = inv.Line.filter((l: any) => l.DetailType === 'SalesItemLineDetail');
      lines[0] = {
        ...lines[0],
        Amount: amount,
        SalesItemLineDetail: { ...lines[0].SalesItemLineDetail, Qty: 1, UnitPrice: amount },
      };
      return call<any>((cb) => qbo.updateInvoice({ Id: id, SyncToken: inv.SyncToken, sparse: true, Line: lines }, cb));
    },
    deletePayment: (id: string) => remove('Payment', id),
    deletePurchase: (id: string) => remove('Purchase', id),
    deleteDeposit: (id: string) => remove('Deposit', id),
    async voidInvoice(id: string) {
      const inv = await call<any>((cb) => qbo.getInvoice(id, cb));
      return call<any>((cb) => qbo.voidInvoice({ Id: id, SyncToken: inv.SyncToken }, cb));
    },
  };
}

export interface RunResult {
  id: string;
  discrepancyCount: number;
  stripeCalls: number;
  quickBooksCalls: number;
  systems: string[];
  csvUrl: string;
  discrepancies: Array<{
    id: string;
    type: string;
    invoiceId: string | null;
    fix: string | null;
    status: string;
    settleAmount: number | null;
    stripeAmount: number | null;
    quickBooksAmount: number | null;
    [k: string]: unknown;
  }>;
}

/** Runs the reconciliation through the API for the day the test invoices are issued on. */
export async function runReconciliation(w: BothWorld, o: Org, day: string): Promise<RunResult> {
  const r = await w.settle.gql(RUN, { p: { from: day, to: day } }, o.token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.runReconciliation as RunResult;
}

export const fixDiscrepancy = (w: BothWorld, token: string, id: string) => w.settle.gql(FIX, { id }, token);

/** Each discrepancy's status in a run, as the API lists them. */
export async function discrepancyStatuses(w: BothWorld, o: Org, runId: string): Promise<Array<{ status: string }>> {
  const r = await w.settle.gql(
    `query($id: ID!) { reconciliationRun(id: $id) { discrepancies { status } } }`,
    { id: runId },
    o.token,
  );
  return r.data.reconciliationRun.discrepancies;
}

/** What the queued fixes' re-check says, once QuickBooks and Stripe have caught up. */
export async function recheckAfterFixes(w: BothWorld, o: Org, runId: string): Promise<void> {
  await quickBooksCaughtUp(w, o);
  await eventually(
    async () => (await reconciliationOf(w.settle.container).recheck(o.org.id, runId)) === 0,
    'the fixes to be confirmed',
    20_000,
  );
}
