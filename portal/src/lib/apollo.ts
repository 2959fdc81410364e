import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/**
 * One Apollo client for the portal. The session is an HTTP-only cookie set by the sign-in mutations on
 * this origin: HTTP requests send it (`same-origin`), and the browser sends it on the WebSocket upgrade,
 * so subscriptions are authorized the same way. Subscriptions (invoiceUpdated) go over graphql-ws.
 */
const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;

export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  shouldRetry: () => true,
  on: {
    // What was pushed while the socket was down is not pushed again: after a reconnect, re-read what is
    // on screen (the invoice pages also subscribe with `current`, which covers them on their own).
    connected: (_socket, _payload, wasRetry) => {
      if (wasRetry) void apolloClient.refetchQueries({ include: 'active' });
    },
  },
});

const httpLink = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });
const wsLink = new GraphQLWsLink(wsClient);

export const apolloClient = new ApolloClient({
  link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), wsLink, httpLink),
  cache: new InMemoryCache(),
  defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
});

/**
 * After signing in or out the cookie changed: drop cached data (without refetching: callers navigate
 * away from the signed-in screens first) and reopen the WebSocket so that it carries the new session.
 */
export async function sessionChanged(): Promise<void> {
  wsClient.terminate();
  await apolloClient.clearStore().catch(() => undefined);
}
