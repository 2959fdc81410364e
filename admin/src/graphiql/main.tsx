import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import type { ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * GraphiQL for the Settle API, served by the server at GET /graphql to browsers (see
 * server/src/http/graphiql.ts) from this bundle: no CDN. It calls the API as the signed-in person: the
 * session cookie goes with every request (same origin), and subscriptions run over graphql-ws on the
 * same URL. Headers typed in GraphiQL's headers tab (an `Idempotency-Key`, a bearer token) are sent too.
 */
type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];
type Params = Parameters<Fetcher>[0];

const ws = createClient({
  url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
  lazy: true,
});

function isSubscription(params: Params): boolean {
  try {
    return getOperationAST(parse(params.query), params.operationName)?.operation === 'subscription';
  } catch {
    return false; // the server answers the syntax error
  }
}

const fetcher: Fetcher = async (params, opts) => {
  if (isSubscription(params)) return ws.iterate({ ...params, operationName: params.operationName ?? undefined });
  const res = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...opts?.headers },
    body: JSON.stringify(params),
  });
  return res.json();
};

/** `/graphql?query=…&variables=…` opens with that operation in the editor (shareable links); nothing runs by itself. */
const url = new URLSearchParams(location.search);

const DEFAULT_QUERY = `# Settle's GraphQL API, as the signed-in person (or with a bearer token in Headers).
# Mutations that create or move money take an idempotencyKey (or an Idempotency-Key header).
{
  me {
    kind
    organization {
      name
    }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    query={url.get('query') ?? undefined}
    variables={url.get('variables') ?? undefined}
  />,
);
