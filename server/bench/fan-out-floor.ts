import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FanOutChange } from './subscribers.js';

/** The channel the floor's changes NOTIFY on (the payload is the invoice's amount paid after the change). */
const CHANNEL = 'bench_fan_out_floor';

/**
 * The least a live-update server can do, for `pnpm bench scale` to measure beside Settle's fan-out: it
 * speaks just enough graphql-ws to be subscribed to (ack, remember the subscription id), hears commits
 * with LISTEN, and on each writes one ready-made `next` frame to every socket. No authentication, no
 * read of the invoice, no GraphQL execution, no per-subscriber filter: what is left is the notification,
 * the frames and the kernel's work of sending them.
 */
export async function startFanOutFloor(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const subscribed = new Map<WebSocket, string>();
  wss.on('connection', (ws) => {
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { type: string; id?: string };
      if (msg.type === 'connection_init') ws.send('{"type":"connection_ack"}');
      else if (msg.type === 'subscribe') subscribed.set(ws, msg.id ?? '');
    });
    ws.on('close', () => subscribed.delete(ws));
  });
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  listener.on('notification', (n) => {
    const tail = `,"type":"next","payload":{"data":{"invoiceUpdated":{"invoice":{"amountPaid":${Number(n.payload)},"status":"PARTIALLY_PAID"}}}}}`;
    for (const [ws, id] of subscribed) ws.send(`{"id":${JSON.stringify(id)}${tail}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
      await listener.end();
    },
  };
}

/** The floor's change: a NOTIFY committed by `pool` (the same moment of release as Settle's payment). */
export function notifyChange(pool: pg.Pool): FanOutChange {
  return async (i, atCommit) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(i * 1000)]);
      atCommit();
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
}
