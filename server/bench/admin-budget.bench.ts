import 'reflect-metadata';
import { billingFixture } from '../test/fixtures.js';
import { ensureBuilt } from '../test/browser/build-web.js';
import { launchChromium } from '../test/browser/browser-harness.js';
import { benchDatabase, benchSettle, section } from './bench-env.js';
import { firstPaints, initialJs } from './spa-budget.js';

/**
 * Admin budgets: initial JS ≤ 400 KB gzip (issue #5), and first contentful paint of the invoice list (the
 * page staff work from) ≤ 1 s p50 on localhost in headless Chromium, cold cache per run (issue #17).
 */
const JS_BUDGET_BYTES = 400 * 1024;
const FCP_BUDGET_MS = 1000;
const RUNS = Number(process.env.ADMIN_FCP_RUNS ?? 7);

export async function run(): Promise<void> {
  section('Admin budget: initial JS and first contentful paint of the invoice list');
  ensureBuilt('admin');
  initialJs('admin', JS_BUDGET_BYTES);

  const db = await benchDatabase('admin');
  const settle = await benchSettle(db.url);
  const browser = await launchChromium();
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Bench Admin', slug: `bench-admin-${Date.now()}` });
    const f = await billingFixture(c, org.id, { clientName: 'Bench Client' });
    for (let i = 0; i < 25; i++) await f.sentInvoice(30 + i);
    const email = `owner-${Date.now()}@bench.test`;
    await c.auth.createUser(org.id, { email, name: 'Owner', role: 'OWNER', password: 'correct horse battery' });
    const { token } = await c.auth.login(email, 'correct horse battery');
    await firstPaints({
      label: 'admin invoice list',
      browser,
      baseUrl: settle.url,
      token,
      pagePath: '/admin/invoices',
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
