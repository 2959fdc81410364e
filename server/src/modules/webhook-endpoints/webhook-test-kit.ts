import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  body: string;
  signature: string;
  eventId: string;
  at: number;
}

/** What a local receiver answers a delivery with (status, body, and how long it waits first). */
export type Answer = { status: number; body?: string; delayMs?: number };

/**
 * A webhook receiver on 127.0.0.1 for tests and the bench: records every POST and answers with
 * `answer(n, body)` (n counts requests from 0).
 */
export async function startReceiver(answer: (n: number, body: string) => Answer = () => ({ status: 200 })) {
  const received: ReceivedWebhook[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const at = Date.now();
      const reply = answer(n++, body);
      const send = () => {
        received.push({
          body,
          signature: String(req.headers['settle-signature'] ?? ''),
          eventId: String(req.headers['settle-event-id'] ?? ''),
          at,
        });
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? 'ok');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** The parsed bodies received, in arrival order. */
    events: () => received.map((r) => JSON.parse(r.body) as { id: string; type: string; data: { object: any } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
