import 'reflect-metadata';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { ManualClock } from '../src/platform/clock.js';
import { billingOf } from '../src/modules/billing/billing.services.js';
import { countStatements } from '../test/sql-count.js';
import { benchDatabase, benchOrg, benchSettle, fmt, section } from './bench-env.js';

const CLIENTS = Number(process.env.BILLING_BENCH_CLIENTS ?? 10_000);
const TARGET_MS = 30_000;

/**
 * One billing cycle for 10,000 clients, each on a monthly contract (seats at a fixed price and a flat
 * fee from the catalog) with three approved time entries: generate, finalize and hand off to sending
 * (the invoice email is queued) for all of them. Also counts SQL statements per client at two sizes:
 * constant per client is the target (nothing is read per client that grows with the org).
 */
export async function run(): Promise<void> {
  section(`Billing run: one monthly cycle for ${fmt(CLIENTS)} clients (contract + approved time, auto-send)`);
  const db = await benchDatabase('billing');
  const settle = await benchSettle(db.url);
  try {
    const c = settle.container;
    const clock = new ManualClock('2026-11-15T12:00:00Z');
    c.clock = clock;
    const billing = billingOf(c);
    const small = await seedOrg(c, 'small', 200);
    const big = await seedOrg(c, 'big', CLIENTS);
    clock.set('2026-12-02T12:00:00Z');

    // Statements per client at two sizes: the same figure means the run reads nothing per client that grows.
    const smallCount = await countStatements(c.db, () => billing.runner.runDue({ orgId: small }));
    let summary!: Awaited<ReturnType<typeof billing.runner.runDue>>;
    const started = performance.now();
    const bigCount = await countStatements(c.db, async () => (summary = await billing.runner.runDue({ orgId: big })));
    const ms = performance.now() - started;
    const [{ invoices, emails }] = await c.db.query(
      `SELECT (SELECT count(*)::int FROM invoices WHERE org_id = $1 AND status = 'SENT') AS invoices,
              (SELECT count(*)::int FROM emails WHERE org_id = $1 AND kind = 'invoice') AS emails`,
      [big],
    );
    const perClient = (n: number, clients: number) => (n / clients).toFixed(1);
    console.log(
      `billed ${fmt(summary.billed)} clients (${JSON.stringify(summary.byStatus)}): ${fmt(invoices)} invoices sent, ${fmt(emails)} emails queued`,
    );
    console.log(
      `run: ${fmt(ms)} ms, ${fmt(CLIENTS / (ms / 1000))} clients/s (target ≤ ${fmt(TARGET_MS)} ms → ${ms <= TARGET_MS ? 'MET' : 'NOT MET'})`,
    );
    // The org's own reads (settings, catalog, contracts) are a few statements whatever its size, so the
    // figure per client may only fall as the org grows; growing would mean a read per client that scales.
    const grows = bigCount.n / CLIENTS > smallCount.n / 200 + 0.5;
    console.log(
      `SQL statements per client: ${perClient(smallCount.n, 200)} with 200 clients, ${perClient(bigCount.n, CLIENTS)} with ${fmt(CLIENTS)} (target: not growing with clients → ${grows ? 'NOT MET' : 'MET'})`,
    );
  } finally {
    await settle.stop();
    await db.cleanup();
  }
}

async function seedOrg(
  c: Awaited<ReturnType<typeof benchSettle>>['container'],
  label: string,
  clients: number,
): Promise<string> {
  const { org, user: tech } = await benchOrg(c, `Billing bench ${label}`, 'TECHNICIAN');
  const seat = await c.catalog.create(org.id, SYSTEM_ACTOR, {
    code: 'SEAT',
    name: 'Managed seat',
    prices: [{ currency: 'USD', unitAmount: 4000 }],
  });
  const flat = await c.catalog.create(org.id, SYSTEM_ACTOR, {
    code: 'MON',
    name: 'Monitoring',
    prices: [{ currency: 'USD', unitAmount: 15000 }],
  });
  await billingOf(c).settings.set(org.id, SYSTEM_ACTOR, {
    autoBilling: true,
    invoiceGraceHours: 24,
    review: 'AUTO_SEND',
  });
  // Seeded with set-based SQL: the benchmark times the run, not the seeding.
  await c.db.query(
    `INSERT INTO clients (org_id, name, billing_email, currency) SELECT $1, 'Client ' || g, 'c' || g || '@bench.test', 'USD' FROM generate_series(1, $2) g`,
    [org.id, clients],
  );
  await c.db.query(
    `INSERT INTO contracts (org_id, client_id, name, cycle, anchor_day, billing_timing, start_date)
     SELECT org_id, id, 'Managed services', 'MONTHLY', 1, 'ARREARS', DATE '2026-11-01' FROM clients WHERE org_id = $1`,
    [org.id],
  );
  await c.db.query(
    `INSERT INTO contract_lines (org_id, contract_id, position, service_id, quantity, price_source, unit_price)
     SELECT org_id, id, 1, $2::uuid, 5 + (random() * 20)::int, 'FIXED', 3500 FROM contracts WHERE org_id = $1
     UNION ALL SELECT org_id, id, 2, $3::uuid, 1, 'CATALOG', NULL FROM contracts WHERE org_id = $1`,
    [org.id, seat.id, flat.id],
  );
  await c.db.query(
    `INSERT INTO tickets (org_id, client_id, title) SELECT org_id, id, 'Ticket' FROM clients WHERE org_id = $1`,
    [org.id],
  );
  await c.db.query(
    `INSERT INTO time_entries (org_id, client_id, ticket_id, technician_id, service_id, work_date, minutes, status, approved_at)
     SELECT t.org_id, t.client_id, t.id, $2, $3, DATE '2026-11-03' + g * 7, 30 + g * 15, 'APPROVED', now()
       FROM tickets t CROSS JOIN generate_series(0, 2) g WHERE t.org_id = $1`,
    [org.id, tech.id, seat.id],
  );
  return org.id;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
