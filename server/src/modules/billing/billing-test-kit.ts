import type { TestSettle } from '../../../test/harness.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, payByCheck } from '../../../test/fixtures.js';
import { ManualClock } from '../../platform/clock.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { clientCreditsOf } from '../client-credits/client-credits.services.js';
import { contractsOf } from '../contracts/contracts.services.js';
import { CreditMemoPurpose } from '../payments/settlement.types.js';
import type { CreateContractInput } from '../contracts/contract.types.js';
import type { BillingSettingsInput } from './billing-settings.js';
import { billingOf } from './billing.services.js';

/**
 * An org with one client on a contract, automatic billing on since `since`, and a ManualClock on the
 * container (the billing run reads "now" from it), so a test moves time by setting the clock.
 */
export async function billingWorld(
  s: TestSettle,
  opts: {
    since?: string;
    contract?: Partial<CreateContractInput> | null;
    settings?: BillingSettingsInput;
    catalogPrice?: number;
  } = {},
) {
  const clock = new ManualClock(`${opts.since ?? '2026-01-01'}T09:00:00Z`);
  s.container.clock = clock;
  const { org, token } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id, { catalogPrice: opts.catalogPrice ?? 10000 });
  const billing = billingOf(s.container);
  await billing.settings.set(org.id, SYSTEM_ACTOR, { autoBilling: true, invoiceGraceHours: 24, ...opts.settings });
  const contractInput = (clientId: string): CreateContractInput => ({
    clientId,
    name: 'Managed services',
    cycle: 'MONTHLY',
    billingTiming: 'ADVANCE',
    startDate: opts.since ?? '2026-01-01',
    lines: [
      { serviceId: f.service.id, quantity: 5, priceSource: 'FIXED', unitPrice: 4000, description: 'Managed seat' },
    ],
    ...opts.contract,
  });
  const contract =
    opts.contract === null
      ? null
      : await contractsOf(s.container).create(org.id, SYSTEM_ACTOR, contractInput(f.client.id));
  /** Another client of the org on the same contract (its lines as given, else the first client's). */
  const addClient = async (
    name: string,
    client: { currency?: string; billingEmail?: string } = {},
    lines?: CreateContractInput['lines'],
  ) => {
    const added = await s.container.clients.create(org.id, SYSTEM_ACTOR, {
      name,
      billingEmail: client.billingEmail ?? `ap@${name.toLowerCase().replace(/\W+/g, '-')}.test`,
      currency: client.currency ?? 'USD',
    });
    await contractsOf(s.container).create(org.id, SYSTEM_ACTOR, {
      ...contractInput(added.id),
      ...(lines && { lines }),
    });
    return added;
  };
  /** Moves the clock and runs the billing sweep for this org. */
  const runAt = async (at: string) => {
    clock.set(at.length === 10 ? `${at}T12:00:00Z` : at);
    return billing.runner.runDue({ orgId: org.id });
  };
  const invoices = () =>
    s.container.db.query(
      `SELECT i.id, i.client_id, i.number, i.status, i.total, i.subtotal, to_char(i.period_start,'YYYY-MM-DD') AS period_start,
              to_char(i.period_end,'YYYY-MM-DD') AS period_end,
              (SELECT json_agg(json_build_object('kind', l.kind, 'description', l.description, 'quantity', l.quantity::text, 'unitPrice', l.unit_price::int, 'amount', l.amount::int) ORDER BY l.position)
                 FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines
         FROM invoices i WHERE i.org_id = $1 ORDER BY i.number`,
      [org.id],
    ) as Promise<
      Array<{
        id: string;
        client_id: string;
        number: string;
        status: string;
        total: string;
        subtotal: string;
        period_start: string;
        period_end: string;
        lines: Array<{ kind: string; description: string; quantity: string; unitPrice: number; amount: number }>;
      }>
    >;
  const runs = () =>
    s.container.db.query(
      `SELECT to_char(bill_date,'YYYY-MM-DD') AS bill_date, client_id, status, message, invoice_id FROM billing_runs WHERE org_id = $1 ORDER BY bill_date, client_id`,
      [org.id],
    ) as Promise<
      Array<{ bill_date: string; client_id: string; status: string; message: string | null; invoice_id: string | null }>
    >;
  return { org, token, f, clock, billing, contract, addClient, runAt, invoices, runs };
}

export type BillingWorld = Awaited<ReturnType<typeof billingWorld>>;

/**
 * A billing world whose run sends at once (AUTO_SEND), its client holding 50.00 of kept credit (an
 * invoice paid by check, then credited to the client) that the org applies automatically.
 */
export async function billingWorldWithCredit(s: TestSettle, since = '2026-01-01') {
  const w = await billingWorld(s, { since, settings: { review: 'AUTO_SEND' } });
  const c = s.container;
  const paid = await w.f.sentInvoice(60, { email: false });
  await payByCheck(c, w.org.id, paid.id, paid.total);
  await c.settlement.issueCreditMemo(w.org.id, SYSTEM_ACTOR, {
    invoiceId: paid.id,
    amount: 5000,
    reason: 'Service credit',
    purpose: CreditMemoPurpose.TO_CLIENT_CREDIT,
  });
  await clientCreditsOf(c).settings.update(w.org.id, SYSTEM_ACTOR, { applyCreditAutomatically: true });
  return w;
}

/**
 * Runs the billing of `at` with `change` landing (committed) just after the run read the org's clients,
 * before the transaction that bills them: how the race tests put a change in that gap.
 */
export async function runAtWithChangeAfterRead(w: BillingWorld, at: string, change: () => Promise<unknown>) {
  const runner = w.billing.runner as unknown as { loadOrg: (...args: unknown[]) => Promise<unknown> };
  const loadOrg = runner.loadOrg.bind(runner);
  runner.loadOrg = async (...args) => {
    const batch = await loadOrg(...args);
    await change();
    return batch;
  };
  try {
    return await w.runAt(at);
  } finally {
    delete (runner as { loadOrg?: unknown }).loadOrg;
  }
}

/**
 * A contract billed in April whose seats went from 5 to 8 on April 16: the May run prorates it (a credit
 * at the old quantity, a charge at the new). Returns the world, the line and May's invoice.
 */
export async function seatsChangedMidApril(s: TestSettle) {
  const w = await billingWorld(s, { since: '2026-04-01' });
  await w.runAt('2026-04-02');
  const line = (await contractsOf(s.container).lines(w.org.id, w.contract!.id))[0]!;
  w.clock.set('2026-04-16T10:00:00Z');
  await contractsOf(s.container).changeQuantity(w.org.id, SYSTEM_ACTOR, { lineId: line.id, quantity: 8 });
  await w.runAt('2026-05-02');
  const may = (await w.invoices())[1]!;
  return { w, line, may };
}
