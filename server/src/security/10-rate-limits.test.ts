import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../test/harness.js';
import { orgForFile, settleForFile } from '../../test/for-file.js';
import { sendQueuedMagicLinks } from '../modules/auth/magic-link.test-support.js';
import { billingFixture, portalSession } from '../../test/fixtures.js';
import { expectNoChange, rawGql } from '../../test/api.js';
import { holding, untilWaiting } from '../../test/lock-races.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { RateLimiter, RateLimitedError } from '../platform/rate-limit/rate-limiter.js';
import { rateRulesFrom } from '../platform/rate-limit/rate-limits.js';

/**
 * Security suite, point 10: rate limits per IP and per target account on login, portalLogin,
 * requestMagicLink, invitation acceptance and magic-link sign-in (the magic link is how a portal user
 * gets back in; staff use a password reset link, staff-password.test.ts), and per IP on pay links. Past a limit the answer is
 * HTTP 429 with Retry-After, `extensions.code: RATE_LIMITED` and `extensions.retryAfter`. The default
 * limits are in force here (login: 10/min per account, 30/min per IP).
 */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Limits Org');

const LOGIN = `mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}`;
const PORTAL_LOGIN = `mutation($e:String!,$p:String!){portalLogin(email:$e,password:$p){token}}`;
type Body = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: { code: string; retryAfter?: number } }>;
};

/** One API call from `ip` (Settle trusts X-Forwarded-For from its loopback proxy, as the tests connect). */
async function from(ip: string, query: string, variables: Record<string, unknown>) {
  const res = await rawGql(s, query, variables, { 'x-forwarded-for': ip });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Body };
}

describe('password sign-in', () => {
  it(
    'answers the 11th and every later wrong password for one account with 429 and Retry-After (61 tries)',
    { timeout: 60_000 },
    async () => {
      const answers = [];
      for (let i = 0; i < 61; i++)
        answers.push(await from('203.0.113.10', LOGIN, { e: A.owner.email, p: `wrong password ${i}` }));
      expect(answers.slice(0, 10).map((a) => a.body.errors![0]!.extensions.code)).toEqual(
        Array(10).fill('UNAUTHENTICATED'),
      );
      for (const a of answers.slice(10)) {
        expect(a.status).toBe(429);
        expect(a.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
        const retry = Number(a.retryAfter);
        expect(retry).toBeGreaterThan(0);
        expect(retry).toBeLessThanOrEqual(60);
        expect(a.body.errors![0]!.extensions.retryAfter).toBe(retry);
        expect(a.body.errors![0]!.message).toMatch(/Too many attempts\. Try again in \d+ seconds?/);
      }
      // The right password does not get through the limit either, and the refusal opens no session.
      await expectNoChange(s, async () => {
        const right = await from('203.0.113.10', LOGIN, { e: A.owner.email, p: 'correct horse battery' });
        expect(right.status).toBe(429);
      });
    },
  );

  it(
    'limits one account across many addresses, and one address across many accounts',
    { timeout: 90_000 },
    async () => {
      const other = await createOrgWithOwner(s, 'Limits Other');
      const spread = [];
      for (let i = 0; i < 11; i++)
        spread.push(await from(`198.51.100.${i + 1}`, LOGIN, { e: other.owner.email, p: 'nope nope nope' }));
      expect(spread[9]!.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(spread[10]!.status).toBe(429);

      const sweep = [];
      for (let i = 0; i < 31; i++)
        sweep.push(await from('192.0.2.77', PORTAL_LOGIN, { e: `someone${i}@example.test`, p: 'guess guess' }));
      expect(sweep[29]!.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(sweep[30]!.status).toBe(429);
      expect(sweep[30]!.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
    },
  );
});

describe('IPv6 callers', () => {
  it(
    'count by their /64: one caller changing the last bits of its address is limited as one; another /64 is not',
    { timeout: 60_000 },
    async () => {
      // A home or a server holds a whole /64 and may send from any address in it.
      const sweep = [];
      for (let i = 0; i < 31; i++)
        sweep.push(
          await from(`2001:db8:77:1::${(i + 1).toString(16)}`, PORTAL_LOGIN, { e: `v6-${i}@example.test`, p: 'guess' }),
        );
      expect(sweep[29]!.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(sweep[30]!.status).toBe(429);
      // The same /64 written longhand, or another address in it, is the same caller.
      const longhand = await from('2001:0DB8:0077:0001:ffff:0:0:1', PORTAL_LOGIN, { e: 'v6-x@example.test', p: 'g' });
      expect(longhand.status).toBe(429);
      const next = await from('2001:db8:77:2::1', PORTAL_LOGIN, { e: 'v6-y@example.test', p: 'guess' });
      expect(next.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    },
  );
});

describe('mail-sending and token sign-in', () => {
  it('refuses 1,000 aliased requestMagicLink before it runs, and sends at most 3 links per address per 15 minutes', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Magic client' });
    const email = 'magic-target@client.test';
    await s.container.auth.invitePortalUser(A.org.id, SYSTEM_ACTOR, { clientId: f.client.id, email, name: 'Target' });
    const links = async () =>
      (
        await s.container.db.query(
          `SELECT count(*)::int AS n FROM emails WHERE to_address = $1 AND kind = 'magic_link'`,
          [email],
        )
      )[0].n as number;

    const aliases = Array.from({ length: 1000 }, (_, i) => `m${i}: requestMagicLink(email: "${email}")`).join(' ');
    const bomb = await from('203.0.113.20', `mutation { ${aliases} }`, {});
    expect(bomb.status).toBe(400);
    expect(bomb.body.errors![0]!.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(await links()).toBe(0);

    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await from(`203.0.113.${30 + i}`, `mutation($e:String!){requestMagicLink(email:$e)}`, { e: email }));
    expect(answers.slice(0, 3).map((a) => a.body.data?.requestMagicLink)).toEqual([true, true, true]);
    expect(answers.slice(3).map((a) => a.status)).toEqual([429, 429]);
    await sendQueuedMagicLinks(s);
    expect(await links()).toBe(3);
  });

  it('limits invitation acceptance and magic-link sign-in per address (token guessing)', async () => {
    const accept = [];
    for (let i = 0; i < 11; i++)
      accept.push(
        await from(
          '203.0.113.40',
          `mutation($t:String!){acceptPortalInvite(token:$t,password:"long enough pw"){token}}`,
          { t: `inv_guess_${i}` },
        ),
      );
    expect(accept[9]!.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(accept[10]!.status).toBe(429);
    // the same budget covers magic-link sign-in from that address
    const magic = await from('203.0.113.40', `mutation($t:String!){loginWithMagicLink(token:$t){token}}`, {
      t: 'ml_guess',
    });
    expect(magic.status).toBe(429);
    // and reading whom a link signs in (the portal's confirmation page), which guesses tokens as well
    const preview = await from('203.0.113.40', `query($t:String!){signInLink(token:$t){email}}`, { t: 'ml_guess' });
    expect(preview.status).toBe(429);
  });
});

describe('pay links', () => {
  it('answers a flood of pay-link visits from one address with 429 and Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 61; i++) {
      last = await fetch(`${s.url}/pay/not-a-real-token-${i}`, {
        headers: { 'x-forwarded-for': '203.0.113.50' },
        redirect: 'manual',
      });
      if (i < 60) expect(last.status).toBe(404);
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers one link looped from many addresses with 429 past 30 visits a minute; other links still open', async () => {
    const visit = (token: string, n: number) =>
      fetch(`${s.url}/pay/${token}`, { headers: { 'x-forwarded-for': `198.51.100.${n}` }, redirect: 'manual' });
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push((await visit('one-leaked-link', i + 1)).status);
    expect(answers.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(answers[30]).toBe(429);
    expect((await visit('another-link', 200)).status).toBe(404);
  });

  it('runs at most 16 visits of one address at once: the 17th is answered 429 at once, another address is not', async () => {
    const forger = '203.0.113.70';
    const visit = (token: string, ip = forger) =>
      fetch(`${s.url}/pay/${token}`, { headers: { 'x-forwarded-for': ip }, redirect: 'manual' });
    expect((await visit('held-0')).status).toBe(404); // the address's counter row, to hold below
    const running: Array<Promise<Response>> = [];
    await holding(
      s.container.db,
      `SELECT 1 FROM rate_limit_hits WHERE bucket = $1 FOR UPDATE`,
      [`payLink:ip:${forger}`],
      async () => {
        for (let i = 1; i <= 16; i++) running.push(visit(`held-${i}`));
        await untilWaiting(s.container.db, 16, 'sixteen visits at the held counter');
        const extra = await Promise.race([
          visit('held-17'),
          new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 3_000)),
        ]);
        expect(extra === 'still waiting' ? extra : extra.status).toBe(429);
        if (extra !== 'still waiting') expect(extra.headers.get('retry-after')).toBe('1');
        expect((await visit('elsewhere', '198.51.100.70')).status).toBe(404);
      },
    );
    expect((await Promise.all(running)).map((r) => r.status)).toEqual(Array(16).fill(404));
  });

  it("limits a portal user's startInvoicePayment per address like pay-link visits (each may create Stripe objects)", async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Pays a lot' });
    const inv = await f.sentInvoice(60, { email: false });
    const portal = await portalSession(s, A.org.id, f.client.id);
    const START = `mutation($i:ID!,$a:Money){startInvoicePayment(invoiceId:$i,amount:$a){url}}`;
    const answers = [];
    for (let i = 0; i < 61; i++) {
      const res = await rawGql(
        s,
        START,
        { i: inv.id, a: 100 + i }, // a new amount each time: a new price and session each time
        { authorization: `Bearer ${portal}`, 'x-forwarded-for': '203.0.113.60' },
      );
      answers.push({ status: res.status, body: (await res.json()) as Body });
    }
    expect(answers.slice(0, 60).map((a) => a.body.errors?.[0]?.extensions.code)).not.toContain('RATE_LIMITED');
    expect(answers[60]!.status).toBe(429);
    expect(answers[60]!.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
  });
});

describe('what staff can make Settle send', () => {
  it('sends and resends one invoice at most 5 times an hour; another invoice still goes', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Resent' });
    const [one, two] = [await f.sentInvoice(60, { email: false }), await f.sentInvoice(30, { email: false })];
    const SEND = `mutation($i:ID!){sendInvoice(id:$i,destinations:[EMAIL]){id}}`;
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await s.gql(SEND, { i: one.id }, A.token)).errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect((await s.gql(SEND, { i: two.id }, A.token)).errors).toBeUndefined();
  });

  it('renders at most 60 PDFs a minute for one caller', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Downloads' });
    const inv = await f.sentInvoice(60, { email: false });
    const get = () =>
      fetch(`${s.url}/portal-api/invoices/${inv.id}/pdf`, {
        headers: { authorization: `Bearer ${A.token}`, 'x-forwarded-for': '203.0.113.70' },
      });
    const statuses = [];
    for (let i = 0; i < 61; i++) statuses.push((await get()).status);
    expect(statuses.slice(0, 60)).toEqual(Array(60).fill(200));
    expect(statuses[60]).toBe(429);
  });
});

describe('the limiter', () => {
  it('holds across processes (the counters are in PostgreSQL) and opens again when the window ends', async () => {
    const rules = rateRulesFrom({ SETTLE_RATE_LOGIN_ACCOUNT: '2/1' });
    const one = new RateLimiter(s.container.db, rules);
    const two = new RateLimiter(s.container.db, rules); // another Settle process on the same database
    await one.check('login', { target: 'shared@x.test' });
    await two.check('login', { target: 'shared@x.test' });
    const refused = await one.check('login', { target: 'SHARED@x.test ' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfter).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    await expect(two.check('login', { target: 'shared@x.test' })).resolves.toBeUndefined();
  });
});

describe('introspection without a login', () => {
  it('answers an address past 30 schema reads a minute with 429; other addresses, signed-in callers and plain queries are not counted', async () => {
    const SCHEMA = `{ __schema { queryType { name } } }`;
    const VIA_FRAGMENT = `query { ...Q } fragment Q on Query { __type(name: "Invoice") { name } }`;
    const reads = [];
    for (let i = 0; i < 30; i++) reads.push(await from('203.0.113.70', i % 2 ? SCHEMA : VIA_FRAGMENT, {}));
    expect(reads.map((r) => r.status)).toEqual(Array(30).fill(200));
    const past = await from('203.0.113.70', SCHEMA, {});
    expect(past.status).toBe(429);
    expect(past.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
    expect(Number(past.retryAfter)).toBeGreaterThan(0);
    // `__typename` is no schema read; another address has its own budget; a signed-in caller is not counted.
    expect((await from('203.0.113.70', `{ __typename }`, {})).body).toEqual({ data: { __typename: 'Query' } });
    expect((await from('203.0.113.71', SCHEMA, {})).status).toBe(200);
    const signedIn = await rawGql(
      s,
      SCHEMA,
      {},
      { 'x-forwarded-for': '203.0.113.70', authorization: `Bearer ${A.token}` },
    );
    expect(signedIn.status).toBe(200);
  });
});
