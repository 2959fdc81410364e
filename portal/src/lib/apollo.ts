import { createSettleApollo } from '@settle/web-kit/apollo';

/** The portal's Apollo client (@settle/web-kit/apollo); subscriptions (invoiceUpdated) go over graphql-ws. */
export const { apolloClient, wsClient } = createSettleApollo();

/**
 * After signing in or out the cookie changed: drop cached data (without refetching: callers navigate
 * away from the signed-in screens first) and reopen the WebSocket so that it carries the new session.
 */
export async function sessionChanged(): Promise<void> {
  wsClient.terminate();
  await apolloClient.clearStore().catch(() => undefined);
}
