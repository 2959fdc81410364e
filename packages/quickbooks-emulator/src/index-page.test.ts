import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './testing.js';
import type { QuickBooksEmulator } from './types.js';

let emu: QuickBooksEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe('the emulator address opened in a browser', () => {
  it('says what it is, its API base and its company, instead of a JSON 404', async () => {
    const res = await fetch(`${emu.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<h1>QuickBooks Online emulator</h1>');
    expect(html).toContain(`${emu.url}/v3/company/`);
    expect(html).toContain(emu.credentials.realmId);
    expect(html).toContain('Settle Sandbox Company');
    expect(html).toContain('href="/__emulator/health"');
    expect(html).toContain('<meta name="viewport"');
    expect(html).toContain('<link rel="icon" href="data:,">');
    // Other unknown paths still answer as before.
    expect((await fetch(`${emu.url}/nope`)).status).toBe(404);
  });
});
