import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import type { Caller, TokenScope } from '../src/graphql/access-policy.js';
import { billingFixture } from './fixtures.js';
import { createOrgWithOwner, type TestSettle } from './harness.js';

/** One caller of the API: how to name it, what the access table sees, and a token to call with. */
export interface TestPrincipal {
  label: string;
  caller: Caller;
  token: string | undefined;
  /** A new session for people (to test calls that end sessions); tokens and anonymous return their own. */
  fresh(): Promise<string | undefined>;
}

const PASSWORD = 'correct horse battery';

/**
 * One org with every kind of caller: OWNER, ADMIN, BILLING and TECHNICIAN users, a portal user of one
 * of its clients, an API token of each scope, and nobody (anonymous).
 */
export async function everyPrincipal(s: TestSettle) {
  const c = s.container;
  const o = await createOrgWithOwner(s, 'Matrix Org');
  const f = await billingFixture(c, o.org.id);
  const people: TestPrincipal[] = [
    {
      label: 'OWNER',
      caller: { kind: 'user', role: 'OWNER' },
      token: o.token,
      fresh: async () => (await c.auth.login(o.owner.email, PASSWORD)).token,
    },
  ];
  for (const role of ['ADMIN', 'BILLING', 'TECHNICIAN'] as const) {
    const email = `${role.toLowerCase()}-${Date.now()}@${o.org.slug}.test`;
    await c.auth.createUser(o.org.id, { email, name: role, role, password: PASSWORD });
    const login = async () => (await c.auth.login(email, PASSWORD)).token;
    people.push({ label: role, caller: { kind: 'user', role }, token: await login(), fresh: login });
  }
  const portalEmail = `portal-${Date.now()}@client.test`;
  const invited = await c.auth.invitePortalUser(o.org.id, SYSTEM_ACTOR, {
    clientId: f.client.id,
    email: portalEmail,
    name: 'Client person',
  });
  const [mail] = await c.db.query(`SELECT text_body FROM emails WHERE related_id = $1 AND kind = 'portal_invite'`, [
    invited.id,
  ]);
  const invite = decodeURIComponent(/[?&]token=([^\s&]+)/.exec(mail.text_body)![1]!);
  const portal = await c.auth.acceptInvite(invite, PASSWORD);
  people.push({
    label: 'portal',
    caller: { kind: 'portal' },
    token: portal.token,
    fresh: async () => (await c.auth.portalLogin(portalEmail, PASSWORD)).token,
  });
  const tokens: TestPrincipal[] = [];
  for (const scope of ['read', 'billing', 'admin'] as TokenScope[]) {
    const { token } = await c.auth.createApiToken(
      o.org.id,
      { ...SYSTEM_ACTOR, id: o.owner.id },
      `matrix ${scope}`,
      scope,
    );
    tokens.push({ label: `token:${scope}`, caller: { kind: 'token', scope }, token, fresh: async () => token });
  }
  const anonymous: TestPrincipal = {
    label: 'anonymous',
    caller: { kind: 'anonymous' },
    token: undefined,
    fresh: async () => undefined,
  };
  return {
    org: o,
    fixture: f,
    all: [...people, ...tokens, anonymous],
    byLabel: (l: string) => [...people, ...tokens, anonymous].find((p) => p.label === l)!,
  };
}
