import 'reflect-metadata';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { benchDatabase, benchOrg, benchSettle, fmt, section } from './bench-env.js';

const CLIENTS = 200;
const ENTRIES = 10_000;

/** 10,000 approved entries across 200 clients → one draft invoice per client. Target ≤ 3 s. */
export async function run(): Promise<void> {
  section(`Invoice generation: ${fmt(ENTRIES)} approved entries across ${CLIENTS} clients`);
  const db = await benchDatabase('gen');
  const settle = await benchSettle(db.url);
  try {
    const c = settle.container;
    const { org, user: tech } = await benchOrg(c, 'Gen bench', 'TECHNICIAN');
    const services = [];
    for (let i = 0; i < 3; i++)
      services.push(
        await c.catalog.create(org.id, SYSTEM_ACTOR, {
          code: `S${i}`,
          name: `Service ${i}`,
          prices: [{ currency: 'USD', unitAmount: 10000 + i * 2500 }],
        }),
      );
    // Clients, tickets and entries go in with set-based SQL: the benchmark times generation, not seeding.
    await c.db.query(
      `INSERT INTO clients (org_id, name, billing_email, currency) SELECT $1, 'Client ' || g, 'c' || g || '@bench.test', 'USD' FROM generate_series(1, $2) g`,
      [org.id, CLIENTS],
    );
    await c.db.query(
      `INSERT INTO tickets (org_id, client_id, title) SELECT org_id, id, 'Ticket' FROM clients WHERE org_id = $1`,
      [org.id],
    );
    await c.db.query(
      `INSERT INTO time_entries (org_id, client_id, ticket_id, technician_id, service_id, work_date, minutes, status, approved_at)
       SELECT t.org_id, t.client_id, t.id, $2, ($3::uuid[])[1 + (g % 3)], DATE '2026-11-01' + (g % 28), 15 + (g % 8) * 15, 'APPROVED', now()
         FROM (SELECT *, row_number() OVER () AS rn FROM tickets WHERE org_id = $1) t
         JOIN generate_series(1, $4) g ON (g % $5) + 1 = t.rn`,
      [org.id, tech.id, services.map((s) => s.id), ENTRIES, CLIENTS],
    );
    const started = performance.now();
    const result = await c.generation.generate(org.id, SYSTEM_ACTOR, {
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    });
    const ms = performance.now() - started;
    const [{ billed }] = await c.db.query(
      `SELECT count(*)::int AS billed FROM time_entries WHERE org_id = $1 AND invoice_id IS NOT NULL`,
      [org.id],
    );
    console.log(
      `generated ${result.invoices.length} invoices, billed ${fmt(billed)} entries in ${fmt(ms)} ms (${fmt(ENTRIES / (ms / 1000))} entries/s; target ≤ 3,000 ms → ${ms <= 3000 ? 'MET' : 'NOT MET'})`,
    );
  } finally {
    await settle.stop();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
