import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner, eventually } from '../../../test/harness.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { wsClient } from '../../../test/ws-client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Role } from '../auth/user.entity.js';
import { createHash } from 'node:crypto';

/**
 * Staff users are managed: renamed, given another role, disabled and enabled, by owners and admins, within
 * the rules of user-rules.ts; a disable ends access at once (sessions, tokens, websockets, sign-in).
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_LIMITS: 'off' } });

const PASSWORD = 'correct horse battery';
const FIELDS = `id name role disabled`;
const UPDATE = `mutation($id:ID!,$n:String,$r:Role){updateUser(id:$id,input:{name:$n,role:$r}){${FIELDS}}}`;
const DISABLE = `mutation($id:ID!){disableUser(id:$id){${FIELDS}}}`;
const ENABLE = `mutation($id:ID!){enableUser(id:$id){${FIELDS}}}`;
const ME = `{me{kind user{role}}}`;
const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;

let seq = 0;
/** An org with its owner, and `add(role)` for more of its people, each signed in. */
async function team() {
  const o = await createOrgWithOwner(s);
  async function add(role: Role) {
    const email = `${role.toLowerCase()}-${++seq}-${Date.now()}@${o.org.slug}.test`;
    const token = await signedInUser(s, o.org.id, { email, name: `${role} ${seq}`, role });
    const [{ id }] = (await s.container.db.query(`SELECT id FROM users WHERE email = $1`, [email])) as Array<{
      id: string;
    }>;
    return { id, email, token };
  }
  return { o, owner: { id: o.owner.id, email: o.owner.email, token: o.token }, add };
}

const auditOf = (id: string) =>
  s.container.db.query(
    `SELECT action, actor_id, before, after FROM audit_events WHERE entity_type = 'User' AND entity_id = $1 AND action <> 'user.created' ORDER BY created_at`,
    [id],
  ) as Promise<
    Array<{ action: string; actor_id: string; before: Record<string, unknown>; after: Record<string, unknown> }>
  >;

describe('updateUser', () => {
  it('an admin renames a user and changes their role, audited with who, before and after', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    const tech = await t.add('TECHNICIAN');
    const r = ok(await s.gql(UPDATE, { id: tech.id, n: '  Tess Tech ', r: 'BILLING' }, admin.token)).updateUser;
    expect(r).toMatchObject({ id: tech.id, name: 'Tess Tech', role: 'BILLING', disabled: false });
    expect(await auditOf(tech.id)).toEqual([
      {
        action: 'user.updated',
        actor_id: admin.id,
        before: { name: 'TECHNICIAN ' + tech.email.split('-')[1], role: 'TECHNICIAN' },
        after: { name: 'Tess Tech', role: 'BILLING' },
      },
    ]);
    // The same again changes nothing and audits nothing.
    ok(await s.gql(UPDATE, { id: tech.id, r: 'BILLING' }, admin.token));
    expect(await auditOf(tech.id)).toHaveLength(1);
  });

  it('a demotion takes effect on the next request, though the caller was cached', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    expect(ok(await s.gql(`{users{id}}`, {}, admin.token)).users.length).toBe(2); // cached now
    ok(await s.gql(UPDATE, { id: admin.id, r: 'TECHNICIAN' }, t.owner.token));
    expect(failure(await s.gql(`{users{id}}`, {}, admin.token)).code).toBe('FORBIDDEN');
    expect(ok(await s.gql(ME, {}, admin.token)).me.user.role).toBe('TECHNICIAN');
  });

  it('only an owner makes, changes or disables an owner; nobody gives a role above their own', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    const billing = await t.add('BILLING');
    await t.add('OWNER'); // a second owner: no change below would leave the org without one
    await expectNoChange(s, async () => {
      const made = failure(await s.gql(UPDATE, { id: billing.id, r: 'OWNER' }, admin.token));
      expect(made).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
      expect(made.message).toMatch(/only an owner/i);
      for (const q of [UPDATE, DISABLE, ENABLE]) {
        const e = failure(await s.gql(q, { id: t.owner.id, n: 'Renamed', r: 'ADMIN' }, admin.token));
        expect(e.code).toBe('FORBIDDEN');
        expect(e.message).toMatch(/only an owner/i);
      }
    });
    // An owner may: the admin becomes an owner, and then may change the other owner.
    expect(ok(await s.gql(UPDATE, { id: admin.id, r: 'OWNER' }, t.owner.token)).updateUser.role).toBe('OWNER');
    expect(ok(await s.gql(UPDATE, { id: t.owner.id, r: 'ADMIN' }, admin.token)).updateUser.role).toBe('ADMIN');
  });

  it('billing staff, technicians and API tokens (even admin scope) manage nobody', async () => {
    const t = await team();
    const billing = await t.add('BILLING');
    const tech = await t.add('TECHNICIAN');
    const adminToken = (
      await s.container.auth.createApiToken(t.o.org.id, { ...SYSTEM_ACTOR, id: t.owner.id }, 'a', 'admin')
    ).token;
    await expectNoChange(s, async () => {
      for (const caller of [billing.token, tech.token, adminToken, t.o.apiToken])
        for (const q of [UPDATE, DISABLE, ENABLE])
          expect(failure(await s.gql(q, { id: tech.id, r: 'BILLING' }, caller)).code).toBe('FORBIDDEN');
    });
  });

  it('nobody disables or demotes themselves; a rename of oneself is fine', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    await expectNoChange(s, async () => {
      for (const [who, lower] of [
        [t.owner, 'ADMIN'],
        [admin, 'BILLING'],
      ] as const) {
        expect(failure(await s.gql(DISABLE, { id: who.id }, who.token))).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'id',
        });
        expect(failure(await s.gql(UPDATE, { id: who.id, r: lower }, who.token))).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'role',
        });
      }
    });
    expect(ok(await s.gql(UPDATE, { id: admin.id, n: 'Ada' }, admin.token)).updateUser.name).toBe('Ada');
  });

  it("another org's user is not found, and nothing is written", async () => {
    const t = await team();
    const other = await team();
    const theirs = await other.add('BILLING');
    await expectNoChange(s, async () => {
      for (const q of [UPDATE, DISABLE, ENABLE])
        expect(failure(await s.gql(q, { id: theirs.id, r: 'TECHNICIAN' }, t.owner.token)).code).toBe('NOT_FOUND');
    });
  });

  it('names the field of a blank name or an unknown role', async () => {
    const t = await team();
    const tech = await t.add('TECHNICIAN');
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(UPDATE, { id: tech.id, n: '   ' }, t.owner.token)).code).toBe('BAD_USER_INPUT');
      expect(failure(await s.gql(UPDATE, { id: tech.id, r: 'GOD' }, t.owner.token)).code).toBe('BAD_USER_INPUT');
    });
  });
});

describe('disableUser and enableUser', () => {
  it('a disable ends sessions, websockets and tokens at once; sign-in answers as for a wrong password', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    const f = await billingFixture(s.container, t.o.org.id);
    const invoice = await f.sentInvoice(60);
    const token = (
      await s.container.auth.createApiToken(t.o.org.id, { ...SYSTEM_ACTOR, id: admin.id }, 'mine', 'billing')
    ).token;
    // Both are cached: the next request after the disable must not be served from the cache.
    expect(ok(await s.gql(ME, {}, admin.token)).me.kind).toBe('USER');
    expect(ok(await s.gql(ME, {}, token)).me.kind).toBe('TOKEN');
    const events: unknown[] = [];
    const state: { error: unknown } = { error: null };
    const client = wsClient(s.url, admin.token);
    client.subscribe(
      {
        query: `subscription($i:ID){invoiceUpdated(invoiceId:$i,current:true){invoiceId}}`,
        variables: { i: invoice.id },
      },
      { next: (v) => events.push(v), error: (e) => void (state.error = e), complete: () => undefined },
    );
    try {
      await eventually(async () => events.length > 0, 'the subscription to start');
      const r = ok(await s.gql(DISABLE, { id: admin.id }, t.owner.token)).disableUser;
      expect(r).toMatchObject({ id: admin.id, disabled: true });
      expect(failure(await s.gql(ME, {}, admin.token)).code).toBe('UNAUTHENTICATED');
      expect(failure(await s.gql(ME, {}, token)).code).toBe('UNAUTHENTICATED');
      await eventually(async () => state.error, 'the websocket to close');
      expect((state.error as { code?: number }).code).toBe(4401);
    } finally {
      await client.dispose();
    }
    const right = failure(await s.gql(LOGIN, { e: admin.email, p: PASSWORD }));
    const wrong = failure(await s.gql(LOGIN, { e: admin.email, p: 'not the password' }));
    expect(right).toEqual(wrong);
    expect(right.code).toBe('UNAUTHENTICATED');

    const [audit] = await auditOf(admin.id);
    expect(audit).toMatchObject({
      action: 'user.disabled',
      actor_id: t.owner.id,
      before: { role: 'ADMIN', disabledAt: null },
      after: { role: 'ADMIN', sessionsEnded: 1 },
    });
    // Again: no change, nothing audited.
    ok(await s.gql(DISABLE, { id: admin.id }, t.owner.token));
    expect(await auditOf(admin.id)).toHaveLength(1);

    // Enabled: the password signs in again and the token works; the session that was ended stays ended.
    expect(ok(await s.gql(ENABLE, { id: admin.id }, t.owner.token)).enableUser.disabled).toBe(false);
    expect(failure(await s.gql(ME, {}, admin.token)).code).toBe('UNAUTHENTICATED');
    const again = ok(await s.gql(LOGIN, { e: admin.email, p: PASSWORD })).login.token as string;
    expect(ok(await s.gql(ME, {}, again)).me.user.role).toBe('ADMIN');
    expect(ok(await s.gql(ME, {}, token)).me.kind).toBe('TOKEN');
    expect((await auditOf(admin.id)).map((a) => a.action)).toEqual(['user.disabled', 'user.enabled']);
  });

  it('an admin disables an admin or billing user, not an owner', async () => {
    const t = await team();
    const admin = await t.add('ADMIN');
    const other = await t.add('ADMIN');
    expect(ok(await s.gql(DISABLE, { id: other.id }, admin.token)).disableUser.disabled).toBe(true);
    // The only owner: what would be left is said first.
    expect(failure(await s.gql(DISABLE, { id: t.owner.id }, admin.token))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/at least one enabled owner/),
    });
    await t.add('OWNER');
    expect(failure(await s.gql(DISABLE, { id: t.owner.id }, admin.token)).code).toBe('FORBIDDEN');
  });
});

describe('createUser with an idempotency key', () => {
  it('sent again after a lost answer gets the same user back, not "email taken"', async () => {
    const t = await team();
    const ADD = `mutation($e:String!,$k:String){createUser(input:{email:$e,name:"New",role:BILLING,password:"${PASSWORD}"},idempotencyKey:$k){id}}`;
    const e = `again-${Date.now()}@${t.o.org.slug}.test`;
    const first = ok(await s.gql(ADD, { e, k: 'add-new-1' }, t.owner.token)).createUser.id;
    expect(ok(await s.gql(ADD, { e, k: 'add-new-1' }, t.owner.token)).createUser.id).toBe(first);
    expect(failure(await s.gql(ADD, { e, k: 'add-new-2' }, t.owner.token))).toMatchObject({
      code: 'CONFLICT',
      field: 'email',
    });
  });

  it('keeps nothing of the password with the key: its stored hash cannot confirm a guess of it', async () => {
    const t = await team();
    const e = `keyed-${Date.now()}@${t.o.org.slug}.test`;
    const ADD = `mutation($i:CreateUserInput!,$k:String){createUser(input:$i,idempotencyKey:$k){id}}`;
    const input = { email: e, name: 'Keyed', role: 'BILLING', password: PASSWORD };
    ok(await s.gql(ADD, { i: input, k: 'add-keyed-1' }, t.owner.token));
    const rows = (await s.container.db.query(
      `SELECT args_hash FROM idempotency_keys WHERE org_id = $1 AND operation = 'createUser'`,
      [t.o.org.id],
    )) as Array<{ args_hash: string }>;
    expect(rows).toHaveLength(1);
    // A fast unsalted sha256 of the arguments (keys sorted) with a guessed password in them: what a guesser
    // holding the table tests, at millions a second, where sign-in makes them pay argon2 for each.
    const guess = (password: string) =>
      createHash('sha256')
        .update(JSON.stringify({ input: { email: e, name: 'Keyed', password, role: 'BILLING' } }))
        .digest('hex');
    expect(rows[0]!.args_hash).not.toBe(guess(PASSWORD));
    // The same call sent again (the admin app's retry) is still answered with the user made.
    expect(ok(await s.gql(ADD, { i: input, k: 'add-keyed-1' }, t.owner.token)).createUser.id).toBeTruthy();
    // The key used again with another password is another call: refused, as Stripe refuses a key reused with
    // other parameters, never answered as if that password had been set.
    const other = await s.gql(ADD, { i: { ...input, password: `${PASSWORD}-other` }, k: 'add-keyed-1' }, t.owner.token);
    expect(failure(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
