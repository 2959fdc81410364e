import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, control, qboClient, serviceLine, startEmulator } from './testing.js';

const dir = mkdtempSync(join(tmpdir(), 'qbo-emu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stateFile persistence', () => {
  it('keeps credentials, entities, tokens and requestid cache across a restart', async () => {
    const stateFile = join(dir, 'qbo.json');
    const a = await startEmulator({ stateFile });
    const qboA = qboClient(a);
    const inv = await call((cb) =>
      qboA.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(42)], requestId: 'persist-1' }, cb),
    );
    const refreshed = await call((cb) => qboA.refreshAccessToken(cb));
    await a.close();

    const b = await startEmulator({ stateFile });
    expect(b.credentials.realmId).toBe(a.credentials.realmId);
    expect(b.credentials.clientSecret).toBe(a.credentials.clientSecret);
    const qboB = qboClient(b, { accessToken: refreshed.access_token, refreshToken: refreshed.refresh_token });
    const got = await call((cb) => qboB.getInvoice(inv.Id, cb));
    expect(got).toMatchObject({ TotalAmt: 42, DocNumber: inv.DocNumber });
    const replay = await call((cb) =>
      qboB.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(42)], requestId: 'persist-1' }, cb),
    );
    expect(replay.Id).toBe(inv.Id);
    expect((await control(b, '/entities?type=Invoice')).entities.Invoice).toHaveLength(1);
    await control(b, '/reset', {});
    expect((await control(b, '/entities?type=Invoice')).entities.Invoice ?? []).toHaveLength(0);
    await b.close();
  });
});
