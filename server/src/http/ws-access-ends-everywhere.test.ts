import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../test/harness.js';
import { twoApisForFile } from '../../test/for-file.js';
import { billingFixture } from '../../test/fixtures.js';
import { wsClient } from '../../test/ws-client.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';

/**
 * A subscription held open on one API process ends as soon as the caller's access ends, whichever process
 * (or statement) ended it: an integrator's revoked token, a disabled user. The periodic re-check (15 s by
 * default) is only the fallback for a lost LISTEN connection; until it ran, the socket kept receiving the
 * org's invoice updates.
 */
const { s, other } = twoApisForFile();

/** A subscriber on the second process; resolves `opened` once its first (current) answer arrived. */
function subscribeOnOther(token: string, invoiceId: string) {
  const state: { closeCode: number | null; answers: number } = { closeCode: null, answers: 0 };
  const client = wsClient(other.url, token);
  let opened!: () => void;
  const ready = new Promise<void>((r) => (opened = r));
  client.on('closed', (e) => (state.closeCode = (e as { code: number }).code));
  client.subscribe(
    { query: `subscription($i:ID){invoiceUpdated(invoiceId:$i,current:true){invoiceId}}`, variables: { i: invoiceId } },
    {
      next: () => {
        state.answers++;
        opened();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { state, ready, dispose: async () => client.dispose() };
}

async function msUntilClosed(state: { closeCode: number | null }): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 5_000) {
    if (state.closeCode !== null) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Infinity;
}

describe('websockets on another process', () => {
  it('close at once when an API token is revoked in another process', async () => {
    const A = await createOrgWithOwner(s, 'WS revoke');
    const inv = await (await billingFixture(s.container, A.org.id)).sentInvoice(60);
    const sub = subscribeOnOther(A.apiToken, inv.id);
    await sub.ready;
    const [token] = await s.container.apiTokens.list(A.org.id);
    await s.container.apiTokens.revoke(A.org.id, SYSTEM_ACTOR, token!.id);
    expect(await msUntilClosed(sub.state)).toBeLessThan(2_000);
    expect(sub.state.closeCode).toBe(4401);
    await sub.dispose();
  });

  it('close at once when the user is disabled (by any statement)', async () => {
    const A = await createOrgWithOwner(s, 'WS disable');
    const inv = await (await billingFixture(s.container, A.org.id)).sentInvoice(60);
    const sub = subscribeOnOther(A.token, inv.id);
    await sub.ready;
    await s.container.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [A.owner.id]);
    expect(await msUntilClosed(sub.state)).toBeLessThan(2_000);
    expect(sub.state.closeCode).toBe(4401);
    await sub.dispose();
  });

  it('close when a token comes to act as less (its creator demoted): the socket kept its admin reach', async () => {
    const A = await createOrgWithOwner(s, 'WS demote');
    const email = `admin-${Date.now()}@ws-demote.test`;
    const admin = await s.container.auth.createUser(A.org.id, {
      email,
      name: 'Demoted Admin',
      role: 'ADMIN',
      password: 'correct horse battery',
    });
    const token = (await s.container.auth.createApiToken(A.org.id, { ...SYSTEM_ACTOR, id: admin.id }, 'ci', 'admin'))
      .token;
    const client = wsClient(other.url, token);
    let closeCode: number | null = null;
    client.on('closed', (e) => (closeCode = (e as { code: number }).code));
    // Held open for the whole test (a client closes its socket when nothing runs on it).
    client.subscribe(
      { query: `subscription{invoiceUpdated{invoiceId}}` },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    const adminRead = () =>
      new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
        const out: { data?: unknown; errors?: unknown } = {};
        client.subscribe(
          { query: `{webhookEndpoints{id}}` },
          { next: (v) => Object.assign(out, v), error: (e) => resolve({ errors: e }), complete: () => resolve(out) },
        );
      });
    expect((await adminRead()).data).toEqual({ webhookEndpoints: [] });

    await s.container.db.query(`UPDATE users SET role = 'BILLING' WHERE id = $1`, [admin.id]);
    const state = {
      get closeCode() {
        return closeCode;
      },
    };
    expect(await msUntilClosed(state)).toBeLessThan(2_000);
    expect(closeCode).toBe(4401);
    expect(await adminRead()).not.toHaveProperty('data.webhookEndpoints');
    await client.dispose();
  });
});
