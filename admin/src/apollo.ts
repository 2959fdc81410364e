import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/**
 * Queries and mutations go over HTTP with the HTTP-only session cookie (same origin); subscriptions go
 * over graphql-ws on the same URL, where the browser sends the cookie with the upgrade request.
 */
const httpLink = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
export const wsClient = createClient({
  url: wsUrl,
  lazy: true,
  retryAttempts: Infinity,
  // Back off gently, capped at 5 s, so a restarted server is picked up quickly.
  retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(5000, 300 * 2 ** retries))),
  shouldRetry: () => true,
  on: {
    // What was pushed while the socket was down is not pushed again: after a reconnect, re-read what is
    // on screen (the invoice page also subscribes with `current`, which covers it on its own).
    connected: (_socket, _payload, wasRetry) => {
      if (wasRetry) void apolloClient.refetchQueries({ include: 'active' });
    },
  },
});

const link = ApolloLink.split(
  ({ query }) => {
    const def = getMainDefinition(query);
    return def.kind === 'OperationDefinition' && def.operation === 'subscription';
  },
  new GraphQLWsLink(wsClient),
  httpLink,
);

export const apolloClient = new ApolloClient({
  link,
  cache: new InMemoryCache({
    typePolicies: {
      // Singletons: one per signed-in organization.
      Organization: { keyFields: ['id'] },
      Dashboard: { keyFields: [] },
      Me: { keyFields: [] },
    },
  }),
  defaultOptions: {
    watchQuery: { fetchPolicy: 'cache-and-network' },
  },
});

/** After sign-in or sign-out the socket must reconnect so it carries the new cookie. */
export function reconnectSubscriptions(): void {
  wsClient.terminate();
}
