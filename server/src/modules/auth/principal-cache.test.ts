import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';
import { failure, ok } from '../../../test/api.js';
import { countStatements } from '../../../test/sql-count.js';
import { PrincipalCache } from './principal-cache.js';

const s = settleForFile({ worker: false });
const ME = `{me{kind user{role}}}`;

/** Another process's connection: its changes reach this one only through the database. */
let other: pg.Client | null = null;
async function elsewhere(sql: string, params: unknown[]) {
  if (!other) {
    other = new pg.Client({ connectionString: s.container.config.databaseUrl });
    await other.connect();
  }
  await other.query(sql, params);
}
afterAll(async () => other?.end());

/** Asks until the answer is UNAUTHENTICATED; how long that took. */
async function msUntilRefused(token: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 2_000) {
    const r = await s.gql(ME, {}, token);
    if (r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return Date.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  return Infinity;
}

describe('resolved callers are cached, and access ends at once', () => {
  it('a warm caller costs no lookup', async () => {
    const { token } = await createOrgWithOwner(s);
    const ask = () => countStatements(s.container.db, async () => ok(await s.gql(ME, {}, token)));
    const sessionLookups = (r: { sql: string[] }) => r.sql.filter((q) => /FROM sessions/.test(q)).length;
    const cold = await ask();
    const warm = await ask();
    expect(sessionLookups(cold)).toBe(1);
    expect(sessionLookups(warm), warm.sql.join('\n')).toBe(0);
    expect(warm.n).toBe(cold.n - 1);
  });

  it('a sign-out in this process refuses the session on the very next request', async () => {
    const { token } = await createOrgWithOwner(s);
    ok(await s.gql(ME, {}, token));
    ok(await s.gql(`mutation{logout}`, {}, token));
    expect(failure(await s.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
  });

  it('a token revoked, a user disabled or demoted by another process is refused as soon as the change commits', async () => {
    const { org, owner, token, apiToken } = await createOrgWithOwner(s);
    ok(await s.gql(ME, {}, token));
    ok(await s.gql(ME, {}, apiToken));
    await elsewhere(`UPDATE api_tokens SET revoked_at = now() WHERE org_id = $1`, [org.id]);
    expect(await msUntilRefused(apiToken)).toBeLessThan(500);
    await elsewhere(`UPDATE users SET role = 'TECHNICIAN' WHERE id = $1`, [owner.id]);
    await expect.poll(async () => ok(await s.gql(ME, {}, token)).me.user.role, { timeout: 500 }).toBe('TECHNICIAN');
    await elsewhere(`UPDATE users SET disabled_at = now() WHERE id = $1`, [owner.id]);
    expect(await msUntilRefused(token)).toBeLessThan(500);
  });

  it('a session past its expiry is refused even while cached', async () => {
    const { token } = await createOrgWithOwner(s);
    await s.container.db.query(`UPDATE sessions SET expires_at = now() + interval '300 milliseconds'`);
    ok(await s.gql(ME, {}, token));
    await new Promise((r) => setTimeout(r, 400));
    expect(failure(await s.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('PrincipalCache', () => {
  const who = { kind: 'token', orgId: 'o', tokenId: 't', name: 'n', scope: 'read' } as const;

  it('serves nothing while change notifications do not arrive', () => {
    const cache = new PrincipalCache();
    cache.set('h', who, cache.generation);
    expect(cache.get('h')).toBeUndefined();
    cache.setLive(true);
    cache.set('h', who, cache.generation);
    expect(cache.get('h')).toBe(who);
    cache.setLive(false);
    expect(cache.get('h')).toBeUndefined();
  });

  it('does not keep a lookup that began before a clear (a revocation committed meanwhile)', () => {
    const cache = new PrincipalCache();
    cache.setLive(true);
    const before = cache.generation;
    cache.clear();
    cache.set('h', who, before);
    expect(cache.get('h')).toBeUndefined();
  });
});
