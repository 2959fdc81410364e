// Test helpers: start an emulator on a random port, build a REAL node-quickbooks client
// pointed at it, promisify its callback API, and run a local webhook receiver.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import QuickBooks from 'node-quickbooks';
import { afterAll, beforeAll } from 'vitest';
import { createQuickBooksEmulator } from './index.js';
import type { QuickBooksEmulator, QuickBooksEmulatorOptions } from './types.js';

export { QuickBooks };

export async function startEmulator(opts: QuickBooksEmulatorOptions = {}): Promise<QuickBooksEmulator> {
  return createQuickBooksEmulator({ port: 0, ...opts });
}

/** One emulator and a real SDK client for a whole test file: started before its tests, closed after. */
export function emulatorForFile(opts: QuickBooksEmulatorOptions = {}): { emu: QuickBooksEmulator; qbo: any } {
  const world = {} as { emu: QuickBooksEmulator; qbo: any };
  beforeAll(async () => {
    world.emu = await startEmulator(opts);
    world.qbo = qboClient(world.emu);
  });
  afterAll(() => world.emu.close());
  return world;
}

/** Statics must be set before construction: the constructor snapshots the endpoint. */
export function pointSdkAt(emu: QuickBooksEmulator): void {
  QuickBooks.V3_ENDPOINT_BASE_URL = `${emu.url}/v3/company/`;
  QuickBooks.TOKEN_URL = `${emu.url}/oauth2/v1/tokens/bearer`;
  QuickBooks.REVOKE_URL = `${emu.url}/v2/oauth2/tokens/revoke`;
}

export function qboClient(emu: QuickBooksEmulator, tokens?: { accessToken: string; refreshToken: string }): any {
  pointSdkAt(emu);
  const c = emu.credentials;
  const t = tokens ?? c;
  return new QuickBooks(
    c.clientId,
    c.clientSecret,
    t.accessToken,
    false,
    c.realmId,
    true,
    false,
    null,
    '2.0',
    t.refreshToken,
  );
}

/** Wrap one node-quickbooks callback call: resolves with the data, rejects with err. */
/** A client of `emu` whose company has multicurrency turned on (it cannot be turned off again). */
export async function multicurrencyClient(emu: QuickBooksEmulator): Promise<any> {
  const q = qboClient(emu);
  const prefs = await call((cb) => q.getPreferences(cb));
  await call((cb) =>
    q.updatePreferences(
      { Id: prefs.Id, SyncToken: prefs.SyncToken, CurrencyPrefs: { MultiCurrencyEnabled: true } },
      cb,
    ),
  );
  return q;
}

export function call<T = any>(fn: (cb: (err: any, data: any) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data))));
}

/** Expect a node-quickbooks call to fail; returns {status, body} of the QBO error. */
export async function callError(
  fn: (cb: (err: any, data: any) => void) => void,
): Promise<{ status?: number; body: any }> {
  try {
    await call(fn);
  } catch (err: any) {
    if (err?.response) return { status: err.response.status, body: err.response.data };
    return { status: 200, body: err };
  }
  throw new Error('expected the call to fail');
}

export async function control(emu: QuickBooksEmulator, path: string, body?: unknown, method?: string): Promise<any> {
  const res = await fetch(`${emu.url}/__emulator${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

export interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  raw: string;
  json: any;
}

/** Local endpoint that records raw webhook bodies; `status` lets tests make it fail. */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const state = { status: 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, json: JSON.parse(raw) });
      res.writeHead(state.status);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qbo-webhooks`;
  return {
    url,
    received,
    state,
    /** Entities across all received notifications (legacy format). */
    entities: () => received.flatMap((w) => w.json.eventNotifications.flatMap((n: any) => n.dataChangeEvent.entities)),
    async waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > until) throw new Error('timed out waiting for webhook');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export const serviceLine = (amount: number, itemId = '2') => ({
  Amount: amount,
  DetailType: 'SalesItemLineDetail',
  SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: amount },
});

/** A payment line applying `amount` to one invoice (or credit memo). */
export const appliedLine = (amount: number, txnId: string, txnType: 'Invoice' | 'CreditMemo' = 'Invoice') => ({
  Amount: amount,
  LinkedTxn: [{ TxnId: txnId, TxnType: txnType }],
});
