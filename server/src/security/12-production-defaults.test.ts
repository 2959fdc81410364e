import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { orgForFile, settleForFile } from '../../test/for-file.js';
import { rawGql } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { createLogger } from '../platform/logger.js';
import { formatError } from '../graphql/format-error.js';
import { User } from '../modules/auth/user.entity.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { securityHeaders } from '../http/security-headers.js';
import { cookieIsSecure } from '../http/session-cookie.js';
import { verifyWebhook } from '../modules/stripe/stripe-client.js';
import { signatureHeader } from '@settle/stripe-emulator';

/**
 * Security suite, point 12: production defaults without configuration. `pnpm start` runs as
 * production; no response carries a stack trace or a file path; a body that is not JSON gets a JSON
 * error; a bad bearer token gets 401; logs carry no statement parameters; every response has the
 * security headers (HSTS and a Secure cookie when PUBLIC_URL is https); Stripe webhook timestamps are
 * checked both ways.
 */
const s = settleForFile({ worker: false });
const A = orgForFile(s, 'Defaults Org');

const INTERNALS = /node_modules|\/src\/|\.ts:\d+|\bat [\w.<>]+ \(|stacktrace|QueryFailedError/;

describe('pnpm start', () => {
  it('runs the server with NODE_ENV=production unless NODE_ENV is set', () => {
    const script = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts.start!;
    // The script's own environment prefix, run by the shell as pnpm runs it.
    const prefix = script.replace(/tsx src\/main\.ts$/, '');
    const envOf = (env: NodeJS.ProcessEnv) =>
      execFileSync('sh', ['-c', `${prefix} node -e "process.stdout.write(process.env.NODE_ENV ?? '')"`], {
        env,
      }).toString();
    const { NODE_ENV: _drop, ...plain } = process.env;
    expect(envOf(plain)).toBe('production');
    expect(envOf({ ...plain, NODE_ENV: 'development' })).toBe('development');
  });
});

describe('errors never show internals', () => {
  it('answers a body that is not JSON with a JSON 400, not an HTML page', async () => {
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ me { kind } }",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text).not.toMatch(INTERNALS);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a body over the limit and an unknown path with JSON too', async () => {
    const big = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { kind } }`, pad: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const missing = await fetch(`${s.url}/no/such/path`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(INTERNALS);
  });

  it('turns an unexpected failure (a failed INSERT) into a generic error without SQL, parameters or stack', () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint "users_pkey"'), {
      query: 'INSERT INTO users ...',
      parameters: ['x@y.test', '$argon2id$v=19$m=19456,t=2,p=1$secret'],
    });
    const out = formatError(
      {
        message: err.message,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x (/srv/settle/src/a.ts:1:1)'] },
      },
      new GraphQLError(err.message, { originalError: err }),
    );
    expect(JSON.stringify(out)).not.toMatch(/argon2|INSERT|stacktrace|src\/a\.ts/);
    expect(out.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('answers a GraphQL syntax error without a stack trace', async () => {
    const res = await rawGql(s, '{ me { kind ', {});
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toMatch(INTERNALS);
  });
});

describe('bearer tokens', () => {
  it('answers an unknown, malformed or revoked bearer token with 401; no token stays anonymous', async () => {
    for (const token of ['stl_not_a_real_token', 'sess_expired_or_made_up', '']) {
      const res = await rawGql(s, `{ me { kind } }`, {}, { authorization: `Bearer ${token}` });
      expect(res.status, token).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(
        ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
      ).toBe('UNAUTHENTICATED');
    }
    const created = await s.container.auth.createApiToken(
      A.org.id,
      { ...SYSTEM_ACTOR, id: A.owner.id },
      'soon revoked',
    );
    expect((await rawGql(s, `{ me { kind } }`, {}, { authorization: `Bearer ${created.token}` })).status).toBe(200);
    await s.container.apiTokens.revoke(A.org.id, SYSTEM_ACTOR, created.record.id);
    expect((await rawGql(s, `{ me { kind } }`, {}, { authorization: `Bearer ${created.token}` })).status).toBe(401);

    const anonymous = await rawGql(s, `{ me { kind } }`, {});
    expect(anonymous.status).toBe(200);
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe('UNAUTHENTICATED');
    // a stale cookie stays anonymous too, so the apps can show their sign-in page and sign in again
    const stale = await rawGql(
      s,
      `mutation($e:String!,$p:String!){login(email:$e,password:$p){me{kind}}}`,
      { e: A.owner.email, p: 'correct horse battery' },
      { cookie: 'settle_session=sess_gone' },
    );
    expect(stale.status).toBe(200);
  });
});

describe('logs', () => {
  it('never carry the parameters of a failed INSERT (a password hash among them)', async () => {
    const hash = await hashPassword('a secret password');
    const failed = await s.container.db
      .getRepository(User)
      .insert({
        orgId: '00000000-0000-0000-0000-00000000dead',
        email: 'h@x.test',
        name: 'H',
        role: 'OWNER',
        passwordHash: hash,
      } as User)
      .catch((e: unknown) => e);
    expect((failed as { parameters?: unknown[] }).parameters).toContain(hash); // what TypeORM's error carries
    let out = '';
    const log = createLogger(
      'info',
      new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) }) as never,
    );
    log.error({ err: failed }, 'unexpected error in GraphQL resolver');
    log.error({ user: { email: 'h@x.test', passwordHash: hash } }, 'a careless log line');
    await new Promise((r) => setTimeout(r, 20));
    expect(out).toMatch(/violates foreign key constraint/);
    expect(out).not.toContain(hash);
    expect(out).not.toContain('$argon2');
  });
});

describe('security headers', () => {
  it('are on the API, the apps, the pay pages, webhooks and errors', async () => {
    const responses = await Promise.all([
      rawGql(s, `{ me { kind } }`),
      fetch(`${s.url}/admin/`),
      fetch(`${s.url}/portal/invoices`),
      fetch(`${s.url}/pay/not-a-token`, { redirect: 'manual' }),
      fetch(`${s.url}/webhooks/stripe/wh_nope`, { method: 'POST', body: '{}' }),
      fetch(`${s.url}/nothing-here`),
    ]);
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, res.url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull(); // PUBLIC_URL is http here
    }
  });

  it('add HSTS and make the session cookie Secure when PUBLIC_URL is https', async () => {
    const headers = new Map<string, string>();
    securityHeaders('https://billing.example.com')({
      setHeader: (k: string, v: string) => headers.set(k.toLowerCase(), v),
    } as never);
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(headers.get('content-security-policy')).toContain('wss://billing.example.com');
    expect(cookieIsSecure('https://billing.example.com')).toBe(true);
    expect(cookieIsSecure('http://127.0.0.1:4000')).toBe(false);
    const login = await rawGql(s, `mutation($e:String!,$p:String!){login(email:$e,password:$p){me{kind}}}`, {
      e: A.owner.email,
      p: 'correct horse battery',
    });
    expect(login.headers.get('set-cookie')).not.toMatch(/Secure/i); // http here
  });
});

describe('Stripe webhook timestamps', () => {
  const payload = JSON.stringify({ id: 'evt_ts', object: 'event', type: 'product.created', data: { object: {} } });
  const secret = 'whsec_timestamps';
  const at = (offsetSeconds: number) => signatureHeader(payload, secret, Math.floor(Date.now() / 1000) + offsetSeconds);

  it('accepts a signature within five minutes either way and refuses one further in the past or the future', () => {
    expect(verifyWebhook(Buffer.from(payload), at(-290), secret).id).toBe('evt_ts');
    expect(verifyWebhook(Buffer.from(payload), at(290), secret).id).toBe('evt_ts');
    expect(() => verifyWebhook(Buffer.from(payload), at(-310), secret)).toThrow(/tolerance/);
    expect(() => verifyWebhook(Buffer.from(payload), at(310), secret)).toThrow(/tolerance/);
    expect(() => verifyWebhook(Buffer.from(payload), at(86_400), secret)).toThrow(/tolerance/);
  });

  it('refuses a future timestamp hidden behind a second t= (the SDK reads the last one)', () => {
    const now = Math.floor(Date.now() / 1000);
    // Signed 6 minutes ahead; a first `t=` of now was the one checked, the SDK verified the second.
    const hidden = `t=${now},${signatureHeader(payload, secret, now + 360)}`;
    expect(() => verifyWebhook(Buffer.from(payload), hidden, secret)).toThrow(/tolerance/);
    expect(() => verifyWebhook(Buffer.from(payload), ` t=${now},${at(360)}`, secret)).toThrow(/tolerance/);
    expect(() => verifyWebhook(Buffer.from(payload), `${at(0)},t=${now + 360}`, secret)).toThrow(/tolerance/);
    expect(verifyWebhook(Buffer.from(payload), at(0), secret).id).toBe('evt_ts');
  });
});
