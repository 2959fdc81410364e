import WebSocket from 'ws';
import type { Container } from '../src/app/container.js';
import { BENCH_PASSWORD, benchOrg } from './bench-env.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { PaymentMethod, PaymentSource } from '../src/modules/payments/payment.entity.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { MAX_SOCKETS_PER_CALLER } from '../src/http/socket-quota.js';

const QUERY = `subscription($id:ID!){invoiceUpdated(invoiceId:$id){invoice{amountPaid status}}}`;
const WARM_UP = 3; // changes before the measured ones: a running server has its hot paths compiled

export interface FanOut {
  /** Subscribers connected, over all servers. */
  ready: number;
  /** Commit → subscriber latencies (ms) of the measured changes, sorted. */
  latencies: number[];
  expected: number;
}

/**
 * An org with an owner signed in, one SENT invoice of 10,000.00 for the changes to pay, and read tokens
 * for `subscribers` sockets: Settle holds MAX_SOCKETS_PER_CALLER per caller, and a thousand subscribers
 * are many people.
 */
export async function subscribedInvoice(c: Container, subscribers = 1000) {
  const { org, user } = await benchOrg(c, 'Subs bench', 'OWNER');
  const { token } = await c.auth.login(user.email, BENCH_PASSWORD);
  const tokens: string[] = [];
  for (let i = 0; i < Math.ceil(subscribers / MAX_SOCKETS_PER_CALLER); i++)
    tokens.push(
      (await c.auth.createApiToken(org.id, { ...SYSTEM_ACTOR, id: user.id }, `subscriber ${i}`, 'read')).token,
    );
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
  return { org, token, tokens, invoice };
}

/**
 * Change `i` of a fan-out: commits it, calling `atCommit` as COMMIT is sent (the moment PostgreSQL releases
 * the notification: the clock starts there). After it, the invoice has been paid `i` × 10.00.
 */
export type FanOutChange = (i: number, atCommit: () => void) => Promise<void>;

/** Settle's own change: a payment of 10.00 on the invoice, through settlement, committed by `c`. */
export function paymentChange(c: Container, orgId: string, invoiceId: string): FanOutChange {
  return async (_i, atCommit) => {
    const qr = c.db.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    try {
      await c.settlement.settleIn(qr.manager, orgId, SYSTEM_ACTOR, {
        invoiceId,
        amount: 1000,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
      atCommit();
      await qr.commitTransaction();
    } finally {
      await qr.release();
    }
  };
}

/**
 * `subscribers` graphql-ws clients spread evenly over `serverUrls`, each subscribed to the invoice; then
 * `changes` changes committed by another process than the servers (`change`), spaced out as people
 * paying would be. Latency runs from the COMMIT (the moment PostgreSQL releases the notification) to a
 * subscriber holding the update.
 */
export async function measureFanOut(opts: {
  change: FanOutChange;
  invoiceId: string;
  /** One per MAX_SOCKETS_PER_CALLER subscribers (subscribedInvoice). */
  tokens: string[];
  serverUrls: string[];
  subscribers: number;
  changes: number;
  /** Called once every subscriber is connected, before the changes (a profile of the changes alone). */
  beforeChanges?: () => Promise<void>;
}): Promise<FanOut> {
  const { invoiceId, tokens, serverUrls } = opts;
  const clients: WebSocket[] = [];
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  let ready = 0;
  let received = 0;
  try {
    for (let i = 0; i < opts.subscribers; i++) {
      const url = serverUrls[i % serverUrls.length]!.replace('http', 'ws') + '/graphql';
      clients.push(
        leanSubscriber(
          url,
          tokens[Math.floor(i / MAX_SOCKETS_PER_CALLER)]!,
          QUERY,
          { id: invoiceId },
          {
            ready: () => ready++,
            next: (payload) => {
              received++;
              const amount = (payload as { data?: { invoiceUpdated: { invoice: { amountPaid: number } } } }).data
                ?.invoiceUpdated.invoice.amountPaid;
              const t0 = committedAt.get(amount ?? 0);
              if (t0 !== undefined) latencies.push(performance.now() - t0);
            },
          },
        ),
      );
    }
    const deadline = Date.now() + 30_000;
    while (ready < opts.subscribers && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000)); // let subscribe messages land
    await opts.beforeChanges?.();

    for (let i = 1; i <= WARM_UP + opts.changes; i++) {
      const measured = i > WARM_UP;
      await opts.change(i, () => {
        if (measured) committedAt.set(i * 1000, performance.now());
      });
      const want = i * ready;
      const wait = Date.now() + 5000;
      while (received < want && Date.now() < wait) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    for (const ws of clients) ws.terminate();
  }
  return { ready, latencies: latencies.sort((a, b) => a - b), expected: opts.changes * ready };
}

/** The p-th percentile of sorted figures (NaN when there are none). */
export const percentileOf = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * A subscriber that speaks graphql-ws's protocol (graphql-transport-ws) by hand over `ws`, doing no more
 * than the measurement needs. The graphql-ws client's own work per message sits in this process's queue
 * before the last of 1,000 subscribers is counted: with it, commit → subscriber p99 read 44.4 ms where
 * this reads 38.4 (same server, same minutes). lean-load.ts does the same for HTTP load.
 */
function leanSubscriber(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  on: { ready: () => void; next: (payload: unknown) => void },
): WebSocket {
  const ws = new WebSocket(url, 'graphql-transport-ws');
  ws.on('open', () =>
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
  );
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as { type: string; payload?: unknown };
    if (msg.type === 'next') on.next(msg.payload);
    else if (msg.type === 'connection_ack') {
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
      on.ready();
    } else if (msg.type === 'ping') ws.send('{"type":"pong"}');
    else if (msg.type === 'error') console.warn(`subscription refused: ${JSON.stringify(msg.payload)}`);
  });
  ws.on('error', (err) => console.warn(`subscriber socket: ${err.message}`));
  return ws;
}
