import 'reflect-metadata';
import { runSpaBudget, runWhenMain } from './spa-budget.js';

/**
 * Admin budgets (spa-budget.ts): initial JS, and first contentful paint of the invoice list, the page staff
 * work from, on localhost in headless Chromium (cold cache per run), signed in as the org's owner.
 */
export const run = () =>
  runSpaBudget('admin', async (c, orgId) => {
    const email = `owner-${Date.now()}@bench.test`;
    await c.auth.createUser(orgId, { email, name: 'Owner', role: 'OWNER', password: 'correct horse battery' });
    return (await c.auth.login(email, 'correct horse battery')).token;
  });

runWhenMain(import.meta.url, run);
