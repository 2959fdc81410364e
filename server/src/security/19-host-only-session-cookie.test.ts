import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSettle, type RunningSettle } from '../app/bootstrap.js';
import { createOrgWithOwner, freePort } from '../../test/harness.js';
import { settleForFile } from '../../test/for-file.js';

/**
 * Over https the session cookie is `__Host-settle_session`: a browser takes it only from Settle's own host,
 * Secure, Path=/ and without Domain, so a page on a sibling subdomain cannot plant a session of its choosing
 * (cookie tossing: the victim then works in the attacker's account, a login forgery). A plain
 * `settle_session` cookie, which any sibling subdomain can set for the whole domain, is not read there.
 */
const s = settleForFile({ worker: false });
const PUBLIC = 'https://billing.example.com';
let https: RunningSettle;

beforeAll(async () => {
  const port = await freePort();
  // Served here over http; PUBLIC_URL says https, as behind a TLS-terminating proxy.
  https = await startSettle(
    { ...s.container.config, port, publicUrl: PUBLIC, runWorker: false },
    s.container.databaseUrl,
  );
});
afterAll(async () => {
  await https?.stop();
});

const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${https.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PUBLIC, ...headers },
    body: JSON.stringify(body),
  });

describe('the session cookie over https', () => {
  it('is set as __Host-settle_session (Secure, Path=/, no Domain), and only that name is read', async () => {
    const A = await createOrgWithOwner(s, 'Host-only cookie');
    const login = await post({
      query: `mutation($e:String!,$p:String!){login(email:$e,password:$p){me{kind}}}`,
      variables: { e: A.owner.email, p: 'correct horse battery' },
    });
    const set = login.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^__Host-settle_session=/);
    expect(set).toMatch(/;\s*Secure/i);
    expect(set).toMatch(/;\s*Path=\/(;|$)/);
    expect(set).not.toMatch(/Domain=/i);
    const token = decodeURIComponent(set.split(';')[0]!.slice('__Host-settle_session='.length));
    type Me = { data: { me: { kind: string } | null } | null; errors?: Array<{ extensions: { code: string } }> };
    const me = async (cookie: string) => (await (await post({ query: '{me{kind}}' }, { cookie })).json()) as Me;
    expect((await me(`__Host-settle_session=${encodeURIComponent(token)}`)).data?.me).toEqual({ kind: 'USER' });
    // The same session planted under the plain name (as a sibling subdomain could) is not read.
    const planted = await me(`settle_session=${encodeURIComponent(token)}`);
    expect(planted.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
