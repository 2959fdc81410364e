import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { acceptedPortalUser, billingFixture } from '../../../test/fixtures.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { ok } from '../../../test/api.js';

const s = settleForFile({ worker: false });
const LOGIN = `mutation($e:String!,$p:String!,$o:String){portalLogin(email:$e,password:$p,organizationSlug:$o){me{organization{slug}}}}`;

/** A portal user with this address at a new organization, its invitation accepted with `password`. */
async function portalUserAt(name: string, email: string, password = 'portal password') {
  const o = await createOrgWithOwner(s, name);
  const fx = await billingFixture(s.container, o.org.id, { clientName: `${name} client` });
  await acceptedPortalUser(s, o.org.id, fx.client.id, email, password);
  return o.org;
}

describe('portal sign-in with one address at several businesses', () => {
  it('asks which business when the password opens more than one, naming only those, then signs in to the chosen one', async () => {
    const email = `twice-${Date.now()}@p.test`;
    const north = await portalUserAt('North Choice', email);
    const south = await portalUserAt('South Choice', email);
    const other = await portalUserAt('Elsewhere Choice', email, 'another password');

    const asked = await s.gql(LOGIN, { e: email, p: 'portal password' });
    expect(asked.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organizationSlug',
      organizations: [
        { slug: north.slug, name: 'North Choice' },
        { slug: south.slug, name: 'South Choice' },
      ],
    });
    expect(asked.data?.portalLogin ?? null).toBeNull();

    for (const org of [north, south]) {
      const signed = ok(await s.gql(LOGIN, { e: email, p: 'portal password', o: org.slug })).portalLogin;
      expect(signed.me.organization.slug).toBe(org.slug);
    }
    // A password that opens one of them signs in there, without a question.
    const one = ok(await s.gql(LOGIN, { e: email, p: 'another password' })).portalLogin;
    expect(one.me.organization.slug).toBe(other.slug);
    // A wrong password names nothing.
    const wrong = await s.gql(LOGIN, { e: email, p: 'not it at all' });
    expect(wrong.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
