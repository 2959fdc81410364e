import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';

export interface SettleApollo {
  apolloClient: ApolloClient;
  wsClient: Client;
}

/**
 * The Apollo client both SPAs use. The session is an HTTP-only cookie on this origin: HTTP requests send
 * it (`same-origin`) and the browser sends it on the WebSocket upgrade, so subscriptions (graphql-ws on
 * the same /graphql URL) are authorized the same way. After a sign-in or sign-out, call
 * `wsClient.terminate()` so the socket reconnects with the new cookie.
 */
export function createSettleApollo(
  opts: { typePolicies?: TypePolicies; retryWait?: ClientOptions['retryWait'] } = {},
): SettleApollo {
  const wsClient = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    lazy: true,
    retryAttempts: Infinity,
    ...(opts.retryWait ? { retryWait: opts.retryWait } : {}),
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
  const apolloClient: ApolloClient = new ApolloClient({
    link: ApolloLink.split(({ query }) => isSubscriptionOperation(query), new GraphQLWsLink(wsClient), httpLink),
    cache: new InMemoryCache({ typePolicies: opts.typePolicies }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { apolloClient, wsClient };
}
