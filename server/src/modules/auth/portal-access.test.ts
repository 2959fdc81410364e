import { describe, expect, it, vi } from 'vitest';
import { settleForFile, orgForFile } from '../../../test/for-file.js';
import { sendQueuedMagicLinks } from './magic-link.test-support.js';
import { createOrgWithOwner, eventually } from '../../../test/harness.js';
import {
  acceptedPortalUser,
  billingFixture,
  invitedPortalUser,
  signedInUser,
  type BillingFixture,
} from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { wsClient } from '../../../test/ws-client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import * as passwords from './passwords.js';

// Every password check Settle makes is counted (the real check still runs).
vi.mock('./passwords.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./passwords.js')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

/**
 * Staff decide who signs in to the client portal: a disabled portal user, or any portal user of an
 * archived client, is signed out at once (sessions, live sockets, sign-in links) and is answered at
 * sign-in exactly as an unknown address is, in words and in work done.
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_LIMITS: 'off' } });
const A = orgForFile(s, 'Portal Access');

const PASSWORD = 'portal password';
const ME = `{me{kind portalUser{email}}}`;
const PORTAL_LOGIN = `mutation($e:String!,$p:String!){portalLogin(email:$e,password:$p){token}}`;
const DISABLE = `mutation($i:ID!){disablePortalUser(id:$i){id disabled}}`;
const ENABLE = `mutation($i:ID!){enablePortalUser(id:$i){id disabled}}`;
let seq = 0;

/** A portal user of `f`'s client who accepted their invitation: their id, email and a session. */
const portalUser = (f: BillingFixture, orgId = A.org.id) =>
  acceptedPortalUser(s, orgId, f.client.id, `person-${++seq}-${Date.now()}@client.test`, PASSWORD);

async function mailsTo(to: string, kind: string): Promise<string[]> {
  const rows: Array<{ text_body: string }> = await s.container.db.query(
    `SELECT text_body FROM emails WHERE to_address = $1 AND kind = $2 ORDER BY created_at`,
    [to, kind],
  );
  return rows.map((r) => r.text_body);
}
const tokenIn = (text: string) => decodeURIComponent(/token=([^\s&]+)/.exec(text)![1]!);

/** A live subscription of `token` that is listening; `closed()` resolves with the socket's close code. */
async function liveSocket(token: string, invoiceId: string) {
  const client = wsClient(s.url, token);
  const state: { events: number; error: unknown } = { events: 0, error: null };
  client.subscribe(
    { query: `subscription($i:ID){invoiceUpdated(invoiceId:$i,current:true){invoiceId}}`, variables: { i: invoiceId } },
    { next: () => void state.events++, error: (e) => void (state.error = e), complete: () => undefined },
  );
  await eventually(async () => state.events > 0, 'the subscription to start');
  return {
    closed: async () =>
      ((await eventually(async () => state.error, 'the websocket to close')) as { code?: number }).code,
    dispose: () => client.dispose(),
  };
}

async function auditActions(orgId: string, entityId: string): Promise<string[]> {
  const rows: Array<{ action: string }> = await s.container.db.query(
    `SELECT action FROM audit_events WHERE org_id = $1 AND entity_id = $2 ORDER BY id`,
    [orgId, entityId],
  );
  return rows.map((r) => r.action);
}

describe('disablePortalUser', () => {
  it('ends their sessions, live sockets and sign-in links at once; sign-in answers as for an unknown address', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const invoice = await f.sentInvoice(60, { email: false });
    const p = await portalUser(f);
    const second = (await s.container.auth.portalLogin(p.email, PASSWORD)).token;
    ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: p.email }));
    await sendQueuedMagicLinks(s);
    const link = tokenIn((await mailsTo(p.email, 'magic_link'))[0]!);
    const socket = await liveSocket(p.token, invoice.id);
    try {
      const billing = await signedInUser(s, A.org.id, {
        email: `billing-${Date.now()}@a.test`,
        name: 'B',
        role: 'BILLING',
      });
      expect(ok(await s.gql(DISABLE, { i: p.id }, billing)).disablePortalUser).toEqual({ id: p.id, disabled: true });

      for (const t of [p.token, second]) expect(failure(await s.gql(ME, {}, t)).code).toBe('UNAUTHENTICATED');
      expect(await socket.closed()).toBe(4401);
      const pdf = await fetch(`${s.url}/portal-api/invoices/${invoice.id}/pdf`, {
        headers: { authorization: `Bearer ${p.token}` },
      });
      expect(pdf.status).toBe(401);
      const viaLink = await s.gql(`mutation($t:String!){loginWithMagicLink(token:$t){token}}`, { t: link });
      expect(failure(viaLink)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      const refused = failure(await s.gql(PORTAL_LOGIN, { e: p.email, p: PASSWORD }));
      const unknown = failure(await s.gql(PORTAL_LOGIN, { e: `nobody-${Date.now()}@x.test`, p: PASSWORD }));
      expect(refused).toEqual(unknown);
      ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: p.email }));
      await sendQueuedMagicLinks(s);
      expect(await mailsTo(p.email, 'magic_link')).toHaveLength(1); // the one sent before
      expect(ok(await s.gql(`{portalUsers{id disabled}}`, {}, A.token)).portalUsers).toContainEqual({
        id: p.id,
        disabled: true,
      });
      expect(await auditActions(A.org.id, p.id)).toEqual(['portal_user.invited', 'portal_user.disabled']);
    } finally {
      await socket.dispose();
    }
  });

  it('is undone by enablePortalUser: their password signs in again; both are audited, once each', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const p = await portalUser(f);
    ok(await s.gql(DISABLE, { i: p.id }, A.token));
    ok(await s.gql(DISABLE, { i: p.id }, A.token)); // already disabled: nothing more
    expect(failure(await s.gql(PORTAL_LOGIN, { e: p.email, p: PASSWORD })).code).toBe('UNAUTHENTICATED');
    expect(ok(await s.gql(ENABLE, { i: p.id }, A.token)).enablePortalUser).toEqual({ id: p.id, disabled: false });
    const token = ok(await s.gql(PORTAL_LOGIN, { e: p.email, p: PASSWORD })).portalLogin.token;
    expect(ok(await s.gql(ME, {}, token)).me).toEqual({ kind: 'PORTAL', portalUser: { email: p.email } });
    expect(await auditActions(A.org.id, p.id)).toEqual([
      'portal_user.invited',
      'portal_user.disabled',
      'portal_user.enabled',
    ]);
  });

  it('closes a pending invitation; inviting them again is refused until they are enabled', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const email = `pending-${Date.now()}@client.test`;
    const invited = await invitedPortalUser(s, A.org.id, f.client.id, email);
    const invite = tokenIn((await mailsTo(email, 'portal_invite'))[0]!);
    ok(await s.gql(DISABLE, { i: invited.id }, A.token));
    const again = `mutation($c:ID!,$e:String!){invitePortalUser(input:{clientId:$c,email:$e,name:"P"}){id}}`;
    const res = await expectNoChange(s, () => s.gql(again, { c: f.client.id, e: email }, A.token));
    expect(failure(res)).toMatchObject({ code: 'CONFLICT', field: 'email' });
    ok(await s.gql(ENABLE, { i: invited.id }, A.token));
    // The link mailed before they were disabled stays dead; a new invitation works.
    const accept = `mutation($t:String!){acceptPortalInvite(token:$t,password:"portal password"){token}}`;
    expect(failure(await s.gql(accept, { t: invite })).field).toBe('token');
    ok(await s.gql(again, { c: f.client.id, e: email }, A.token));
    ok(await s.gql(accept, { t: tokenIn((await mailsTo(email, 'portal_invite'))[1]!) }));
  });

  it('is for billing staff and admins of the org only; a refusal changes nothing', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const p = await portalUser(f);
    const tech = await signedInUser(s, A.org.id, { email: `tech-${Date.now()}@a.test`, name: 'T', role: 'TECHNICIAN' });
    const B = await createOrgWithOwner(s, 'Portal Access B');
    const other = await portalUser(await billingFixture(s.container, B.org.id), B.org.id);
    const cases: Array<[string | undefined, string, string]> = [
      [tech, p.id, 'FORBIDDEN'],
      [other.token, p.id, 'FORBIDDEN'],
      [p.token, p.id, 'FORBIDDEN'],
      [undefined, p.id, 'UNAUTHENTICATED'],
      [B.token, p.id, 'NOT_FOUND'],
      [A.token, other.id, 'NOT_FOUND'],
    ];
    for (const [token, id, code] of cases)
      for (const m of [DISABLE, ENABLE]) {
        const res = await expectNoChange(s, () => s.gql(m, { i: id }, token));
        expect(failure(res).code, `${code} ${m}`).toBe(code);
      }
    expect(ok(await s.gql(ME, {}, p.token)).me.kind).toBe('PORTAL');
  });
});

describe("an archived client's portal users", () => {
  const ARCHIVE = `mutation($i:ID!,$a:Boolean!){updateClient(id:$i,input:{archived:$a}){archivedAt}}`;

  it('are signed out: sessions and sockets end, sign-in, links and invitations refuse them as unknown', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const invoice = await f.sentInvoice(60, { email: false });
    const p = await portalUser(f);
    ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: p.email }));
    await sendQueuedMagicLinks(s);
    const link = tokenIn((await mailsTo(p.email, 'magic_link'))[0]!);
    const pendingEmail = `pending-arch-${Date.now()}@client.test`;
    await invitedPortalUser(s, A.org.id, f.client.id, pendingEmail);
    const invite = tokenIn((await mailsTo(pendingEmail, 'portal_invite'))[0]!);
    const socket = await liveSocket(p.token, invoice.id);
    try {
      ok(await s.gql(ARCHIVE, { i: f.client.id, a: true }, A.token));

      expect(failure(await s.gql(ME, {}, p.token)).code).toBe('UNAUTHENTICATED');
      const read = await s.gql(`query($i:ID!){invoice(id:$i){id}}`, { i: invoice.id }, p.token);
      expect(failure(read).code).toBe('UNAUTHENTICATED');
      expect(await socket.closed()).toBe(4401);
      const refused = failure(await s.gql(PORTAL_LOGIN, { e: p.email, p: PASSWORD }));
      expect(refused).toEqual(failure(await s.gql(PORTAL_LOGIN, { e: `nobody-${Date.now()}@x.test`, p: PASSWORD })));
      const viaLink = await s.gql(`mutation($t:String!){loginWithMagicLink(token:$t){token}}`, { t: link });
      expect(failure(viaLink)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      ok(await s.gql(`mutation($e:String!){requestMagicLink(email:$e)}`, { e: p.email }));
      await sendQueuedMagicLinks(s);
      expect(await mailsTo(p.email, 'magic_link')).toHaveLength(1);
      const accept = `mutation($t:String!){acceptPortalInvite(token:$t,password:"portal password"){token}}`;
      expect(failure(await s.gql(accept, { t: invite })).field).toBe('token');
      const reinvite = await s.gql(
        `mutation($c:ID!){invitePortalUser(input:{clientId:$c,email:"new@client.test",name:"N"}){id}}`,
        { c: f.client.id },
        A.token,
      );
      expect(failure(reinvite)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });

      // Restored: they sign in again, the invitation (still unexpired) can be accepted.
      ok(await s.gql(ARCHIVE, { i: f.client.id, a: false }, A.token));
      expect(ok(await s.gql(ME, {}, p.token)).me.kind).toBe('PORTAL');
      ok(await s.gql(PORTAL_LOGIN, { e: p.email, p: PASSWORD }));
      ok(await s.gql(accept, { t: invite }));
    } finally {
      await socket.dispose();
    }
  });

  it('are signed out at once whoever archives the client (a change on another connection reaches the cache)', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const p = await portalUser(f);
    expect(ok(await s.gql(ME, {}, p.token)).me.kind).toBe('PORTAL'); // cached now
    await s.container.db.query(`UPDATE clients SET archived_at = now() WHERE id = $1`, [f.client.id]);
    await expect
      .poll(async () => (await s.gql(ME, {}, p.token)).errors?.[0]?.extensions?.code, { timeout: 500 })
      .toBe('UNAUTHENTICATED');
  });
});

describe('portalLogin', () => {
  it('checks exactly one password hash per attempt, whatever the address is', async () => {
    const f = await billingFixture(s.container, A.org.id);
    const accepted = await portalUser(f);
    const disabled = await portalUser(f);
    ok(await s.gql(DISABLE, { i: disabled.id }, A.token));
    const pending = `pending-${Date.now()}@client.test`;
    await invitedPortalUser(s, A.org.id, f.client.id, pending);
    const archivedClient = await billingFixture(s.container, A.org.id);
    const archived = await portalUser(archivedClient);
    await s.container.clients.update(A.org.id, SYSTEM_ACTOR, archivedClient.client.id, { archived: true });
    const checks = vi.mocked(passwords.verifyPassword);
    for (const [email, password] of [
      [`nobody-${Date.now()}@x.test`, PASSWORD],
      [pending, PASSWORD],
      [disabled.email, PASSWORD],
      [archived.email, PASSWORD],
      [accepted.email, 'a wrong password'],
      [accepted.email, PASSWORD],
    ]) {
      checks.mockClear();
      await s.gql(PORTAL_LOGIN, { e: email, p: password });
      expect(checks, email).toHaveBeenCalledTimes(1);
    }
  });
});
