import type { EmulatorContext } from './context.js';
import { type Router, escapeHtml, sendHtml } from './http-utils.js';

/**
 * `GET /`: what a person opening the emulator's address sees (`pnpm start` prints it as the QuickBooks
 * sandbox): what it is, its API base, its companies and where to look further. A bare JSON 404 there read
 * as "not running".
 */
export function registerIndexPage(router: Router, ctx: EmulatorContext): void {
  router.on('GET', '/', (_req, res) => {
    const base = ctx.publicUrl();
    const companies = Object.values(ctx.store.state.realms).map((realm) => {
      const info = Object.values(realm.records.CompanyInfo ?? {})[0]?.entity as { CompanyName?: string } | undefined;
      const name = info?.CompanyName ? ` · ${escapeHtml(info.CompanyName)}` : '';
      return `<li>realm <code>${escapeHtml(realm.realmId)}</code>${name}</li>`;
    });
    sendHtml(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>QuickBooks Online emulator</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"></head>
<body style="font-family:system-ui,sans-serif;margin:2rem;max-width:40rem;overflow-wrap:anywhere">
<h1>QuickBooks Online emulator</h1>
<p>A local QuickBooks Online for the real SDKs: no data leaves this machine.</p>
<p>API base: <code>${escapeHtml(base)}/v3/company/</code> · OAuth: <code>${escapeHtml(base)}/connect/oauth2</code></p>
<h2>Companies</h2><ul>${companies.join('')}</ul>
<p><a href="/__emulator/health">health</a> · <a href="/__emulator/credentials">credentials</a> (client id, tokens: JSON)</p>
</body></html>`,
    );
  });
}
