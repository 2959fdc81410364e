import OAuthClient from 'intuit-oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, control, qboClient, startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

function oauthClient(redirectUri = 'http://localhost:5173/qbo/callback') {
  const client = new OAuthClient({
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    environment: 'sandbox',
    redirectUri,
  });
  client.setAuthorizeURLs({
    authorizeEndpoint: `${emu.url}/connect/oauth2`,
    tokenEndpoint: `${emu.url}/oauth2/v1/tokens/bearer`,
    revokeEndpoint: `${emu.url}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${emu.url}/v1/openid_connect/userinfo`,
  });
  return client;
}

/** Drive the consent page like a person: load it, submit the Connect form. */
async function consent(authorizeUri: string, decision = 'connect'): Promise<URL> {
  const page = await fetch(authorizeUri);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Connect');
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2].replace(/&amp;/g, '&'),
    ]),
  );
  const res = await fetch(`${emu.url}/connect/oauth2/consent`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, realmId: emu.credentials.realmId, decision }).toString(),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('OAuth 2.0', () => {
  it('runs the authorization code flow with intuit-oauth and the token works with node-quickbooks', async () => {
    const client = oauthClient();
    const uri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'xyz-123' });
    const back = await consent(uri);
    expect(back.origin + back.pathname).toBe('http://localhost:5173/qbo/callback');
    expect(back.searchParams.get('state')).toBe('xyz-123');
    expect(back.searchParams.get('realmId')).toBe(emu.credentials.realmId);
    const authResponse = await client.createToken(back.toString());
    const token = authResponse.getJson();
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(3600);
    expect(token.x_refresh_token_expires_in).toBeGreaterThan(86400 * 90);
    const qbo = qboClient(emu, { accessToken: token.access_token, refreshToken: token.refresh_token });
    const info = await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    expect(info.CompanyName).toBe('Settle Sandbox Company');
    // Codes are single use.
    await expect(client.createToken(back.toString())).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('cancel redirects back with error=access_denied', async () => {
    const uri = oauthClient().authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's1' });
    const back = await consent(uri, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('rotates refresh tokens; the previous one works for 24 h, then invalid_grant', async () => {
    const { refreshToken } = await control(emu, '/credentials');
    const qbo = qboClient(emu, { accessToken: 'x', refreshToken });
    const first = await call((cb) => qbo.refreshAccessToken(cb));
    expect(first.refresh_token).not.toBe(refreshToken);
    expect(qbo.refreshToken).toBe(first.refresh_token);
    expect(await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb))).toHaveProperty('CompanyName');
    // Previous token still accepted within the grace period.
    const client = oauthClient();
    const again = await client.refreshUsingToken(refreshToken);
    expect(again.getJson().access_token).toBeTruthy();
    await control(emu, '/clock/advance', { hours: 25 });
    await expect(oauthClient().refreshUsingToken(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The newest one still works.
    const latest = await call((cb) => qbo.refreshAccessToken(cb));
    expect(latest.access_token).toBeTruthy();
  });

  it('revoked tokens get invalid_grant and the access token stops working', async () => {
    const { accessToken, refreshToken } = await control(emu, '/credentials');
    const client = oauthClient();
    await client.revoke({ refresh_token: refreshToken });
    await expect(oauthClient().refreshUsingToken(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    const qbo = qboClient(emu, { accessToken, refreshToken });
    const err = await callError((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    expect(err.status).toBe(401);
    // credentials endpoint hands out a fresh working pair afterwards
    const fresh = await control(emu, '/credentials');
    expect(fresh.refreshToken).not.toBe(refreshToken);
  });

  it('expired access token → 401 AuthenticationFailed fault', async () => {
    const creds = await control(emu, '/credentials');
    const qbo = qboClient(emu, creds);
    await call((cb) => qbo.getCompanyInfo(creds.realmId, cb));
    await control(emu, '/clock/advance', { seconds: 3601 });
    const err = await callError((cb) => qbo.getCompanyInfo(creds.realmId, cb));
    expect(err.status).toBe(401);
    expect(err.body.fault.error[0].message).toBe('message=AuthenticationFailed; errorCode=003200; statusCode=401');
    expect(err.body.fault.type).toBe('AUTHENTICATION');
    // refreshing via node-quickbooks recovers
    await call((cb) => qbo.refreshAccessToken(cb));
    expect(await call((cb) => qbo.getCompanyInfo(creds.realmId, cb))).toHaveProperty('Id', '1');
  });

  it('rejects bad client credentials with invalid_client and wrong realm with 403', async () => {
    const res = await fetch(`${emu.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('nope:nope').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=refresh_token&refresh_token=abc',
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
    const creds = await control(emu, '/credentials');
    const r2 = await fetch(`${emu.url}/v3/company/123/companyinfo/123`, {
      headers: { authorization: `Bearer ${creds.accessToken}` },
    });
    expect(r2.status).toBe(403);
  });
});
