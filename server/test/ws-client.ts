import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

/**
 * A graphql-ws client of the Settle at `settleUrl`, signed in with `token` (anonymous without one). It
 * never retries: a test sees the first refusal or drop as it happens.
 */
export function wsClient(settleUrl: string, token?: string): Client {
  return createClient({
    url: `${settleUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
}
