import 'reflect-metadata';
import { billingFixture } from '../test/fixtures.js';
import { ensureBuilt } from '../test/browser/build-web.js';
import { launchChromium } from '../test/browser/browser-harness.js';
import { acceptedPortalUser } from '../test/browser/portal-fixtures.js';
import { benchDatabase, benchSettle, section } from './bench-env.js';
import { firstPaints, initialJs } from './spa-budget.js';

/**
 * Portal budgets (issue #5): initial JS ≤ 250 KB gzip, and first contentful paint of the invoice list
 * ≤ 1 s on localhost in headless Chromium (Performance API `paint` entries, cold cache per run).
 */
const JS_BUDGET_BYTES = 250 * 1024;
const FCP_BUDGET_MS = 1000;
const RUNS = Number(process.env.PORTAL_FCP_RUNS ?? 7);

export async function run(): Promise<void> {
  section('Portal budget: initial JS and first contentful paint of the invoice list');
  ensureBuilt('portal');
  initialJs('portal', JS_BUDGET_BYTES);

  const db = await benchDatabase('portal');
  const settle = await benchSettle(db.url);
  const browser = await launchChromium();
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Bench Portal', slug: `bench-portal-${Date.now()}` });
    const f = await billingFixture(c, org.id, { clientName: 'Bench Client' });
    for (let i = 0; i < 25; i++) await f.sentInvoice(30 + i);
    const user = await acceptedPortalUser(c, org.id, f.client.id);
    await firstPaints({
      label: 'portal invoice list',
      browser,
      baseUrl: settle.url,
      token: user.token,
      pagePath: '/portal/invoices',
      readyTestId: 'invoice-row',
      runs: RUNS,
      budgetMs: FCP_BUDGET_MS,
    });
  } finally {
    await browser.close();
    await settle.stop();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
