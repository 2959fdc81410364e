import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';

/** The server's close code for a caller past its live connections (server/src/http/socket-quota.ts). */
const TOO_MANY_SOCKETS = 4429;
const TOO_MANY_WAIT_MS = 60_000;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** graphql-ws's own wait, capped: 1 s doubling per retry, at most 30 s, with up to 3 s of jitter. */
const backoff = (retries: number) => pause(Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 3000);

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
  // Refused because this person holds too many live connections (4429: another tab or window): asking
  // again every few seconds only repeats the refusal, so wait a minute; any other close, as usual.
  let tooMany = false;
  const wait = opts.retryWait ?? backoff;
  const wsClient = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) => (tooMany ? pause(TOO_MANY_WAIT_MS) : wait(retries)),
    shouldRetry: () => true,
    on: {
      closed: (event) => {
        tooMany = (event as { code?: number } | undefined)?.code === TOO_MANY_SOCKETS;
      },
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
