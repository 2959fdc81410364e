import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../test/harness.js';
import { twoApisForFile } from '../../test/for-file.js';
import { failure, ok } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';

/**
 * Security suite, point 15 (API tokens act for their creator): a token works while the person who made
 * it is an enabled user of its org, and never beyond that person's role now. Disabling or demoting the
 * creator takes effect on the token's next call in every API process, whatever it had cached.
 */
// `other` is a second API process on the same database: its cache of callers is its own.
const { s, other } = twoApisForFile();

const ME = `{me{kind tokenScope}}`;
const ADMIN_ONLY = `{webhookEndpoints{id}}`;
const BILLING_READ = `{invoices(first:1){nodes{id}}}`;

/** POSTs to one process or the other. */
const ask = async (url: string, query: string, token: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data: any; errors?: Array<{ message: string; extensions: { code: string } }> };
};
const both = () => [s.url, other.url];

/** An admin of a fresh org, and an admin-scope token they made (through the API, as people do). */
async function adminWithToken() {
  const o = await createOrgWithOwner(s);
  const email = `admin-${Date.now()}-${Math.random().toString(36).slice(2)}@creators.test`;
  const admin = await s.container.auth.createUser(o.org.id, {
    email,
    name: 'Fired Admin',
    role: 'ADMIN',
    password: 'correct horse battery',
  });
  const { token: session } = await s.container.auth.login(email, 'correct horse battery');
  const made = ok(await s.gql(`mutation{createApiToken(name:"ci", scope: ADMIN){token}}`, {}, session)).createApiToken
    .token as string;
  // Warm both processes' caches: what follows must get through them.
  for (const url of both()) {
    ok(await ask(url, ME, made));
    ok(await ask(url, ADMIN_ONLY, made));
  }
  return { o, admin, token: made };
}

/** Asks `url` until the answer to `query` has `code`; how long that took (Infinity: never within 2 s). */
async function msUntil(url: string, query: string, token: string, code: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 2_000) {
    const r = await ask(url, query, token);
    if (r.errors?.[0]?.extensions?.code === code) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  return Infinity;
}

describe('an API token acts for the person who made it', () => {
  it('stops at once, in every process, when its creator is disabled', async () => {
    const { admin, token } = await adminWithToken();
    await s.container.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [admin.id]);
    for (const url of both()) expect(await msUntil(url, ME, token, 'UNAUTHENTICATED'), url).toBeLessThan(500);
    for (const url of both()) expect(failure(await ask(url, BILLING_READ, token)).code).toBe('UNAUTHENTICATED');
    // Enabled again, the token works again (it was never revoked).
    await s.container.db.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [admin.id]);
    await expect.poll(async () => (await ask(other.url, ME, token)).errors, { timeout: 500 }).toBeUndefined();
  });

  it('never exceeds its creator’s role now: an admin token of a demoted admin acts as billing', async () => {
    const { admin, token } = await adminWithToken();
    await s.container.db.query(`UPDATE users SET role = 'BILLING' WHERE id = $1`, [admin.id]);
    for (const url of both()) {
      expect(await msUntil(url, ADMIN_ONLY, token, 'FORBIDDEN'), url).toBeLessThan(500);
      expect(ok(await ask(url, ME, token)).me.tokenScope).toBe('BILLING');
      ok(await ask(url, BILLING_READ, token));
    }
    // A technician reads nothing a token reads (read scope reads what billing reads): the token stops.
    await s.container.db.query(`UPDATE users SET role = 'TECHNICIAN' WHERE id = $1`, [admin.id]);
    for (const url of both()) expect(await msUntil(url, ME, token, 'UNAUTHENTICATED'), url).toBeLessThan(500);
  });

  it("the org's token list says what each token acts as now, and which stopped", async () => {
    const { o, admin, token } = await adminWithToken();
    const listed = async () => {
      const all = ok(await s.gql(`{apiTokens{prefix scope actsAs}}`, {}, o.token)).apiTokens as Array<{
        prefix: string;
        scope: string;
        actsAs: string | null;
      }>;
      return all.find((t) => token.startsWith(t.prefix));
    };
    expect(await listed()).toMatchObject({ scope: 'ADMIN', actsAs: 'ADMIN' });
    await s.container.db.query(`UPDATE users SET role = 'BILLING' WHERE id = $1`, [admin.id]);
    expect(await listed()).toMatchObject({ scope: 'ADMIN', actsAs: 'BILLING' });
    await s.container.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [admin.id]);
    expect(await listed()).toMatchObject({ scope: 'ADMIN', actsAs: null });
  });

  it('works for no one when no enabled person of its org made it', async () => {
    const o = await createOrgWithOwner(s);
    const orphan = await s.container.auth.createApiToken(o.org.id, SYSTEM_ACTOR, 'made by no one', 'read');
    expect(failure(await ask(s.url, ME, orphan.token)).code).toBe('UNAUTHENTICATED');
    // A token whose creator is a user of another org (not something Settle makes) does not work either.
    const elsewhere = await createOrgWithOwner(s);
    const crossed = await s.container.auth.createApiToken(o.org.id, { ...SYSTEM_ACTOR, id: elsewhere.owner.id }, 'x');
    expect(failure(await ask(s.url, ME, crossed.token)).code).toBe('UNAUTHENTICATED');
    // The owner's own tokens keep working.
    ok(await ask(s.url, ME, o.apiToken));
  });
});
