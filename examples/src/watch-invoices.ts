import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { graphql } from './gql/index.js';
import type { ExampleInvoiceUpdatesSubscription } from './gql/graphql.js';
import type { SettleApi } from './settle-api.js';

const InvoiceUpdates = graphql(`
  subscription ExampleInvoiceUpdates {
    invoiceUpdated {
      invoice {
        id
        number
        status
        amountPaid
        balanceDue
        currency
      }
    }
  }
`);

export type InvoiceUpdate = ExampleInvoiceUpdatesSubscription['invoiceUpdated']['invoice'];

/**
 * Calls `onUpdate` with every invoice whose status or balance changes (a payment by card, by check, in
 * QuickBooks…), until the returned function is called.
 */
export function watchInvoices(api: SettleApi, onUpdate: (invoice: InvoiceUpdate) => void): () => Promise<void> {
  const client = createClient({
    url: `${api.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.token}` },
    retryAttempts: 5,
  });
  const stop = client.subscribe<ExampleInvoiceUpdatesSubscription>(
    { query: print(InvoiceUpdates) },
    {
      next: ({ data }) => data && onUpdate(data.invoiceUpdated.invoice),
      error: (err) => console.error('subscription ended', err),
      complete: () => undefined,
    },
  );
  return async () => {
    stop();
    await client.dispose();
  };
}
