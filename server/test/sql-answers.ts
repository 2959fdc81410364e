import { expect } from 'vitest';
import type { TestSettle } from './harness.js';
import { countStatements } from './sql-count.js';

/** What Apollo Client 4 sends, plain JSON, and no Accept at all: the answer's media type follows it. */
const ACCEPTS = ['application/graphql-response+json,application/json;q=0.9', 'application/json', undefined];
let calls = 0;

/** The HTTP answer as it comes: status, media type, length and the body's bytes. */
async function post(s: TestSettle, query: string, variables: Record<string, unknown>, token: string, accept?: string) {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const header = (name: string) => res.headers.get(name);
  return { status: res.status, type: header('content-type'), length: header('content-length'), body: await res.text() };
}

const answeredBySql = async (s: TestSettle) =>
  (await s.container.metrics.sqlAnswered.get()).values.reduce((n, v) => n + v.value, 0);

/**
 * An answer PostgreSQL writes alone (graphql/sql-answers.ts) against its resolvers, the reference: the
 * query runs as written, then with `@include(if: true)` on its root `field`, which SQL answers decline
 * (a directive), so the resolvers answer it. Fails unless both HTTP answers are the same to the byte
 * (status, media type and length too); `sql` says whether the first was answered by PostgreSQL alone (the
 * route counted it and its statement built the body), so a silent fallback fails where it is expected.
 */
export async function bothWays(
  s: TestSettle,
  field: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
) {
  const forced = query.replace(
    new RegExp(`\\b${field}\\s*(\\([^)]*\\))?\\s*\\{`),
    (m) => `${m.slice(0, -1)} @include(if: true) {`,
  );
  expect(forced).not.toBe(query);
  const accept = ACCEPTS[calls++ % ACCEPTS.length];
  const before = await answeredBySql(s);
  let fromSql = { status: 0, type: null as string | null, length: null as string | null, body: '' };
  const counted = await countStatements(s.container.db, async () => {
    fromSql = await post(s, query, variables, token, accept);
  });
  const sql = (await answeredBySql(s)) === before + 1 && counted.sql.some((q) => / AS body$/.test(q));
  expect(fromSql).toEqual(await post(s, forced, variables, token, accept));
  return { answer: JSON.parse(fromSql.body) as { data: any; errors?: unknown[] }, sql };
}
