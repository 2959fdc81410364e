import 'reflect-metadata';
import os from 'node:os';
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { PaymentMethod, PaymentSource } from '../src/modules/payments/payment.entity.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { startBenchServer } from './bench-server.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const WARM_UP = 3; // changes before the measured ones: a running server has its hot paths compiled

/**
 * Status change → subscriber update latency with 1,000 graphql-ws subscribers on one server. Target p99 ≤ 50 ms.
 * The server under test runs in its own process (bench-server.ts); this process holds the subscribers and
 * makes the changes. Latency runs from the COMMIT of the change (the moment PostgreSQL releases the
 * notification) to a subscriber holding the update.
 */
export async function run(): Promise<void> {
  section(`Live updates: invoice change → ${fmt(SUBSCRIBERS)} graphql-ws subscribers`);
  const db = await benchDatabase('subs');
  const settle = await benchSettle(db.url); // makes the changes; the server under test is a child process
  const clients: Client[] = [];
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Subs bench', slug: `subs-${Date.now()}` });
    const user = await c.auth.createUser(org.id, {
      email: `subs-${Date.now()}@bench.test`,
      name: 'Admin',
      role: 'OWNER',
      password: 'bench password 123',
    });
    const { token } = await c.auth.login(user.email, 'bench password 123');
    const client = await c.clients.create(org.id, SYSTEM_ACTOR, {
      name: 'Client',
      billingEmail: 'c@bench.test',
      currency: 'USD',
    });
    const draft = await c.invoices.createDraft(org.id, SYSTEM_ACTOR, {
      clientId: client.id,
      lines: [
        {
          kind: InvoiceLineKind.MANUAL,
          description: 'Work',
          serviceId: null,
          quantity: '1',
          unitPrice: 1_000_000,
          discount: 0,
          taxRateBps: 0,
        },
      ],
    });
    const invoice = await c.invoices.send(org.id, SYSTEM_ACTOR, draft.id, { email: false });
    server = await startBenchServer('settle', db.url, org.id);

    const committedAt = new Map<number, number>();
    const latencies: number[] = [];
    let ready = 0;
    let received = 0;
    const wsUrl = server.url.replace('http', 'ws') + '/graphql';
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const ws = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 0,
      });
      clients.push(ws);
      ws.subscribe<{ invoiceUpdated: { invoice: { amountPaid: number } } }>(
        {
          query: `subscription($id:ID!){invoiceUpdated(invoiceId:$id){invoice{amountPaid status}}}`,
          variables: { id: invoice.id },
        },
        {
          next: (msg) => {
            received++;
            const t0 = committedAt.get(msg.data?.invoiceUpdated.invoice.amountPaid ?? 0);
            if (t0 !== undefined) latencies.push(performance.now() - t0);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      ws.on('connected', () => ready++);
    }
    const deadline = Date.now() + 30_000;
    while (ready < SUBSCRIBERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000)); // let subscribe messages land
    console.log(`${fmt(ready)} subscribers connected`);

    for (let i = 1; i <= WARM_UP + CHANGES; i++) {
      const measured = i > WARM_UP;
      // The payment inside an open transaction; the clock starts as COMMIT is sent.
      const qr = c.db.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        await c.settlement.settleIn(qr.manager, org.id, SYSTEM_ACTOR, {
          invoiceId: invoice.id,
          amount: 1000,
          source: PaymentSource.MANUAL,
          method: PaymentMethod.CHECK,
        });
        if (measured) committedAt.set(i * 1000, performance.now());
        await qr.commitTransaction();
      } finally {
        await qr.release();
      }
      const want = i * ready;
      const wait = Date.now() + 5000;
      while (received < want && Date.now() < wait) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, 50)); // changes spaced out, as a person paying would
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} cores; server in a child process, subscribers in this one)`,
    );
    console.log(
      `${fmt(latencies.length)} deliveries of ${fmt(CHANGES * ready)} expected (after ${WARM_UP} warm-up changes); commit → subscriber p50 ${fmt(pct(50), 1)} ms, p99 ${fmt(pct(99), 1)} ms, max ${fmt(latencies.at(-1) ?? NaN, 1)} ms (target p99 ≤ 50 ms → ${pct(99) <= 50 ? 'MET' : 'NOT MET'})`,
    );
  } finally {
    await Promise.all(clients.map(async (cl) => cl.dispose()));
    await server?.stop();
    await settle.stop();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
