import { createSettleApollo } from '@settle/web-kit/apollo';

/**
 * The admin's Apollo client (@settle/web-kit/apollo): HTTP with the session cookie, subscriptions over
 * graphql-ws. The admin backs off gently when the socket drops, capped at 5 s, so a restarted server is
 * picked up quickly.
 */
export const { apolloClient, wsClient } = createSettleApollo({
  typePolicies: {
    // Singletons: one per signed-in organization.
    Organization: { keyFields: ['id'] },
    Dashboard: { keyFields: [] },
    Me: { keyFields: [] },
  },
  retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(5000, 300 * 2 ** retries))),
});

/** After sign-in or sign-out the socket must reconnect so it carries the new cookie. */
export function reconnectSubscriptions(): void {
  wsClient.terminate();
}
