import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callError, control, qboClient, startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
let qbo: any;
beforeAll(async () => {
  emu = await startEmulator({ ratePerMinute: 20 });
  qbo = qboClient(emu);
});
afterAll(() => emu.close());

describe('throttling and injected faults', () => {
  it('returns 429 with the throttle fault past ratePerMinute, per realm, until the minute passes', async () => {
    await control(emu, '/clock/advance', { minutes: 2 });
    for (let i = 0; i < 20; i++) await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    const err = await callError((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    expect(err.status).toBe(429);
    expect(err.body.Fault.Error[0].Message).toContain('ThrottleExceeded');
    await control(emu, '/clock/advance', { seconds: 61 });
    await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
  });

  it('injects 500 / 503 for the next N matching requests only', async () => {
    await control(emu, '/clock/advance', { minutes: 2 });
    await control(emu, '/faults', { status: 500, count: 2, method: 'POST', pathPattern: '/customer$' });
    const e1 = await callError((cb) => qbo.createCustomer({ DisplayName: 'Flaky 1' }, cb));
    expect(e1.status).toBe(500);
    expect(e1.body.Fault.type).toBe('SystemFault');
    // GET does not match the filter
    await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
    expect((await callError((cb) => qbo.createCustomer({ DisplayName: 'Flaky 1' }, cb))).status).toBe(500);
    const ok = await call((cb) => qbo.createCustomer({ DisplayName: 'Flaky 1' }, cb));
    expect(ok.DisplayName).toBe('Flaky 1');
    const dump = await control(emu, '/entities?type=Customer');
    expect(dump.entities.Customer.filter((c: any) => c.DisplayName === 'Flaky 1')).toHaveLength(1);
    await control(emu, '/faults', { status: 503 });
    expect((await callError((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb))).status).toBe(503);
  });

  it('hangs a request on an injected timeout', async () => {
    await control(emu, '/faults', { kind: 'timeout', hangMs: 2000 });
    const started = Date.now();
    const res = await fetch(`${emu.url}/v3/company/${emu.credentials.realmId}/companyinfo/${emu.credentials.realmId}`, {
      headers: { authorization: `Bearer ${qbo.token}` },
      signal: AbortSignal.timeout(300),
    }).catch((e) => e);
    expect(res).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await call((cb) => qbo.getCompanyInfo(emu.credentials.realmId, cb));
  });
});
