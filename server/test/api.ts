import { expect } from 'vitest';
import type { TestSettle } from './harness.js';

/** Small helpers for API-level tests: unwrap answers, read error codes, fingerprint the database. */

type GqlResult = Awaited<ReturnType<TestSettle['gql']>>;

/** The data of a successful answer; fails the test with the errors otherwise. */
export function ok<T = any>(res: GqlResult): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** The first error's extensions ({code, field}); fails the test when the call succeeded. */
export function failure(res: GqlResult): { code: string; field?: string; message: string } {
  expect(res.errors, `expected an error, got ${JSON.stringify(res.data)}`).toBeTruthy();
  const e = res.errors![0]!;
  return { ...e.extensions, message: e.message };
}

/** Tenant tables whose full contents must not change when a request is refused. */
const CORE_TABLES = [
  'organizations',
  'users',
  'clients',
  'client_rates',
  'services',
  'service_prices',
  'tickets',
  'time_entries',
  'invoices',
  'invoice_lines',
  'payments',
  'payment_exceptions',
  'credit_memos',
  'client_credits',
  'client_credit_settings',
  'audit_events',
  'portal_users',
  'api_tokens',
  'magic_links',
  'password_resets',
  'sessions',
];

/**
 * A fingerprint of every core table's rows (md5 of the sorted row texts). Emails count by id only: the
 * worker moves their status asynchronously, which is not a change made by the request under test.
 * api_tokens.last_used_at moves whenever a token is used, so it is left out.
 */
export async function dbFingerprint(s: TestSettle): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of CORE_TABLES) {
    const row = t === 'api_tokens' ? `(x.id, x.org_id, x.name, x.token_hash, x.prefix, x.revoked_at)::text` : 'x::text';
    const [r] = await s.container.db.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(${row}, ',' ORDER BY ${row})), '') AS h FROM ${t} x`,
    );
    out[t] = `${r.n}:${r.h}`;
  }
  const [e] = await s.container.db.query(
    `SELECT count(*)::int AS n, coalesce(md5(string_agg(id::text, ',' ORDER BY id)), '') AS h FROM emails`,
  );
  out.emails = `${e.n}:${e.h}`;
  return out;
}

/** Runs `act` and asserts the database fingerprint is the same afterwards; returns what `act` returned. */
export async function expectNoChange<T>(s: TestSettle, act: () => Promise<T>): Promise<T> {
  const before = await dbFingerprint(s);
  const result = await act();
  expect(await dbFingerprint(s)).toEqual(before);
  return result;
}

/** `call` is refused as bad input on `field` with `message` (words, or a pattern of them), writing nothing. */
export async function expectRefusedOn(
  s: TestSettle,
  call: () => Promise<GqlResult>,
  field: string,
  message: string | RegExp,
): Promise<void> {
  await expectNoChange(s, async () => {
    const err = failure(await call());
    expect(err).toMatchObject({ code: 'BAD_USER_INPUT', field });
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });
}

/** POSTs GraphQL with arbitrary headers (cookies), returning the raw Response. */
export function rawGql(
  s: TestSettle,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

export const daysFromToday = (days: number): string => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
