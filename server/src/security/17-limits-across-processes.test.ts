import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSettle } from '../app/bootstrap.js';
import { startSecondApi, startTestSettle, type TestSettle } from '../../test/harness.js';

/**
 * The limits that guard against guessing passwords and against mail bombs count in PostgreSQL: an
 * attacker alternating between API processes behind a load balancer gets no more attempts than one
 * process would give.
 */
let s: TestSettle;
let other: RunningSettle;
beforeAll(async () => {
  s = await startTestSettle({
    worker: false,
    env: { SETTLE_RATE_LOGIN_ACCOUNT: '3/60', SETTLE_RATE_MAGIC_LINK_EMAIL: '2/900' },
  });
  other = await startSecondApi(s);
});
afterAll(async () => {
  await other?.stop();
  await s?.close();
});

const codeOf = async (url: string, query: string, variables: Record<string, unknown>) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
  return body.errors?.[0]?.extensions.code ?? 'OK';
};

describe('limits over two API processes', () => {
  it('password attempts on one account: alternating processes gets the one budget', async () => {
    const email = `target-${Date.now()}@limits.test`;
    const login = `mutation($e: String!) { login(email: $e, password: "wrong guess") { token } }`;
    const codes: string[] = [];
    for (let n = 0; n < 6; n++) codes.push(await codeOf([s.url, other.url][n % 2]!, login, { e: email }));
    expect(codes.slice(0, 3)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
    expect(codes.slice(3)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('sign-in links to one address: alternating processes gets the one budget', async () => {
    const email = `inbox-${Date.now()}@limits.test`;
    const ask = `mutation($e: String!) { requestMagicLink(email: $e) }`;
    const codes: string[] = [];
    for (let n = 0; n < 4; n++) codes.push(await codeOf([s.url, other.url][n % 2]!, ask, { e: email }));
    expect(codes).toEqual(['OK', 'OK', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});
