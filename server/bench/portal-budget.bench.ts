import 'reflect-metadata';
import { acceptedPortalUser } from '../test/browser/portal-fixtures.js';
import { runSpaBudget, runWhenMain } from './spa-budget.js';

/**
 * Portal budgets (spa-budget.ts): initial JS, and first contentful paint of the invoice list on localhost
 * in headless Chromium (Performance API `paint` entries, cold cache per run), signed in as a portal user.
 */
export const run = () =>
  runSpaBudget('portal', async (c, orgId, f) => (await acceptedPortalUser(c, orgId, f.client.id)).token);

runWhenMain(import.meta.url, run);
